import { PROVIDER_IDS } from '@jumplink/shared'
import type {
  DirectoryProvider,
  ProviderModule,
  ProviderOptions,
  ProviderRegistry,
} from './provider'

/**
 * Loads every provider shared's metadata lists, from `./<id>/index.ts`. Adding a directory is a
 * line in shared and a folder here; nothing else names it.
 */
export async function loadProviders(options: ProviderOptions = {}): Promise<ProviderRegistry> {
  const providers = new Map<string, DirectoryProvider>()
  for (const id of PROVIDER_IDS) {
    const module = (await import(`./${id}/index.ts`)) as ProviderModule
    providers.set(id, module.createProvider(options))
  }
  return providers
}

/** The provider new link sessions use (the first listed; the only one today). */
export const DEFAULT_PROVIDER_ID: string = PROVIDER_IDS[0]
