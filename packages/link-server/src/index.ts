export { createApp } from './app'
export { createLinkServer, type LinkServer } from './bootstrap'
export { reencryptAll } from './commands/reencrypt'
export { retireSigningKey } from './commands/retire-signing-key'
export { revokeDemoHostApp } from './commands/revoke-demo'
export { createTokenService, type TokenService } from './crypto/tokens'
export { createVault, type Vault } from './crypto/vault'
export type { AppDeps } from './deps'
export { type Config, ConfigError, ENVIRONMENT, loadConfig } from './env'
export {
  createHostApp,
  DEMO_HOST_APP_ID,
  DEMO_SECRET_KEY,
  ensureDemoHostApp,
  rotateSecretKey,
} from './host-apps'
export {
  answerClientErrors,
  listenWithCatalogErrors,
  requestErrorResponse,
} from './http/client-error'
export { createLogger } from './logger'
export type { DirectoryProvider } from './providers/provider'
export { loadProviders } from './providers/registry'
export { openPGliteStore, openPostgresStore, openStore } from './storage/open'
export type { Store } from './storage/store'
