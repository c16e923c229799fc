export type {
  ChangeEvent,
  ChangeEventType,
  Connection,
  UnifiedCollectionName,
  UnifiedItem,
} from '@jumplink/shared'
export type { ErrorCode } from '@jumplink/shared/errors'
export { JumpLinkError } from '@jumplink/shared/errors'
// Directory metadata, so a host app can name the directory in its UI without spelling it out.
export {
  PROVIDER_IDS,
  PROVIDERS,
  type ProviderId,
  type ProviderMetadata,
} from '@jumplink/shared/providers'
export type { ChangesClient, ChangesPage } from './changes'
export { createJumpLinkClient, type JumpLinkClient, type JumpLinkClientOptions } from './client'
export { JumpLinkApiError } from './errors'
export type { FetchLike } from './http'
export type { NestedCollection, TopLevelCollection, UnifiedClient } from './unified'
export { verifyWebhook, WebhookVerificationError } from './webhooks'
export type { WriteClient, WriteOptions } from './writes'
