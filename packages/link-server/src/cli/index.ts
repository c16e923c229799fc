#!/usr/bin/env node
// `jumplink-server <command>`: starts the link server and runs the operator commands, with the
// same configuration as the server (LINK_* and DATABASE_URL). In the workspace:
// `pnpm --filter @jumplink/link-server cli <command>`.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  MAX_SYNC_INTERVAL_SECONDS,
  MIN_SYNC_INTERVAL_SECONDS,
  SyncIntervalSchema,
} from '@jumplink/shared'
import { type Config, ConfigError, loadConfig } from '../env'
import type { SharedEvent } from '../shared-state/shared-state'
import { describeDatabase } from './database'

const USAGE = `Usage: jumplink-server <command> [options]

  start [--no-migrate]
      Runs the link server. It brings the database schema up to date first, unless
      --no-migrate: then it refuses to start while a migration is pending.
  migrate
      Brings the database schema up to date and exits (for rollouts that migrate first).
  host-apps create --name <name> --origin <https://app.example> [--origin …]
      Creates a host app and prints its secret key once.
  host-apps list
  host-apps set-sync-interval <host app id> --seconds <60…86400>
      How often the change feed syncs each of the host app's connections (default 900).
  host-apps rotate-secret <host app id> [--revoke-others]
      Adds a secret key (printed once); --revoke-others revokes every older one.
  keys generate-master-key [--id <id>]
      Prints a new master key for LINK_MASTER_KEYS.
  keys reencrypt
      Re-encrypts every stored credential and signing key under the active master key.
  keys activate-master <id>
      Makes a master key (in LINK_MASTER_KEYS of every instance) the one new secrets are sealed
      under; running instances follow without a restart. It overrides LINK_ACTIVE_MASTER_KEY.
  keys retire-master <id>
      Retires a master key once nothing is sealed under it (after keys reencrypt): running
      instances drop it without a restart.
  host-apps allow-private-webhooks <host app id> [--off]
      Lets the host app's webhook endpoints use loopback and private addresses (never
      link-local); --off takes that back. Demo mode allows them for every host app.
  host-apps revoke-demo
      Revokes the demo host app's secrets and connections (before production uses this database).
  keys rotate-signing
      Makes a new signing key active; old ones stay published and keep verifying.
  keys retire-signing <kid>
      Retires a signing key: its tokens stop verifying (a new key becomes active first if it was
      the active one); JWKS lists it until LINK_RETIRED_KEY_GRACE_SECONDS have passed.
  help
      Prints this.

Configuration comes from the environment, as for the server: DATABASE_URL for PostgreSQL,
else the embedded database in $LINK_DATA_DIR/db (default .jumplink/db, from where you run it).`

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'revoke-others': { type: 'boolean' },
      off: { type: 'boolean' },
      'no-migrate': { type: 'boolean' },
      id: { type: 'string' },
      seconds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [group, command, arg] = positionals
  if (values.help || group === 'help' || group === undefined) {
    console.log(USAGE)
    return
  }
  if (group === 'start') {
    const config = loadConfigOrExit()
    console.log(`jumplink-server: database ${describeDatabase(config)}`)
    // Imported here, as every module below: the server loads pg and the rest itself, after
    // starting the tracing that instruments them, and each command loads only what it uses.
    const { startLinkServer } = await import('../start')
    await startLinkServer(values['no-migrate'] ? { schemaPolicy: 'require-latest' } : {})
    return
  }
  if (group === 'keys' && command === 'generate-master-key') {
    const id = values.id ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`
    const { generateMasterKey } = await import('../crypto/vault')
    console.log(`${id}:${Buffer.from(generateMasterKey()).toString('base64')}`)
    return
  }
  const known = [
    'migrate',
    'host-apps create',
    'host-apps list',
    'host-apps rotate-secret',
    'host-apps set-sync-interval',
    'host-apps revoke-demo',
    'host-apps allow-private-webhooks',
    'keys reencrypt',
    'keys activate-master',
    'keys retire-master',
    'keys rotate-signing',
    'keys retire-signing',
  ]
  if (!known.includes(group === 'migrate' ? group : `${group} ${command}`)) {
    console.error(`Unknown command: ${positionals.join(' ')}\n`)
    console.error(USAGE)
    process.exitCode = 1
    return
  }

  const config = loadConfigOrExit()
  console.log(`jumplink-server: database ${describeDatabase(config)}`)
  const [
    { openStore },
    { createHostApp, rotateSecretKey },
    { revokeDemoHostApp },
    { reencryptAll },
    { retireSigningKey },
    { createTokenService },
    { createVault },
    { resolveMasterKeys },
    { applyMasterKeyState },
    { activateMasterKey, retireMasterKey },
  ] = await Promise.all([
    import('../storage/open'),
    import('../host-apps'),
    import('../commands/revoke-demo'),
    import('../commands/reencrypt'),
    import('../commands/retire-signing-key'),
    import('../crypto/tokens'),
    import('../crypto/vault'),
    import('../master-keys'),
    import('../master-key-ring'),
    import('../commands/master-keys'),
  ])
  let applied: string[] = []
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    // The same folder the server resolves from the same working directory (bootstrap.ts).
    dataDir: resolve(config.dataDir, 'db'),
    onMigrated: (names) => {
      applied = names
    },
  })
  try {
    if (group === 'migrate') {
      console.log(
        applied.length > 0
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'The schema is already up to date.',
      )
    } else if (group === 'host-apps' && command === 'create') {
      if (!values.name) throw new Error('--name is required')
      const { hostApp, secret } = await createHostApp(store, {
        name: values.name,
        allowedOrigins: values.origin ?? [],
      })
      console.log(
        `Created host app ${hostApp.id} (${hostApp.name}), origins: ${hostApp.allowedOrigins.join(', ') || 'none'}`,
      )
      console.log(`Secret key (shown once, store it now): ${secret}`)
    } else if (group === 'host-apps' && command === 'list') {
      for (const app of await store.hostApps.list()) {
        const secrets = await store.hostApps.listSecrets(app.id)
        const live = secrets.filter((s) => !s.revokedAt).map((s) => s.hint)
        const interval = await store.changes.getSyncInterval(app.id)
        console.log(
          `${app.id}\t${app.name}\t${app.allowedOrigins.join(',')}\tkeys: ${live.join(' ')}\tsync: every ${interval}s`,
        )
      }
    } else if (group === 'host-apps' && command === 'rotate-secret') {
      if (!arg) throw new Error('Give the host app id')
      const secret = await rotateSecretKey(store, arg, {
        revokeOthers: values['revoke-others'] ?? false,
      })
      console.log(`New secret key (shown once): ${secret}`)
      if (!values['revoke-others'])
        console.log('Older keys still work; run again with --revoke-others once deployed.')
    } else if (group === 'host-apps' && command === 'set-sync-interval') {
      if (!arg) throw new Error('Give the host app id')
      const seconds = SyncIntervalSchema.safeParse(Number(values.seconds))
      if (values.seconds === undefined || !seconds.success)
        throw new Error(
          `--seconds must be a whole number from ${MIN_SYNC_INTERVAL_SECONDS} to ${MAX_SYNC_INTERVAL_SECONDS}`,
        )
      if (!(await store.hostApps.get(arg))) throw new Error(`No host app ${arg}`)
      await store.changes.setSyncInterval(arg, seconds.data)
      console.log(`Host app ${arg}: each connection is synced every ${seconds.data} seconds.`)
    } else if (group === 'host-apps' && command === 'allow-private-webhooks') {
      if (!arg || !(await store.hostApps.get(arg))) throw new Error('Give an existing host app id')
      const allow = !values.off
      await store.webhooks.setAllowPrivateUrls(arg, allow)
      console.log(
        allow
          ? `Host app ${arg} may now send webhooks to loopback and private addresses.`
          : `Host app ${arg} may send webhooks to public addresses only.`,
      )
    } else if (group === 'host-apps' && command === 'revoke-demo') {
      const result = await revokeDemoHostApp(store)
      console.log(
        result.found
          ? `Revoked the demo host app's ${result.secrets} secret key(s) and ${result.connections} connection(s).`
          : 'This database has no demo host app.',
      )
    } else {
      const master = await resolveMasterKeys(config)
      const vault = await createVault({ keys: master.keys, activeKeyId: master.activeKeyId })
      // As the instances do: the master key operators activated, without the retired ones.
      const { problems } = applyMasterKeyState(
        vault,
        await store.masterKeys.get(),
        master.activeKeyId,
      )
      if (problems.length > 0 && command !== 'activate-master') {
        throw new Error(`${problems.join('; ')}. Give this command the same LINK_MASTER_KEYS.`)
      }
      if (command === 'activate-master' || command === 'retire-master') {
        if (!arg) throw new Error('Give the id of the master key')
        const result =
          command === 'activate-master'
            ? await activateMasterKey(store, vault, arg)
            : await retireMasterKey(store, vault, arg)
        if (result.changed) {
          console.log(
            command === 'activate-master'
              ? `Master key ${arg} seals new secrets from now on (running instances follow at their next key check).`
              : `Retired master key ${arg}; running instances drop it at their next key check.`,
          )
          await tellInstances(config, {
            type: 'master-keys.changed',
            activeKeyId: result.state.activeKeyId ?? vault.activeKeyId,
          })
        } else {
          console.error(`Master key ${arg} was not changed: ${result.reason}.`)
          process.exitCode = 1
        }
      } else if (command === 'reencrypt') {
        const result = await reencryptAll(store, vault)
        console.log(
          `Re-encrypted ${result.connections} connection(s), ${result.signingKeys} signing key(s), ${result.ingestUrls} ingest URL secret(s) and ${result.webhookSecrets} webhook endpoint(s) under ${vault.activeKeyId}.`,
        )
        if (result.failed.length > 0) {
          console.error(
            `Could not open ${result.failed.length} row(s): ${result.failed.join(', ')}`,
          )
          process.exitCode = 1
        }
        await tellInstances(config, { type: 'master-keys.changed', activeKeyId: vault.activeKeyId })
      } else if (command === 'retire-signing') {
        if (!arg) throw new Error('Give the kid of the signing key to retire')
        const result = await retireSigningKey(store, vault, arg)
        if (result.retired) {
          if (result.newActiveKid) console.log(`Active signing key: ${result.newActiveKid}`)
          console.log(`Retired signing key ${result.kid}; its tokens no longer verify.`)
          await tellInstances(config, { type: 'signing-keys.changed' })
        } else {
          console.error(`Signing key ${arg} is ${result.reason.replace('_', ' ')}.`)
          process.exitCode = 1
        }
      } else {
        const tokens = createTokenService({
          keys: store.signingKeys,
          vault,
          issuer: config.publicUrl,
        })
        console.log(`Active signing key: ${await tokens.rotate()}`)
        await tellInstances(config, { type: 'signing-keys.changed' })
      }
    }
  } finally {
    await store.close()
  }
}

/** Key changes reach running instances at once through Redis, else at their next key check. */
async function tellInstances(config: Config, event: SharedEvent): Promise<void> {
  try {
    const { announceToInstances } = await import('../shared-state/announce')
    if (await announceToInstances(config, event)) {
      console.log('Told the running link servers (through Redis).')
    }
  } catch (error) {
    console.error(
      `Could not reach Redis to tell the running link servers (${error instanceof Error ? error.message : error}); they pick the change up at their next key check.`,
    )
  }
}

/** Stops with the list of what to set, as the server does, instead of a stack. */
function loadConfigOrExit(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error)
  process.exitCode = 1
})
