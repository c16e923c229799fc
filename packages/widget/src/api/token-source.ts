/** Where a link token comes from: the host's fixed token, or its `fetchLinkToken` callback. */
export interface TokenSourceOptions {
  linkToken?: string | undefined
  fetchLinkToken?: (() => Promise<string>) | undefined
}

export interface TokenSource {
  /** The token to send now; fetches one on first use when the host gave only a callback. */
  current(): Promise<string>
  /** A new token after the old one expired, or null when the host cannot give one. */
  refresh(expired: string): Promise<string | null>
}

/**
 * Tokens for one widget instance. Concurrent callers share one fetch, and a refresh for a token
 * that was already replaced returns the replacement instead of asking the host again.
 */
export function createTokenSource(getOptions: () => TokenSourceOptions): TokenSource {
  let pending: Promise<string> | null = null
  let replaced: { expired: string; next: Promise<string | null> } | null = null

  function fetchFresh(): Promise<string> | null {
    const fetchLinkToken = getOptions().fetchLinkToken
    if (!fetchLinkToken) return null
    const next = Promise.resolve()
      .then(fetchLinkToken)
      .then((token) => {
        if (typeof token !== 'string' || token === '')
          throw new Error('fetchLinkToken gave no token')
        return token
      })
    next.catch(() => {
      if (pending === next) pending = null
    })
    return next
  }

  return {
    current() {
      if (pending) return pending
      const { linkToken } = getOptions()
      if (linkToken) return Promise.resolve(linkToken)
      const fresh = fetchFresh()
      if (!fresh) return Promise.reject(new Error('Give linkToken or fetchLinkToken'))
      pending = fresh
      return fresh
    },
    refresh(expired) {
      if (replaced?.expired === expired) return replaced.next
      const fresh = fetchFresh()
      if (fresh) pending = fresh
      const next = fresh ? fresh.catch(() => null) : Promise.resolve(null)
      replaced = { expired, next }
      return next
    },
  }
}
