export { JumpLink, type JumpLinkProps } from './JumpLink'
export type {
  JumpLinkAppearance,
  JumpLinkCallbacks,
  JumpLinkOptions,
  LinkErrorData,
  LinkEventMetadata,
  LinkEventName,
  LinkExitData,
  LinkStep,
  LinkSuccessData,
  LinkTokenSource,
  Theme,
} from './types'
export { type JumpLinkHandle, useJumpLink } from './use-jump-link'
