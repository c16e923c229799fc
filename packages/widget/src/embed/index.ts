export type { LinkExitData, LinkSuccessData } from '../types'
export { type JumpLinkEmbed, type OpenJumpLinkOptions, openJumpLink } from './open-jump-link'
