// What every unified call pays before it reaches the directory: the integration token's check
// (EdDSA signature, pinned claims) and the decryption of the connection's API key
// (XChaCha20-Poly1305), with the real token service and vault, in this process. Also, apart, the
// store lookups the request path makes around them (embedded PGlite, in memory). A token is
// verified once and then remembered by its hash, and the rows are kept a moment: both are
// measured the first time and as every later request of a busy host backend pays them.
import { Bench } from 'tinybench'
import { createTokenService } from '../packages/link-server/src/crypto/tokens.ts'
import {
  connectionContext,
  createVault,
  generateMasterKey,
} from '../packages/link-server/src/crypto/vault.ts'
import { createHostApp } from '../packages/link-server/src/host-apps.ts'
import { createConnectionRowCache } from '../packages/link-server/src/middleware/require-integration-token/connection-rows.ts'
import { openPGliteStore } from '../packages/link-server/src/storage/open.ts'
import { SCENARIO_KEYS } from '../packages/sandbox/src/index.ts'
import { defineBenchmark, type Measurement } from './harness.ts'
import { round } from './support/stats.ts'

/** More than the first-check figure can run in its second (about 4,000 at 250 µs). */
const FRESH_TOKENS = 12_000

export default defineBenchmark({
  name: 'token-decrypt',
  description:
    'Per-request cost of the integration token check plus the API key decryption (real token service and vault)',
  async run() {
    const store = await openPGliteStore()
    try {
      const vault = await createVault({
        keys: [{ id: 'k1', key: generateMasterKey() }],
        activeKeyId: 'k1',
      })
      const tokens = createTokenService({
        keys: store.signingKeys,
        vault,
        issuer: 'http://localhost:3100',
      })
      const { hostApp } = await createHostApp(store, { name: 'Bench', allowedOrigins: [] })
      const now = new Date()
      const connectionId = 'conn_bench'
      const context = connectionContext(hostApp.id, connectionId)
      await store.connections.insert({
        id: connectionId,
        hostAppId: hostApp.id,
        provider: 'jumpcloud',
        endUserId: 'user-1',
        organizationId: 'f'.repeat(24),
        organizationName: 'Hooli',
        region: 'us',
        permissions: 'read',
        status: 'active',
        statusReason: null,
        credential: vault.encrypt(SCENARIO_KEYS.large, context),
        credentialKind: 'api_key',
        createdAt: now,
        updatedAt: now,
        lastCheckedAt: now,
      })
      const token = await tokens.signIntegrationToken({ connectionId, hostAppId: hostApp.id })
      const stored = await store.connections.get(hostApp.id, connectionId)
      const envelope = stored?.credential
      if (!envelope) throw new Error('the connection was not stored')
      // A wrong answer would make every figure meaningless.
      if (vault.decrypt(envelope, context) !== SCENARIO_KEYS.large) throw new Error('bad decrypt')

      // Tokens never checked before, one per run of the first-check figure (each is then kept).
      const fresh: string[] = []
      for (let i = 0; i < FRESH_TOKENS; i++) {
        fresh.push(await tokens.signIntegrationToken({ connectionId, hostAppId: hostApp.id }))
      }
      let nextFresh = 0
      const rows = createConnectionRowCache({
        read: async (hostAppId, id) => {
          const found = await store.hostApps.get(hostAppId)
          const connection = found && (await store.connections.get(hostAppId, id))
          return found && connection ? { hostApp: found, connection } : undefined
        },
      })
      await rows.get(hostApp.id, connectionId)

      const bench = new Bench({ time: 1000, warmupTime: 200 })
      bench
        .add('token check + decryption', async () => {
          await tokens.verifyIntegrationToken(token)
          vault.decrypt(envelope, context)
        })
        .add('token check, a token seen before', async () => {
          await tokens.verifyIntegrationToken(token)
        })
        .add('token check, a new token (signature verified)', async () => {
          const next = fresh[nextFresh++]
          if (!next) throw new Error('out of fresh tokens: raise FRESH_TOKENS')
          await tokens.verifyIntegrationToken(next)
        })
        .add('decryption alone', () => {
          vault.decrypt(envelope, context)
        })
        .add('store lookups of one unified request', async () => {
          // As the token middleware reads them when they are not kept: host app, connection.
          await store.hostApps.get(hostApp.id)
          await store.connections.get(hostApp.id, connectionId)
        })
        .add('store lookups, rows kept (a busy connection)', async () => {
          await rows.get(hostApp.id, connectionId)
        })
      await bench.run()

      const measurements: Measurement[] = []
      for (const task of bench.tasks) {
        const result = task.result
        if (!result || !('latency' in result)) throw new Error(`${task.name} did not run`)
        const micros = result.latency.mean * 1000
        const samples = result.latency.samplesCount
        measurements.push({
          name: `${task.name}`,
          value: round(micros, 1),
          unit: 'µs/op',
          note: `p99 ${round(result.latency.p99 * 1000, 1)} µs over ${samples} runs`,
        })
        if (task.name === 'token check + decryption') {
          measurements.push({
            name: 'token check + decryption',
            value: round(1e6 / micros, 0),
            unit: 'ops/s',
            note: 'one core, sequential: 1 s / the mean above (a token seen before)',
          })
        }
      }
      return measurements
    } finally {
      await store.close()
    }
  },
})
