import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { JumpLinkError } from '@jumplink/shared'

/**
 * Which endpoint URLs a host app may register and be delivered to. Webhook delivery is a
 * request our servers make to an address a customer names, so it must not reach our own
 * network (SSRF): loopback and private addresses only where the host app is allowed them
 * (an operator setting; demo mode allows them for everyone), and never link-local (cloud
 * metadata services live at 169.254.169.254), unspecified, multicast or reserved ones.
 */
export interface UrlPolicy {
  /** Production: https only. */
  requireHttps: boolean
  /** Loopback and private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, ::1, fc00::/7). */
  allowPrivate: boolean
}

/** Reachable only with `allowPrivate`. */
const PRIVATE = new BlockList()
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4')
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4')
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4')
PRIVATE.addAddress('::1', 'ipv6')
PRIVATE.addSubnet('fc00::', 7, 'ipv6')

/** Never reachable. */
const FORBIDDEN = new BlockList()
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4')
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4')
FORBIDDEN.addSubnet('192.0.0.0', 24, 'ipv4')
FORBIDDEN.addSubnet('192.0.2.0', 24, 'ipv4')
FORBIDDEN.addSubnet('198.18.0.0', 15, 'ipv4')
FORBIDDEN.addSubnet('198.51.100.0', 24, 'ipv4')
FORBIDDEN.addSubnet('203.0.113.0', 24, 'ipv4')
FORBIDDEN.addSubnet('224.0.0.0', 3, 'ipv4')
FORBIDDEN.addAddress('::', 'ipv6')
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6')
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6')
FORBIDDEN.addSubnet('2001:db8::', 32, 'ipv6')
FORBIDDEN.addSubnet('64:ff9b::', 96, 'ipv6')

/** `private` (allowed by the setting), `forbidden` (never), or `public`. */
export function classifyAddress(address: string): 'public' | 'private' | 'forbidden' {
  const family = isIP(address)
  if (family === 0) return 'forbidden'
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped?.[1]) return classifyAddress(mapped[1])
    if (FORBIDDEN.check(address, 'ipv6')) return 'forbidden'
    return PRIVATE.check(address, 'ipv6') ? 'private' : 'public'
  }
  if (FORBIDDEN.check(address, 'ipv4')) return 'forbidden'
  return PRIVATE.check(address, 'ipv4') ? 'private' : 'public'
}

function allowed(kind: 'public' | 'private' | 'forbidden', policy: UrlPolicy): boolean {
  return kind === 'public' || (kind === 'private' && policy.allowPrivate)
}

/** Names that mean this machine or a local network whatever DNS says. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i

/**
 * Checks an endpoint URL as written (scheme, credentials, an IP literal or local name); the
 * addresses a name resolves to are checked at each delivery (`guardedLookup`). Returns the
 * normalized URL.
 */
export function checkEndpointUrl(raw: string, policy: UrlPolicy): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new JumpLinkError('webhook_url_invalid')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new JumpLinkError('webhook_url_invalid')
  if (url.username || url.password || url.hash || raw.includes('#'))
    throw new JumpLinkError('webhook_url_invalid')
  if (url.protocol === 'http:' && policy.requireHttps)
    throw new JumpLinkError('webhook_url_insecure')
  // The URL parser has already turned 0x7f.1, 2130706433 and friends into 127.0.0.1.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')
  if (host === '') throw new JumpLinkError('webhook_url_invalid')
  const kind = isIP(host) ? classifyAddress(host) : LOCAL_NAME.test(host) ? 'private' : 'public'
  if (!allowed(kind, policy)) throw new JumpLinkError('webhook_url_private')
  return url
}

/** Thrown by the lookup when a name resolves to an address the policy refuses. */
export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS'
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for `http.request`: resolves as usual, then refuses the connection unless every
 * address the name has is allowed, so DNS cannot point an accepted name at our own network.
 * The connection goes to the address that was checked.
 */
export function guardedLookup(policy: UrlPolicy) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number },
    callback: LookupCallback,
  ) => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      if (list.length === 0 || list.some((a) => !allowed(classifyAddress(a.address), policy)))
        return callback(new PrivateAddressError(`${hostname} resolves to a refused address`), [])
      if (options.all) return callback(null, list)
      const first = list[0] as LookupAddress
      return callback(null, first.address, first.family)
    })
  }
}
