import type { Region } from '@jumplink/shared'
import type { DirectoryCredential } from '../../credential'
import type { FetchLike } from '../../provider'
import { JUMPCLOUD } from '../config'
import { createAccessTokenCache } from './token-cache'
import { requestAccessToken } from './token-endpoint'

/** The headers one call carries, and what to do when JumpCloud refuses them. */
export interface Authorization {
  headers: Record<string, string>
  /**
   * JumpCloud answered 401 to these headers. True when another attempt may succeed (the access
   * token is forgotten and a new one will be bought); false when the credential itself is what
   * JumpCloud refuses.
   */
  renew(): boolean
}

export interface CredentialAuthorizerOptions {
  fetch: FetchLike
  baseUrl?: string | undefined
  timeoutMs: number
  now: () => number
}

/**
 * How a stored credential becomes JumpCloud request headers: an API key goes as `x-api-key`; a
 * service account's client credentials buy an access token (cached per connection, in memory)
 * that goes as `Authorization: Bearer`.
 */
export function createCredentialAuthorizer(options: CredentialAuthorizerOptions) {
  const tokens = createAccessTokenCache({
    now: options.now,
    refreshMarginMs: JUMPCLOUD.tokenRefreshMarginMs,
  })
  const endpoint = { fetch: options.fetch, baseUrl: options.baseUrl, timeoutMs: options.timeoutMs }

  /**
   * Headers for a call with this credential. `connectionId` names the cache entry; without it
   * (checking a credential while linking) a token is bought for this call alone.
   */
  async function authorize(
    credential: DirectoryCredential,
    region: Region,
    connectionId?: string,
  ): Promise<Authorization> {
    if (typeof credential === 'string') {
      return { headers: { [JUMPCLOUD.apiKeyHeader]: credential }, renew: () => false }
    }
    const buy = () =>
      requestAccessToken(endpoint, region, credential.clientId, credential.clientSecret)
    const token =
      connectionId === undefined
        ? (await buy()).value
        : await tokens.get(connectionId, credential, buy)
    return {
      headers: { authorization: `Bearer ${token}` },
      renew() {
        if (connectionId !== undefined) tokens.invalidate(connectionId, token)
        return true
      },
    }
  }

  return { authorize, cachedConnections: tokens.size }
}

export type CredentialAuthorizer = ReturnType<typeof createCredentialAuthorizer>
