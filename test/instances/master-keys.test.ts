import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createHostApp, openPostgresStore, type Store } from '@jumplink/link-server'
import { type RunningSandbox, SCENARIO_KEYS, startSandbox } from '@jumplink/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../security/support/child-server'
import { connect } from '../security/support/flow'
import { createCaller } from '../security/support/http'
import { createDatabase, type FreshDatabase } from '../security/support/postgres'
import { type Instance, linkServerProcess } from './support/instance'

/**
 * Two link-server processes on one PostgreSQL and no Redis: a master key activated, then
 * retired with the CLI reaches both without a restart, through the version they check in the
 * database (every second here). Each seals new credentials under the activated key; after the
 * re-encryption and the retirement both still read, with the old key gone.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const key = () => randomBytes(32).toString('base64')

let sandbox: RunningSandbox
let database: FreshDatabase
let a: Instance
let b: Instance
let store: Store
let env: Record<string, string>
let secret: string

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 })
  database = await createDatabase('master_keys')
  env = {
    LINK_MODE: 'production',
    LINK_PUBLIC_URL: 'http://127.0.0.1:1',
    DATABASE_URL: database.url,
    LINK_MASTER_KEYS: `k1:${key()},k2:${key()}`,
    LINK_ACTIVE_MASTER_KEY: 'k1',
    LINK_DIRECTORY_URL: sandbox.url,
    LINK_SIGNING_KEY_REFRESH_SECONDS: '1',
    LINK_LOG_LEVEL: 'info',
  }
  a = linkServerProcess('a', await freePort(), env)
  b = linkServerProcess('b', await freePort(), env)
  await a.start()
  await b.start()
  store = await openPostgresStore({ databaseUrl: database.url, maxConnections: 2 })
  const made = await createHostApp(store, {
    name: 'Master keys host',
    allowedOrigins: ['https://host.example'],
  })
  secret = made.secret
}, 180_000)

afterAll(async () => {
  await a?.kill()
  await b?.kill()
  await store?.close()
  await sandbox?.close()
  await database?.drop()
})

/** `jumplink-server keys …` with the instances' configuration, as an operator runs it. */
function keys(...args: string[]) {
  const cli = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=source',
      'packages/link-server/src/cli/index.ts',
      'keys',
      ...args,
    ],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  )
  return { status: cli.status, output: `${cli.stdout}${cli.stderr}` }
}

/** A new connection through one instance; answers the master key its credential is sealed under. */
async function connectThrough(instance: Instance): Promise<{ sealedUnder: string; token: string }> {
  const { connectionId, token } = await connect(
    createCaller(instance.url),
    secret,
    SCENARIO_KEYS.single,
    sandbox.sandbox.organizations.single.id,
  )
  const row = (await store.connections.listCredentials()).find((r) => r.id === connectionId)
  return { sealedUnder: String(row?.credential.split('.')[1]), token }
}

const applied = (instance: Instance, text: string) =>
  instance.output
    .join('')
    .split('\n')
    .some((line) => line.includes('applied a master-key change') && line.includes(text))

describe('master-key changes on running instances', () => {
  it('an activated key seals on both instances, and a retired one is dropped by both, without a restart', async () => {
    expect((await connectThrough(a)).sealedUnder).toBe('k1')
    const before = await connectThrough(b)
    expect(before.sealedUnder).toBe('k1')

    expect(keys('retire-master', 'k1')).toMatchObject({ status: 1 })
    const activated = keys('activate-master', 'k2')
    expect(activated.status, activated.output).toBe(0)
    await expect.poll(() => applied(a, '"active_key_id":"k2"'), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => applied(b, '"active_key_id":"k2"'), { timeout: 10_000 }).toBe(true)
    expect((await connectThrough(a)).sealedUnder).toBe('k2')
    expect((await connectThrough(b)).sealedUnder).toBe('k2')

    // Still sealed under k1: refused until re-encrypted.
    const early = keys('retire-master', 'k1')
    expect(early.status).toBe(1)
    expect(early.output).toMatch(/still sealed under k1; run keys reencrypt first/)
    const reencrypted = keys('reencrypt')
    expect(reencrypted.status, reencrypted.output).toBe(0)
    expect(reencrypted.output).toMatch(/under k2/)
    const retired = keys('retire-master', 'k1')
    expect(retired.status, retired.output).toBe(0)
    await expect.poll(() => applied(a, '"key_ids":["k2"]'), { timeout: 10_000 }).toBe(true)
    await expect.poll(() => applied(b, '"key_ids":["k2"]'), { timeout: 10_000 }).toBe(true)

    // The first connection, re-sealed under k2, still reads through both.
    for (const instance of [a, b]) {
      const read = await createCaller(instance.url)(
        'GET',
        '/v1/unified/user-directory/users?limit=2',
        { token: before.token },
      )
      expect(read.status).toBe(200)
    }
  })
})
