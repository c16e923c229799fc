import { describe, expect, it, vi } from 'vitest'
import { createFrameBridge } from './frame-bridge'

const PARENT = 'https://app.example.test'

function setup() {
  const self = new EventTarget() as unknown as Window
  const parent = { postMessage: vi.fn() } as unknown as Window & {
    postMessage: ReturnType<typeof vi.fn>
  }
  const bridge = createFrameBridge({ parentOrigin: PARENT, self, parent, tokenTimeout: 50 })
  const deliver = (data: unknown, origin = PARENT, source: unknown = parent) =>
    self.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }))
  return { bridge, parent, deliver }
}

describe('frame bridge', () => {
  it('posts to the parent’s exact origin, never "*"', () => {
    const { bridge, parent } = setup()
    bridge.post({ type: 'ready' })
    bridge.post({ type: 'event', name: 'open', metadata: {} })
    expect(parent.postMessage.mock.calls).toEqual([
      [{ jumplink: 1, type: 'ready' }, PARENT],
      [{ jumplink: 1, type: 'event', name: 'open', metadata: {} }, PARENT],
    ])
  })

  it('takes init only from the parent’s origin and window, and only once', () => {
    const { bridge, deliver } = setup()
    const onInit = vi.fn()
    bridge.onInit(onInit)
    deliver({ jumplink: 1, type: 'init', linkToken: 'evil' }, 'https://evil.test')
    deliver({ jumplink: 1, type: 'init', linkToken: 'evil' }, PARENT, {})
    deliver({ jumplink: 1, type: 'init' })
    expect(onInit).not.toHaveBeenCalled()
    deliver({ jumplink: 1, type: 'init', linkToken: 'lt_1', theme: 'dark' })
    deliver({ jumplink: 1, type: 'init', linkToken: 'lt_2' })
    expect(onInit).toHaveBeenCalledExactlyOnceWith({
      jumplink: 1,
      type: 'init',
      linkToken: 'lt_1',
      theme: 'dark',
    })
  })

  it('gives an init that came before subscribing', () => {
    const { bridge, deliver } = setup()
    deliver({ jumplink: 1, type: 'init', linkToken: 'lt_1' })
    const onInit = vi.fn()
    bridge.onInit(onInit)
    expect(onInit).toHaveBeenCalledOnce()
  })

  it('asks the host for a new token and ignores answers from elsewhere', async () => {
    const { bridge, parent, deliver } = setup()
    const next = bridge.requestToken('lt_1')
    expect(parent.postMessage).toHaveBeenCalledWith({ jumplink: 1, type: 'token_expired' }, PARENT)
    deliver({ jumplink: 1, type: 'token', linkToken: 'evil' }, 'https://evil.test')
    deliver({ jumplink: 1, type: 'token', linkToken: 'lt_2' })
    await expect(next).resolves.toBe('lt_2')
  })

  it('rejects when the host sends the same token again or nothing', async () => {
    const { bridge, deliver } = setup()
    const same = bridge.requestToken('lt_1')
    deliver({ jumplink: 1, type: 'token', linkToken: 'lt_1' })
    await expect(same).rejects.toThrow()
    await expect(bridge.requestToken('lt_1')).rejects.toThrow()
  })
})
