import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateMasterKey, type MasterKey } from './crypto/vault'
import type { Config } from './env'
import { makePrivateFolder } from './storage/private-files'

export const DEV_MASTER_KEY_FILE = 'master-key.dev'

/**
 * The master keys to use: the configured ones, or (outside production) a development key kept
 * in the data folder, generated on first start. Says whether it generated one.
 */
export async function resolveMasterKeys(
  config: Config,
): Promise<{ keys: MasterKey[]; activeKeyId: string; generatedAt?: string; loadedFrom?: string }> {
  if (config.masterKeys.length > 0) {
    return {
      keys: config.masterKeys,
      activeKeyId: config.activeMasterKeyId ?? config.masterKeys[0]?.id ?? '',
    }
  }
  if (config.mode === 'production') throw new Error('LINK_MASTER_KEYS is required in production')
  const path = join(config.dataDir, DEV_MASTER_KEY_FILE)
  try {
    const [id, material] = (await readFile(path, 'utf8')).trim().split(':')
    const key = Buffer.from(material ?? '', 'base64')
    if (!id || key.length !== 32) throw new Error(`${path} is not a master key file`)
    return { keys: [{ id, key: new Uint8Array(key) }], activeKeyId: id, loadedFrom: path }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await makePrivateFolder(config.dataDir)
  const key = { id: 'dev1', key: generateMasterKey() }
  await writeFile(path, `${key.id}:${Buffer.from(key.key).toString('base64')}\n`, {
    mode: 0o600,
    flag: 'wx',
  })
  await chmod(path, 0o600)
  return { keys: [key], activeKeyId: key.id, generatedAt: path }
}
