import type { Organization } from './data/organization.ts'
import type { Random } from './random.ts'

/** How a key misbehaves on purpose; `normal` keys just answer. */
export type Behaviour = 'normal' | 'forbidden' | 'rateLimited' | 'slow' | 'flaky'

/** The admin behind an API key: which organizations it reaches and how it behaves. */
export interface Account {
  organizations: Organization[]
  /** Multi-tenant admins must name an organization with `x-org-id` (jumpcloud-api.md §12). */
  multiTenant: boolean
  behaviour: Behaviour
}

/**
 * Keys in use. Rotating a key moves its account to a fresh key and forgets the old one, as
 * JumpCloud invalidates the old key when a new one is generated.
 */
export class KeyRegistry {
  private readonly accounts = new Map<string, Account>()

  constructor(private readonly random: Random) {}

  set(key: string, account: Account): void {
    this.accounts.set(key, account)
  }

  find(key: string): Account | undefined {
    return this.accounts.get(key)
  }

  /** The same admin with another behaviour (a role change, say), for this key only. */
  setBehaviour(key: string, behaviour: Behaviour): void {
    const account = this.accounts.get(key)
    if (!account) throw new Error('unknown API key')
    this.accounts.set(key, { ...account, behaviour })
  }

  rotate(oldKey: string): string {
    const account = this.accounts.get(oldKey)
    if (!account) throw new Error('unknown API key: only a key in use can be rotated')
    let newKey = `jca_${this.random.alnum(36)}`
    while (this.accounts.has(newKey)) newKey = `jca_${this.random.alnum(36)}`
    this.accounts.delete(oldKey)
    this.accounts.set(newKey, account)
    return newKey
  }
}
