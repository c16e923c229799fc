import type {
  LinkEventMetadata,
  LinkEventName,
  LinkExitData,
  LinkSuccessData,
  Theme,
} from '@jumplink/shared/messages'

export type {
  LinkErrorData,
  LinkEventMetadata,
  LinkEventName,
  LinkExitData,
  LinkStep,
  LinkSuccessData,
  Theme,
} from '@jumplink/shared/messages'

/** What the host learns as the flow goes; each callback fires at most once per outcome. */
export interface JumpLinkCallbacks {
  /** The admin connected an organization: send `publicToken` to your backend to exchange it. */
  onSuccess: (data: LinkSuccessData) => void
  /** The flow ended without a connection: closed by the admin, an error, or an expired session. */
  onExit?: (data: LinkExitData) => void
  /** Analytics: `open`, `step_view`, `credentials_submitted`, … with scalar metadata. */
  onEvent?: (name: LinkEventName, metadata: LinkEventMetadata) => void
}

export interface JumpLinkAppearance {
  /** `system` follows the admin's operating system. Default `light`. */
  theme?: Theme
  /** The host's brand color for buttons and focus rings: `#rgb`, `#rrggbb`, `rgb(…)` or `hsl(…)`. */
  brandColor?: string
  /** BCP 47 tag; English is used for languages the widget does not have yet. */
  locale?: string
  /** The page's CSP nonce, set on the widget's `<style>` element. */
  nonce?: string
}

/**
 * Where the link token comes from. Give `fetchLinkToken` so the widget can get a fresh token on
 * its own when a session expires; `linkToken` alone works until the token expires.
 */
export type LinkTokenSource =
  | { linkToken: string; fetchLinkToken?: () => Promise<string> }
  | { linkToken?: undefined; fetchLinkToken: () => Promise<string> }

export type JumpLinkOptions = LinkTokenSource &
  JumpLinkCallbacks &
  JumpLinkAppearance & {
    /** Origin of the JumpLink link server, e.g. `https://link.example.com`. */
    serverUrl: string
    /** Replaces the global `fetch` (tests, proxies). */
    fetch?: typeof fetch
  }
