import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Where this host app keeps its integration tokens, one per connection. A real app puts them in
 * its database next to the customer's account (encrypted); for a demo, memory or a JSON file.
 */
export interface TokenStore {
  get(connectionId: string): string | undefined
  set(connectionId: string, integrationToken: string): void
  delete(connectionId: string): void
}

export function createTokenStore(file?: string): TokenStore {
  const tokens = new Map<string, string>()
  if (file) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
      for (const [id, token] of Object.entries(saved)) tokens.set(id, token)
    } catch {
      // no file yet
    }
  }
  const save = () => {
    if (!file) return
    mkdirSync(dirname(file), { recursive: true })
    // Write then rename, so a crash never leaves half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(tokens), null, 2), {
      mode: 0o600,
    })
    renameSync(`${file}.tmp`, file)
  }
  return {
    get: (id) => tokens.get(id),
    set(id, token) {
      tokens.set(id, token)
      save()
    },
    delete(id) {
      tokens.delete(id)
      save()
    },
  }
}
