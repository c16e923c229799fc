import { afterEach, describe, expect, it } from 'vitest'
import { activateMasterKey, retireMasterKey } from './commands/master-keys'
import { reencryptAll } from './commands/reencrypt'
import { createVault, generateMasterKey, type Vault } from './crypto/vault'
import { createHostApp } from './host-apps'
import { createLogger } from './logger'
import { applyMasterKeyState, followMasterKeys, type MasterKeyRing } from './master-key-ring'
import { openPGliteStore } from './storage/open'
import type { Store } from './storage/store'

const k1 = { id: 'k1', key: generateMasterKey() }
const k2 = { id: 'k2', key: generateMasterKey() }
const keyOf = (envelope: string) => envelope.split('.')[1]

const open: { store?: Store; ring?: MasterKeyRing } = {}
afterEach(async () => {
  open.ring?.stop()
  await open.store?.close()
})

async function vaultWith(...keys: (typeof k1)[]): Promise<Vault> {
  return createVault({ keys, activeKeyId: 'k1' })
}

describe('applying the recorded master-key state', () => {
  it('seals under the key recorded as active, and drops retired keys', async () => {
    const vault = await vaultWith(k1, k2)
    const sealed = vault.encrypt('secret', 'ctx')
    expect(
      applyMasterKeyState(vault, { activeKeyId: 'k2', retiredKeyIds: [], version: 1 }, 'k1'),
    ).toEqual({ problems: [] })
    expect(keyOf(vault.encrypt('secret', 'ctx'))).toBe('k2')
    expect(vault.decrypt(sealed, 'ctx')).toBe('secret')

    applyMasterKeyState(vault, { activeKeyId: 'k2', retiredKeyIds: ['k1'], version: 2 }, 'k1')
    expect(vault.keyIds).toEqual(['k2'])
    expect(() => vault.decrypt(sealed, 'ctx')).toThrow(/not configured/)
  })

  it('keeps its own key when the recorded one is not among its keys, and says so', async () => {
    const vault = await vaultWith(k1)
    const { problems } = applyMasterKeyState(
      vault,
      { activeKeyId: 'k2', retiredKeyIds: ['k1'], version: 3 },
      'k1',
    )
    expect(vault.activeKeyId).toBe('k1')
    expect(vault.keyIds).toEqual(['k1'])
    expect(problems.join('\n')).toMatch(
      /k2 is active for every instance but is not in this instance/,
    )
    expect(problems.join('\n')).toMatch(/k1 is retired but still active/)
  })

  it('follows LINK_ACTIVE_MASTER_KEY until an operator records another', async () => {
    const vault = await createVault({ keys: [k1, k2], activeKeyId: 'k2' })
    applyMasterKeyState(vault, { activeKeyId: null, retiredKeyIds: [], version: 0 }, 'k2')
    expect(vault.activeKeyId).toBe('k2')
  })
})

describe('a running instance', () => {
  it('follows a change recorded by another process at its next check, or at once on reload', async () => {
    const store = await openPGliteStore()
    open.store = store
    const lines: string[] = []
    const logger = createLogger({ level: 'info', destination: { write: (l) => lines.push(l) } })
    const running = await vaultWith(k1, k2)
    open.ring = await followMasterKeys({
      store: store.masterKeys,
      vault: running,
      configuredActiveKeyId: 'k1',
      logger,
      checkEveryMs: 20,
    })
    expect(running.activeKeyId).toBe('k1')

    // The CLI, in a process of its own: the same database, its own vault.
    const cli = await vaultWith(k1, k2)
    expect(await activateMasterKey(store, cli, 'k2')).toMatchObject({ changed: true })
    await expect.poll(() => running.activeKeyId, { timeout: 2000 }).toBe('k2')
    expect(lines.join('')).toContain('applied a master-key change')

    // A retired key is dropped, here by the reload an event triggers, without waiting.
    applyMasterKeyState(cli, await store.masterKeys.get(), 'k1')
    await store.masterKeys.change({ retire: 'k1' })
    await open.ring.reload()
    expect(running.keyIds).toEqual(['k2'])
  })
})

describe('the CLI commands', () => {
  it('refuse a key the CLI does not hold, the active key, and a key that still seals secrets', async () => {
    const store = await openPGliteStore()
    open.store = store
    const vault = await vaultWith(k1, k2)
    expect(await activateMasterKey(store, vault, 'k3')).toEqual({
      changed: false,
      reason: 'k3 is not in LINK_MASTER_KEYS here',
    })
    expect(await retireMasterKey(store, vault, 'k1')).toMatchObject({
      changed: false,
      reason: expect.stringMatching(/active master key/),
    })
    // A signing key sealed under k1, then k2 activated: k1 still seals it until re-encryption.
    await store.signingKeys.insert({
      kid: 'sig1',
      publicJwk: '{}',
      privateJwk: vault.encrypt('{}', 'signing-key:sig1'),
      active: true,
      createdAt: new Date(),
      retiredAt: null,
    })
    expect(await activateMasterKey(store, vault, 'k2')).toMatchObject({ changed: true })
    applyMasterKeyState(vault, await store.masterKeys.get(), 'k1')
    expect(await retireMasterKey(store, vault, 'k1')).toMatchObject({
      changed: false,
      reason: expect.stringMatching(/1 stored secret\(s\) are still sealed under k1/),
    })
    await reencryptAll(store, vault)
    expect(await retireMasterKey(store, vault, 'k1')).toMatchObject({
      changed: true,
      state: { activeKeyId: 'k2', retiredKeyIds: ['k1'], version: 2 },
    })
    expect(await activateMasterKey(store, vault, 'k1')).toEqual({
      changed: false,
      reason: 'k1 is retired',
    })
  })

  it('count webhook endpoint secrets as sealed too (current and overlapping)', async () => {
    const store = await openPGliteStore()
    open.store = store
    const vault = await vaultWith(k1, k2)
    const { hostApp } = await createHostApp(store, { name: 'Hooks', allowedOrigins: [] })
    const now = new Date()
    await store.webhooks.insertEndpoint({
      id: 'we_1',
      hostAppId: hostApp.id,
      url: 'https://hooks.example/in',
      description: null,
      eventTypes: null,
      secret: vault.encrypt('whsec_new', 'ctx'),
      previousSecret: vault.encrypt('whsec_old', 'ctx'),
      previousSecretExpiresAt: new Date(now.getTime() + 60_000),
      status: 'enabled',
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    })
    expect(await activateMasterKey(store, vault, 'k2')).toMatchObject({ changed: true })
    applyMasterKeyState(vault, await store.masterKeys.get(), 'k1')
    expect(await retireMasterKey(store, vault, 'k1')).toMatchObject({
      changed: false,
      reason: expect.stringMatching(/2 stored secret\(s\) are still sealed under k1/),
    })
  })
})
