/** Host names that are this machine: `localhost`, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  )
}

/**
 * An origin exactly as browsers send it: scheme, host and port, nothing else; https, or http only
 * on this machine (a page served over http anywhere else can be rewritten in transit). No
 * wildcards, no `null`.
 */
export function normalizeOrigin(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`"${value}" is not an origin (like https://app.example.com)`)
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== value.replace(/\/$/, '') ||
    // URL parsing lets `*` and other odd characters into host names: a wildcard is not an origin.
    !/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)
  ) {
    throw new Error(`"${value}" is not an origin (like https://app.example.com)`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`"${value}" must be https (http only for localhost, 127.0.0.1 or ::1)`)
  }
  return url.origin
}
