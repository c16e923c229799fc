// `pnpm --filter @jumplink/link-server cli <command>`: operator commands, same configuration
// as the server (LINK_* and DATABASE_URL).
import { parseArgs } from 'node:util'
import { reencryptAll } from '../commands/reencrypt'
import { createTokenService } from '../crypto/tokens'
import { createVault, generateMasterKey } from '../crypto/vault'
import { ConfigError, loadConfig } from '../env'
import { createHostApp, rotateSecretKey } from '../host-apps'
import { resolveMasterKeys } from '../master-keys'
import { openStore } from '../storage/open'

const USAGE = `Usage: cli <command> [options]

  host-apps create --name <name> --origin <https://app.example> [--origin …]
      Creates a host app and prints its secret key once.
  host-apps list
  host-apps rotate-secret <host app id> [--revoke-others]
      Adds a secret key (printed once); --revoke-others revokes every older one.
  keys generate-master-key [--id <id>]
      Prints a new master key for LINK_MASTER_KEYS.
  keys reencrypt
      Re-encrypts every stored credential and signing key under LINK_ACTIVE_MASTER_KEY.
  keys rotate-signing
      Makes a new signing key active; old ones stay published and keep verifying.`

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'revoke-others': { type: 'boolean' },
      id: { type: 'string' },
    },
  })
  const [group, command, arg] = positionals
  if (group === 'keys' && command === 'generate-master-key') {
    const id = values.id ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`
    console.log(`${id}:${Buffer.from(generateMasterKey()).toString('base64')}`)
    return
  }
  const known = [
    'host-apps create',
    'host-apps list',
    'host-apps rotate-secret',
    'keys reencrypt',
    'keys rotate-signing',
  ]
  if (!known.includes(`${group} ${command}`)) {
    console.log(USAGE)
    process.exitCode = group ? 1 : 0
    return
  }

  const config = loadConfig()
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: `${config.dataDir}/db`,
  })
  try {
    if (group === 'host-apps' && command === 'create') {
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
        console.log(
          `${app.id}\t${app.name}\t${app.allowedOrigins.join(',')}\tkeys: ${live.join(' ')}`,
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
    } else {
      const master = await resolveMasterKeys(config)
      const vault = await createVault({ keys: master.keys, activeKeyId: master.activeKeyId })
      if (command === 'reencrypt') {
        const result = await reencryptAll(store, vault)
        console.log(
          `Re-encrypted ${result.connections} connection(s) and ${result.signingKeys} signing key(s) under ${vault.activeKeyId}.`,
        )
        if (result.failed.length > 0) {
          console.error(
            `Could not open ${result.failed.length} row(s): ${result.failed.join(', ')}`,
          )
          process.exitCode = 1
        }
      } else {
        const tokens = createTokenService({
          keys: store.signingKeys,
          vault,
          issuer: config.publicUrl,
        })
        console.log(`Active signing key: ${await tokens.rotate()}`)
      }
    }
  } finally {
    await store.close()
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error)
  process.exitCode = 1
})
