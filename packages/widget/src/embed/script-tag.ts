// The script-tag build (`<script src=".../embed/v<version>/jumplink.js">`), for pages without a
// bundler: Vite builds this file as an IIFE whose exports become `window.JumpLink`.
import { type JumpLinkEmbed, type OpenJumpLinkOptions, openJumpLink } from './open-jump-link'

export type ScriptTagOpenOptions = Omit<OpenJumpLinkOptions, 'serverUrl'> & {
  /** The link server; by default the one this script was loaded from. */
  serverUrl?: string
}

/** `/embed/<version>/jumplink.js` → the link server's base URL (which may carry a path prefix). */
export function serverUrlOf(scriptSrc: string): string {
  const url = new URL(scriptSrc)
  const prefix = url.pathname.replace(/\/embed\/[^/]+\/jumplink\.js$/, '')
  return `${url.origin}${prefix}`
}

// Read while the script runs: `document.currentScript` is null once it has finished.
const loadedFrom =
  typeof document !== 'undefined' && document.currentScript instanceof HTMLScriptElement
    ? serverUrlOf(document.currentScript.src)
    : undefined

/** Opens the link flow in a modal frame: `JumpLink.open({ linkToken, onSuccess, onExit })`. */
export function open(options: ScriptTagOpenOptions): JumpLinkEmbed {
  const serverUrl = options.serverUrl ?? loadedFrom
  if (!serverUrl) {
    throw new Error('JumpLink.open: pass serverUrl (the script was not loaded from a link server)')
  }
  return openJumpLink({ ...options, serverUrl } as OpenJumpLinkOptions)
}
