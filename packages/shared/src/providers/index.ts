import { jumpcloud } from './jumpcloud'
import type { ProviderMetadata } from './provider'

export type { ProviderMetadata } from './provider'

/** The only list of providers. Adding a directory means one line here and one in the server. */
export const PROVIDERS = { jumpcloud } as const satisfies Record<string, ProviderMetadata>

export type ProviderId = keyof typeof PROVIDERS
export const PROVIDER_IDS = Object.keys(PROVIDERS) as [ProviderId, ...ProviderId[]]

/** Whether a pasted key has the provider's key format (a hint for the form; the server decides). */
export function matchesKeyFormat(provider: ProviderMetadata, key: string): boolean {
  return new RegExp(provider.credential.pattern).test(key.trim())
}
