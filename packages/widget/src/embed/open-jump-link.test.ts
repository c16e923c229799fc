import { afterEach, describe, expect, it, vi } from 'vitest'
import { type JumpLinkEmbed, openJumpLink } from './open-jump-link'

const SERVER = 'https://link.example.test'
const TOKEN = 'lt_secret_token_value'

function frame(): HTMLIFrameElement {
  const element = document.querySelector<HTMLIFrameElement>('iframe[data-jumplink-frame]')
  if (!element) throw new Error('no frame')
  return element
}

/** A message as the browser would deliver it to the host page. */
function deliver(data: unknown, { origin = SERVER, source = frame().contentWindow } = {}) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }))
}

function spyOnFrame() {
  const contentWindow = frame().contentWindow
  if (!contentWindow) throw new Error('no frame window')
  return vi.spyOn(contentWindow, 'postMessage').mockImplementation(() => {})
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function open(options: Partial<Parameters<typeof openJumpLink>[0]> = {}) {
  const callbacks = { onSuccess: vi.fn(), onExit: vi.fn(), onEvent: vi.fn() }
  const handle = openJumpLink({ serverUrl: SERVER, linkToken: TOKEN, ...callbacks, ...options })
  handles.push(handle)
  return { handle, ...callbacks, post: spyOnFrame() }
}

const handles: JumpLinkEmbed[] = []
afterEach(() => {
  for (const handle of handles.splice(0)) handle.close()
})

describe('openJumpLink', () => {
  it('makes the rest of the page inert while the frame is open, and passes the locale', () => {
    const page = document.createElement('main')
    document.body.append(page)
    const { handle } = open({ locale: 'de-DE' })
    expect(page.hasAttribute('inert')).toBe(true)
    expect(frame().hasAttribute('inert')).toBe(false)
    expect(new URL(frame().src).searchParams.get('locale')).toBe('de-DE')
    handle.close()
    expect(page.hasAttribute('inert')).toBe(false)
    page.remove()
  })

  it('opens /link with the host origin and no token in the URL', () => {
    open()
    const url = new URL(frame().src)
    expect(url.origin + url.pathname).toBe(`${SERVER}/link`)
    expect(url.searchParams.get('origin')).toBe(window.location.origin)
    expect(frame().src).not.toContain(TOKEN)
    expect(frame().title).toBe('Connect your directory')
    expect(document.body.style.overflow).toBe('hidden')
  })

  it('sends the token by postMessage to the server origin once the frame is ready', async () => {
    const { post } = open({ theme: 'dark', brandColor: '#0a7' })
    expect(post).not.toHaveBeenCalled()
    deliver({ jumplink: 1, type: 'ready' })
    await flush()
    expect(post).toHaveBeenCalledExactlyOnceWith(
      { jumplink: 1, type: 'init', linkToken: TOKEN, theme: 'dark', brandColor: '#0a7' },
      SERVER,
    )
  })

  it('ignores messages from a wrong origin or another window', async () => {
    const { post, onSuccess, onExit } = open()
    const success = {
      jumplink: 1,
      type: 'success',
      data: { publicToken: 'p', organization: { id: 'o', name: null }, connectionId: 'c' },
    }
    deliver({ jumplink: 1, type: 'ready' }, { origin: 'https://evil.test' })
    deliver({ jumplink: 1, type: 'ready' }, { origin: `${SERVER}:8443` })
    deliver({ jumplink: 1, type: 'ready' }, { source: window })
    deliver(success, { origin: 'https://evil.test' })
    deliver(
      { jumplink: 1, type: 'exit', data: { reason: 'user_closed', step: 'consent' } },
      {
        origin: 'http://link.example.test',
      },
    )
    await flush()
    expect(post).not.toHaveBeenCalled()
    expect(onSuccess).not.toHaveBeenCalled()
    expect(onExit).not.toHaveBeenCalled()
    expect(document.querySelector('iframe')).not.toBeNull()
  })

  it('ignores malformed messages from the right origin', async () => {
    const { post, onSuccess } = open()
    deliver({ type: 'ready' })
    deliver({ jumplink: 1, type: 'success', data: { publicToken: 1 } })
    deliver('ready')
    await flush()
    expect(post).not.toHaveBeenCalled()
    expect(onSuccess).not.toHaveBeenCalled()
  })

  it('fetches a token with fetchLinkToken, and a new one when the frame says it expired', async () => {
    let issued = 0
    const fetchLinkToken = vi.fn(async () => `lt_${++issued}`)
    const { post } = open({ linkToken: undefined, fetchLinkToken })
    deliver({ jumplink: 1, type: 'ready' })
    await flush()
    deliver({ jumplink: 1, type: 'token_expired' })
    await flush()
    expect(fetchLinkToken).toHaveBeenCalledTimes(2)
    expect(post.mock.calls).toEqual([
      [{ jumplink: 1, type: 'init', linkToken: 'lt_1' }, SERVER],
      [{ jumplink: 1, type: 'token', linkToken: 'lt_2' }, SERVER],
    ])
  })

  it('never posts to "*"', async () => {
    const fetchLinkToken = vi.fn(async () => 'lt_x')
    const { post, handle } = open({ linkToken: undefined, fetchLinkToken })
    deliver({ jumplink: 1, type: 'ready' })
    deliver({ jumplink: 1, type: 'token_expired' })
    await flush()
    handle.close()
    expect(post.mock.calls.length).toBeGreaterThan(0)
    for (const call of post.mock.calls) expect(call[1]).toBe(SERVER)
  })

  it('passes events, success once, then closes when the frame exits, without onExit after success', async () => {
    const opener = document.createElement('button')
    document.body.append(opener)
    opener.focus()
    const { onEvent, onSuccess, onExit } = open()
    const data = { publicToken: 'p', organization: { id: 'o', name: 'Org' }, connectionId: 'c' }
    deliver({ jumplink: 1, type: 'event', name: 'step_view', metadata: { step: 'credentials' } })
    deliver({ jumplink: 1, type: 'success', data })
    deliver({ jumplink: 1, type: 'success', data })
    deliver({ jumplink: 1, type: 'exit', data: { reason: 'user_closed', step: 'done' } })
    expect(onEvent).toHaveBeenCalledWith('step_view', { step: 'credentials' })
    expect(onSuccess).toHaveBeenCalledExactlyOnceWith(data)
    expect(onExit).not.toHaveBeenCalled()
    expect(document.querySelector('iframe')).toBeNull()
    expect(document.body.style.overflow).toBe('')
    expect(opener).toHaveFocus()
    opener.remove()
  })

  it('reports user_closed with the last step when the host closes it, once', () => {
    const { handle, onExit } = open()
    deliver({ jumplink: 1, type: 'event', name: 'step_view', metadata: { step: 'instructions' } })
    handle.close()
    handle.close()
    expect(onExit).toHaveBeenCalledExactlyOnceWith({ reason: 'user_closed', step: 'instructions' })
    expect(document.querySelector('iframe')).toBeNull()
  })

  it('stops listening once closed', () => {
    const { handle, onSuccess } = open()
    const contentWindow = frame().contentWindow
    handle.close()
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: SERVER,
        source: contentWindow,
        data: {
          jumplink: 1,
          type: 'success',
          data: { publicToken: 'p', organization: { id: 'o', name: null }, connectionId: 'c' },
        },
      }),
    )
    expect(onSuccess).not.toHaveBeenCalled()
  })
})
