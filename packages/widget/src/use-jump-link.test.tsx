import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import {
  createFakeLinkApi,
  type FakeLinkApiOptions,
  SERVER_URL,
  VALID_KEY,
} from './test-support/fake-link-api'
import type { JumpLinkOptions } from './types'
import { useJumpLink } from './use-jump-link'

function Opener(props: JumpLinkOptions & { label?: string }) {
  const { open, ready, error } = useJumpLink(props)
  return (
    <div>
      <button type="button" onClick={open}>
        {props.label ?? 'Connect directory'}
      </button>
      <output>{ready ? 'ready' : error ? `error ${error.code}` : 'loading'}</output>
    </div>
  )
}

function setup(api: FakeLinkApiOptions = {}, { strict = false, instances = 1 } = {}) {
  const fake = createFakeLinkApi(api)
  const onSuccess = vi.fn()
  const onExit = vi.fn()
  const onEvent = vi.fn()
  const openers = Array.from({ length: instances }, (_, i) => `Connect ${i}`).map((label) => (
    <Opener
      key={label}
      label={label}
      serverUrl={SERVER_URL}
      linkToken="lt_valid"
      fetch={fake.fetch}
      onSuccess={onSuccess}
      onExit={onExit}
      onEvent={onEvent}
    />
  ))
  const tree = <>{openers}</>
  const user = userEvent.setup()
  const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  return { ...result, fake, user, onSuccess, onExit, onEvent }
}

describe('useJumpLink', () => {
  it('is ready once the session loaded, loading it once under StrictMode', async () => {
    const { fake, user } = setup({}, { strict: true })
    expect(await screen.findByText('ready')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    await screen.findByRole('dialog')
    expect(fake.callsTo('/v1/link/session')).toHaveLength(1)
  })

  it('reports why the session could not load', async () => {
    setup({ tokens: ['other'] })
    expect(await screen.findByText('error link_session_expired')).toBeInTheDocument()
  })

  it('opens an accessible modal with focus on the step heading', async () => {
    const { user, onEvent } = setup()
    await screen.findByText('ready')
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    const dialog = await screen.findByRole('dialog', { name: 'Connect Acme HR to JumpCloud' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 })).toHaveFocus())
    expect(document.body.style.overflow).toBe('hidden')
    expect(onEvent).toHaveBeenCalledWith('open', {})
  })

  it('keeps Tab inside the dialog', async () => {
    const { user } = setup()
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    await screen.findByRole('dialog')
    const close = screen.getByRole('button', { name: 'Close and cancel connecting' })
    const next = await screen.findByRole('button', { name: 'Continue' })
    await user.tab()
    await user.tab()
    await user.tab()
    expect(next).toHaveFocus()
    await user.tab()
    expect(close).toHaveFocus()
    await user.tab({ shift: true })
    expect(next).toHaveFocus()
  })

  it('closes on Escape, reports user_closed once and gives focus back', async () => {
    const { user, onExit } = setup()
    const opener = screen.getByRole('button', { name: 'Connect 0' })
    await user.click(opener)
    await screen.findByRole('heading', { level: 2 })
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(onExit).toHaveBeenCalledTimes(1)
    expect(onExit).toHaveBeenCalledWith({ reason: 'user_closed', step: 'consent' })
    expect(opener).toHaveFocus()
    expect(document.body.style.overflow).toBe('')
    expect(document.querySelectorAll('[data-jumplink-modal]')).toHaveLength(0)
  })

  it('opens once however often open() is called, and can open again after closing', async () => {
    const { user } = setup()
    const opener = screen.getByRole('button', { name: 'Connect 0' })
    await user.click(opener)
    await user.click(opener)
    await screen.findByRole('dialog')
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Close and cancel connecting' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await user.click(opener)
    expect(await screen.findByRole('dialog')).toBeInTheDocument()
  })

  it('connects in the modal, calls onSuccess once and closes on Done', async () => {
    const { user, onSuccess, onExit } = setup({}, { strict: true })
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    await user.click(screen.getByRole('button', { name: 'I have my key' }))
    await user.click(screen.getByLabelText('API key'))
    await user.paste(VALID_KEY)
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await user.click(await screen.findByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(onSuccess).toHaveBeenCalledTimes(1)
    expect(onExit).not.toHaveBeenCalled()
  })

  it('runs several instances side by side, each with its own session', async () => {
    const { fake, user } = setup({}, { instances: 2 })
    await waitFor(() => expect(screen.getAllByText('ready')).toHaveLength(2))
    expect(fake.callsTo('/v1/link/session')).toHaveLength(2)
    await user.click(screen.getByRole('button', { name: 'Connect 1' }))
    expect(await screen.findAllByRole('dialog')).toHaveLength(1)
  })

  it('removes an open modal when the host unmounts, and tells the host with onExit', async () => {
    const { user, unmount, onExit } = setup()
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    await screen.findByRole('dialog')
    unmount()
    await waitFor(() => expect(document.querySelectorAll('[data-jumplink-modal]')).toHaveLength(0))
    expect(onExit).toHaveBeenCalledTimes(1)
    expect(onExit).toHaveBeenCalledWith({ reason: 'user_closed', step: 'consent' })
  })

  it('makes the page behind the open modal inert, and live again once closed', async () => {
    const { user, container } = setup()
    await user.click(screen.getByRole('button', { name: 'Connect 0' }))
    await screen.findByRole('dialog')
    expect(container.closest('[inert]')).not.toBeNull()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(container.closest('[inert]')).toBeNull()
  })
})
