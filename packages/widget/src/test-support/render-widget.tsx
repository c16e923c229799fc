import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { vi } from 'vitest'
import { JumpLink } from '../JumpLink'
import type { JumpLinkOptions } from '../types'
import { createFakeLinkApi, type FakeLinkApiOptions, SERVER_URL } from './fake-link-api'

export function renderJumpLink(
  api: FakeLinkApiOptions = {},
  options: Partial<JumpLinkOptions> = {},
  { strict = false } = {},
) {
  const fake = createFakeLinkApi(api)
  const callbacks = { onSuccess: vi.fn(), onExit: vi.fn(), onEvent: vi.fn() }
  const props = {
    serverUrl: SERVER_URL,
    linkToken: 'lt_valid',
    fetch: fake.fetch,
    ...callbacks,
    ...options,
  } as JumpLinkOptions
  const element = <JumpLink {...props} />
  const user = userEvent.setup()
  const result = render(strict ? <StrictMode>{element}</StrictMode> : element)
  return { ...result, fake, user, ...callbacks }
}
