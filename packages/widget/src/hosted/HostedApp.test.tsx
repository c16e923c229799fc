import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { createFrameBridge } from '../bridge/frame-bridge'
import { createFakeLinkApi, SERVER_URL, VALID_KEY } from '../test-support/fake-link-api'
import { HostedApp } from './HostedApp'

const PARENT = 'https://app.example.test'

function setup(tokens = ['lt_valid']) {
  const parent = { postMessage: vi.fn() }
  const bridge = createFrameBridge({
    parentOrigin: PARENT,
    self: window,
    parent: parent as unknown as Window,
  })
  const fake = createFakeLinkApi({ tokens })
  render(<HostedApp bridge={bridge} serverUrl={SERVER_URL} fetch={fake.fetch} />)
  const fromHost = (data: unknown) =>
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', { data, origin: PARENT, source: parent as unknown as Window }),
      )
    })
  const sent = () => parent.postMessage.mock.calls.map(([message]) => message)
  return { bridge, parent, fake, fromHost, sent, user: userEvent.setup() }
}

describe('hosted /link page', () => {
  it('waits for init, runs the flow with the posted token and reports to the parent origin only', async () => {
    const { parent, fake, fromHost, sent, user } = setup()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await fromHost({ jumplink: 1, type: 'init', linkToken: 'lt_valid', brandColor: '#0a7' })
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    await user.click(screen.getByRole('button', { name: 'I have my key' }))
    await user.click(screen.getByLabelText('API key'))
    await user.paste(VALID_KEY)
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await user.click(await screen.findByRole('button', { name: 'Done' }))
    expect(fake.calls.every((call) => call.token === 'lt_valid')).toBe(true)
    expect(sent()).toContainEqual({
      jumplink: 1,
      type: 'success',
      data: expect.objectContaining({ publicToken: 'public_123' }),
    })
    expect(sent().at(-1)).toEqual({
      jumplink: 1,
      type: 'exit',
      data: { reason: 'user_closed', step: 'done' },
    })
    for (const call of parent.postMessage.mock.calls) expect(call[1]).toBe(PARENT)
    expect(document.querySelector('.jl-root')?.getAttribute('style')).toContain('--jl-brand: #0a7')
    expect(document.querySelector('style')).toBeNull()
  })

  it('asks the parent for a new token when the session expired', async () => {
    const tokens = ['lt_old']
    const { fromHost, sent, user } = setup(tokens)
    await fromHost({ jumplink: 1, type: 'init', linkToken: 'lt_old' })
    await user.click(await screen.findByRole('button', { name: 'Continue' }))
    await user.click(screen.getByRole('button', { name: 'I have my key' }))
    tokens.splice(0, 1, 'lt_new')
    await user.click(screen.getByLabelText('API key'))
    await user.paste(VALID_KEY)
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await waitFor(() => expect(sent()).toContainEqual({ jumplink: 1, type: 'token_expired' }))
    await fromHost({ jumplink: 1, type: 'token', linkToken: 'lt_new' })
    expect(await screen.findByRole('heading', { name: 'Connected' })).toBeInTheDocument()
  })
})
