import { describe, expect, it } from 'vitest'
import { createAccessTokenCache } from './token-cache'
import type { AccessToken } from './token-endpoint'

const account = { clientId: 'sa-1', clientSecret: 'secret-1' }

/** A token seller that counts sales and can be held open to race callers against it. */
function seller(expiresIn = 3600) {
  let sold = 0
  let release: (() => void) | undefined
  let held = false
  const buy = async (): Promise<AccessToken> => {
    sold++
    const n = sold
    if (held) await new Promise<void>((resolve) => (release = resolve))
    return { value: `token-${n}`, expiresIn }
  }
  return {
    buy,
    sold: () => sold,
    hold: () => {
      held = true
    },
    release: () => {
      held = false
      release?.()
    },
  }
}

describe('access token cache', () => {
  it('buys one token for 100 callers at the same moment and reuses it after', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000 })
    const shop = seller()
    shop.hold()
    const waiting = Array.from({ length: 100 }, () => cache.get('conn_a', account, shop.buy))
    shop.release()
    const tokens = await Promise.all(waiting)
    expect(new Set(tokens)).toEqual(new Set(['token-1']))
    expect(await cache.get('conn_a', account, shop.buy)).toBe('token-1')
    expect(shop.sold()).toBe(1)
  })

  it('keeps connections apart', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000 })
    const shop = seller()
    expect(await cache.get('conn_a', account, shop.buy)).toBe('token-1')
    expect(await cache.get('conn_b', account, shop.buy)).toBe('token-2')
    expect(await cache.get('conn_a', account, shop.buy)).toBe('token-1')
  })

  it('refreshes shortly before expires_in: a minute early, or a tenth of a short lifetime', async () => {
    let now = 0
    const cache = createAccessTokenCache({ now: () => now, refreshMarginMs: 60_000 })
    const hour = seller(3600)
    await cache.get('conn_a', account, hour.buy)
    now = 3_539_999
    expect(await cache.get('conn_a', account, hour.buy)).toBe('token-1')
    now = 3_540_000
    expect(await cache.get('conn_a', account, hour.buy)).toBe('token-2')

    now = 0
    const short = seller(10)
    await cache.get('conn_b', account, short.buy)
    now = 8_999
    expect(await cache.get('conn_b', account, short.buy)).toBe('token-1')
    now = 9_000
    expect(await cache.get('conn_b', account, short.buy)).toBe('token-2')
  })

  it('a new secret (relink) misses the cache', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000 })
    const shop = seller()
    await cache.get('conn_a', account, shop.buy)
    const rotated = { ...account, clientSecret: 'secret-2' }
    expect(await cache.get('conn_a', rotated, shop.buy)).toBe('token-2')
    expect(await cache.get('conn_a', rotated, shop.buy)).toBe('token-2')
  })

  it('invalidating a refused token buys one new token, however many callers saw the refusal', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000 })
    const shop = seller()
    const first = await cache.get('conn_a', account, shop.buy)
    for (let i = 0; i < 10; i++) cache.invalidate('conn_a', first)
    const again = await Promise.all([1, 2, 3].map(() => cache.get('conn_a', account, shop.buy)))
    expect(again).toEqual(['token-2', 'token-2', 'token-2'])
    // A late refusal of the old token leaves the new one alone.
    cache.invalidate('conn_a', first)
    expect(await cache.get('conn_a', account, shop.buy)).toBe('token-2')
    expect(shop.sold()).toBe(2)
  })

  it('a failed purchase is shared by its waiters and not remembered', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000 })
    let calls = 0
    const failing = async (): Promise<AccessToken> => {
      calls++
      throw new Error('refused')
    }
    const results = await Promise.allSettled([
      cache.get('conn_a', account, failing),
      cache.get('conn_a', account, failing),
    ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(calls).toBe(1)
    expect(cache.size()).toBe(0)
    expect(await cache.get('conn_a', account, seller().buy)).toBe('token-1')
  })

  it('forgets the oldest connection past maxEntries', async () => {
    const cache = createAccessTokenCache({ now: () => 0, refreshMarginMs: 60_000, maxEntries: 2 })
    const shop = seller()
    await cache.get('conn_a', account, shop.buy)
    await cache.get('conn_b', account, shop.buy)
    await cache.get('conn_c', account, shop.buy)
    expect(cache.size()).toBe(2)
    expect(await cache.get('conn_a', account, shop.buy)).toBe('token-4')
  })
})
