import { describe, expect, it } from 'vitest'
import { connectionContext, createVault, generateMasterKey, VaultError } from './vault'

const k1 = { id: 'k1', key: generateMasterKey() }
const k2 = { id: 'k2', key: generateMasterKey() }
const context = connectionContext('app_a', 'conn_1')

describe('vault', () => {
  it.each([
    ['a key', `jca_${'a'.repeat(36)}`],
    ['an empty string', ''],
    ['unicode', 'ключ 🔑 clé'],
    ['a long value', 'x'.repeat(10_000)],
  ])('round-trips %s', async (_label, value) => {
    const vault = await createVault({ keys: [k1], activeKeyId: 'k1' })
    const envelope = vault.encrypt(value, context)
    expect(envelope).not.toContain(value || '\u0000')
    expect(envelope.split('.').slice(0, 2)).toEqual(['v1', 'k1'])
    expect(vault.decrypt(envelope, context)).toBe(value)
  })

  it('uses a fresh nonce each time', async () => {
    const vault = await createVault({ keys: [k1], activeKeyId: 'k1' })
    expect(vault.encrypt('same', context)).not.toBe(vault.encrypt('same', context))
  })

  it('refuses a ciphertext moved to another connection or host app', async () => {
    const vault = await createVault({ keys: [k1], activeKeyId: 'k1' })
    const envelope = vault.encrypt('secret', context)
    expect(() => vault.decrypt(envelope, connectionContext('app_a', 'conn_2'))).toThrow(VaultError)
    expect(() => vault.decrypt(envelope, connectionContext('app_b', 'conn_1'))).toThrow(VaultError)
  })

  it('refuses tampering, a wrong key, an unknown key id and garbage', async () => {
    const vault = await createVault({ keys: [k1], activeKeyId: 'k1' })
    const envelope = vault.encrypt('secret', context)
    const [v, kid, nonce, sealed = ''] = envelope.split('.')
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`
    expect(() => vault.decrypt([v, kid, nonce, flipped].join('.'), context)).toThrow(VaultError)
    const other = await createVault({
      keys: [{ id: 'k1', key: generateMasterKey() }],
      activeKeyId: 'k1',
    })
    expect(() => other.decrypt(envelope, context)).toThrow(VaultError)
    expect(() => vault.decrypt(envelope.replace('.k1.', '.k9.'), context)).toThrow(/k9/)
    expect(() => vault.decrypt('not an envelope', context)).toThrow(VaultError)
  })

  it('opens old values after rotation and says which are stale', async () => {
    const before = await createVault({ keys: [k1], activeKeyId: 'k1' })
    const old = before.encrypt('secret', context)
    const after = await createVault({ keys: [k1, k2], activeKeyId: 'k2' })
    expect(after.decrypt(old, context)).toBe('secret')
    expect(after.isStale(old)).toBe(true)
    expect(after.isStale(after.encrypt('secret', context))).toBe(false)
  })

  it('rejects bad key material at construction', async () => {
    await expect(
      createVault({ keys: [{ id: 'k1', key: new Uint8Array(16) }], activeKeyId: 'k1' }),
    ).rejects.toThrow(/32 bytes/)
    await expect(createVault({ keys: [k1], activeKeyId: 'k2' })).rejects.toThrow(/active/)
    await expect(createVault({ keys: [k1, k1], activeKeyId: 'k1' })).rejects.toThrow(/twice/)
  })
})
