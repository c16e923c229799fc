import type { LinkSessionInfo } from '@jumplink/shared'
import type {
  LinkEventMetadata,
  LinkEventName,
  LinkExitData,
  LinkStep,
  LinkSuccessData,
} from '@jumplink/shared/messages'
import { type ApiResult, createLinkApi, type LinkApi } from '../api/link-api'
import { createTokenSource, type TokenSource, type TokenSourceOptions } from '../api/token-source'
import type { JumpLinkCallbacks } from '../types'

export interface LinkControllerOptions extends TokenSourceOptions, Partial<JumpLinkCallbacks> {
  serverUrl: string
  fetch?: typeof fetch | undefined
  /** The hosted page only: the origin framing it, which the server checks against the session. */
  frameOrigin?: string
}

/**
 * One widget instance's lifecycle, outside React: its tokens, its API client, its session (loaded
 * once per token however often React mounts), and its callbacks, each fired once per run. A run
 * starts with `begin()` and ends with the first `success()` or `exit()`.
 */
export interface LinkController {
  readonly api: LinkApi
  readonly tokens: TokenSource
  session(): Promise<ApiResult<LinkSessionInfo>>
  /** Forget the loaded session (the host gave another token). */
  invalidate(): void
  /** Get a new token from the host and load its session; null when the host cannot give one. */
  restart(): Promise<ApiResult<LinkSessionInfo> | null>
  begin(): void
  event(name: LinkEventName, metadata?: LinkEventMetadata): void
  success(data: LinkSuccessData): void
  exit(data: LinkExitData): void
  readonly running: boolean
  /** The step the admin saw last. */
  readonly step: LinkStep
}

export function createLinkController(getOptions: () => LinkControllerOptions): LinkController {
  const tokens = createTokenSource(getOptions)
  const api = createLinkApi({
    get serverUrl() {
      return getOptions().serverUrl
    },
    tokens,
    fetch: (input, init) => (getOptions().fetch ?? globalThis.fetch)(input, init),
    get frameOrigin() {
      return getOptions().frameOrigin
    },
  })
  let session: Promise<ApiResult<LinkSessionInfo>> | null = null
  let running = false
  let step: LinkStep = 'consent'

  function safely(callback: () => void) {
    try {
      callback()
    } catch (error) {
      console.error('JumpLink: a host callback threw', error)
    }
  }

  const controller: LinkController = {
    api,
    tokens,
    session() {
      session ??= api.getSession()
      return session
    },
    invalidate() {
      session = null
    },
    async restart() {
      const current = await tokens.current().catch(() => '')
      const next = await tokens.refresh(current)
      if (!next) return null
      session = api.getSession()
      return session
    },
    begin() {
      if (running) return
      running = true
      controller.event('open')
    },
    event(name, metadata = {}) {
      if (name === 'step_view' && typeof metadata.step === 'string')
        step = metadata.step as LinkStep
      const onEvent = getOptions().onEvent
      if (onEvent) safely(() => onEvent(name, metadata))
    },
    success(data) {
      if (!running) return
      running = false
      controller.event('success', { organization_id: data.organization.id })
      const onSuccess = getOptions().onSuccess
      if (onSuccess) safely(() => onSuccess(data))
    },
    exit(data) {
      if (!running) return
      running = false
      controller.event('exit', { reason: data.reason, step: data.step })
      const onExit = getOptions().onExit
      if (onExit) safely(() => onExit(data))
    },
    get running() {
      return running
    },
    get step() {
      return step
    },
  }
  return controller
}
