/**
 * The exact origin of the page that embeds the hosted widget, from the `origin` query parameter
 * (an origin is not a secret; the link token never travels in the URL). Where the browser tells
 * the real ancestor (`location.ancestorOrigins`), the two must agree. Null when not trustworthy.
 */
export function parentOriginFrom(
  location: Pick<Location, 'search'> & {
    ancestorOrigins?: DOMStringList
  },
): string | null {
  const claimed = new URLSearchParams(location.search).get('origin')
  if (!claimed) return null
  let origin: string
  try {
    origin = new URL(claimed).origin
  } catch {
    return null
  }
  if (origin !== claimed || !/^https?:$/.test(new URL(origin).protocol)) return null
  const ancestor = location.ancestorOrigins?.[0]
  if (ancestor !== undefined && ancestor !== origin) return null
  return origin
}
