import { randomBytes } from 'node:crypto'
import type { Account } from './accounts.ts'

/**
 * Fixed scenario service accounts (OAuth client credentials), so READMEs and tests can list
 * them. Each client id selects an organization or a behaviour of the token endpoint; see
 * README.md. The secrets are the ones to send; for `invalidSecret` it is one JumpCloud rejects.
 */
export const SCENARIO_SERVICE_ACCOUNTS = {
  /** One organization (Acme Corp), the same data as the `single` key. */
  single: {
    clientId: 'sandbox-sa-single-org',
    clientSecret: 'SandboxServiceAccountSecretSingle000001',
  },
  /** A service account of an MSP that manages three organizations; needs `x-org-id`. */
  msp: {
    clientId: 'sandbox-sa-msp-three-orgs',
    clientSecret: 'SandboxServiceAccountSecretMsp000000001',
  },
  /** A known client whose secret is wrong: the token endpoint answers 401 invalid_client. */
  invalidSecret: {
    clientId: 'sandbox-sa-invalid-secret',
    clientSecret: 'SandboxServiceAccountSecretWrong0000001',
  },
  /** The right secret, past the lifetime chosen when it was made: 401 invalid_client. */
  expiredSecret: {
    clientId: 'sandbox-sa-expired-secret',
    clientSecret: 'SandboxServiceAccountSecretExpired00001',
  },
  /** The token endpoint throttles this client: 429 with `Retry-After`. */
  throttled: {
    clientId: 'sandbox-sa-throttled',
    clientSecret: 'SandboxServiceAccountSecretThrottled001',
  },
} as const

export type ServiceAccountScenario = keyof typeof SCENARIO_SERVICE_ACCOUNTS

export interface ServiceAccountCredentials {
  clientId: string
  clientSecret: string
}

/** Seconds an access token lives unless the sandbox is told otherwise (JumpCloud: ~3600). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600

interface Client {
  account: Account
  /** Secrets that authenticate; JumpCloud allows two at once, for rotation. */
  secrets: Set<string>
  /** Secrets that match but have passed their lifetime. */
  expiredSecrets: Set<string>
  throttled: boolean
  /** Token requests received, answered or not, so tests can count them. */
  tokenRequests: number
}

interface IssuedToken {
  clientId: string
  secret: string
  expiresAt: number
}

export type TokenOutcome =
  | { ok: true; accessToken: string; expiresIn: number }
  | { ok: false; reason: 'invalid_client' | 'expired_secret' | 'throttled' }

/**
 * The service accounts the token endpoint knows, the secrets each accepts, and the access
 * tokens it has issued. Tokens are random and opaque (JumpCloud's are too); they expire by
 * the injected clock.
 */
export class ServiceAccountRegistry {
  private readonly clients = new Map<string, Client>()
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(
    private readonly clock: () => number,
    private readonly lifetimeSeconds: number,
  ) {}

  register(
    clientId: string,
    account: Account,
    options: { secrets?: string[]; expiredSecrets?: string[]; throttled?: boolean } = {},
  ): void {
    this.clients.set(clientId, {
      account,
      secrets: new Set(options.secrets ?? []),
      expiredSecrets: new Set(options.expiredSecrets ?? []),
      throttled: options.throttled ?? false,
      tokenRequests: 0,
    })
  }

  /** `POST /oauth2/token` with these Basic credentials. */
  issue(clientId: string, secret: string): TokenOutcome {
    const client = this.clients.get(clientId)
    if (!client) return { ok: false, reason: 'invalid_client' }
    client.tokenRequests++
    if (client.throttled) return { ok: false, reason: 'throttled' }
    if (client.expiredSecrets.has(secret)) return { ok: false, reason: 'expired_secret' }
    if (!client.secrets.has(secret)) return { ok: false, reason: 'invalid_client' }
    const accessToken = `ory_at_${randomBytes(32).toString('base64url')}`
    this.tokens.set(accessToken, {
      clientId,
      secret,
      expiresAt: this.clock() + this.lifetimeSeconds * 1000,
    })
    return { ok: true, accessToken, expiresIn: this.lifetimeSeconds }
  }

  /** The account behind a live bearer token; undefined when unknown, expired or revoked. */
  authenticate(accessToken: string): Account | undefined {
    const token = this.tokens.get(accessToken)
    if (!token) return undefined
    if (token.expiresAt <= this.clock()) {
      this.tokens.delete(accessToken)
      return undefined
    }
    return this.clients.get(token.clientId)?.account
  }

  /**
   * A new secret for the client; the old one stops working and so do the tokens it bought
   * (as when an admin deletes a secret after rotating).
   */
  rotateSecret(clientId: string): string {
    const client = this.clients.get(clientId)
    if (!client) throw new Error('unknown client id: only a registered service account rotates')
    const secret = `SandboxRotated${randomBytes(18).toString('base64url')}`
    const old = [...client.secrets]
    client.secrets = new Set([secret])
    for (const [value, token] of this.tokens) {
      if (token.clientId === clientId && old.includes(token.secret)) this.tokens.delete(value)
    }
    return secret
  }

  /** Ends every live token of the client now, as if their lifetime had passed. */
  expireTokens(clientId: string): number {
    if (!this.clients.has(clientId)) throw new Error('unknown client id')
    let count = 0
    for (const [value, token] of this.tokens) {
      if (token.clientId !== clientId) continue
      this.tokens.delete(value)
      count++
    }
    return count
  }

  tokenRequests(clientId: string): number {
    const client = this.clients.get(clientId)
    if (!client) throw new Error('unknown client id')
    return client.tokenRequests
  }

  /** Token requests per client id, for `/_sandbox`. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.clients].map(([id, c]) => [id, c.tokenRequests]))
  }
}
