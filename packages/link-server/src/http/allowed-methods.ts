/** A registered route as Hono lists it in `app.routes`. */
export interface RouteEntry {
  method: string
  path: string
}

/**
 * Answers which methods a path has routes for, so that a known path called with another method
 * gets 405 `method_not_allowed` (with `Allow`) instead of a misleading 404. Middleware (`ALL`) does
 * not count. The patterns are compiled once, on first use, after every route is registered.
 */
export function createAllowedMethods(routes: () => readonly RouteEntry[]) {
  let compiled: { method: string; pattern: RegExp }[] | undefined

  return (path: string): string[] => {
    compiled ??= routes()
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ method: route.method, pattern: toPattern(route.path) }))
    const methods = compiled.filter((r) => r.pattern.test(path)).map((r) => r.method)
    return [...new Set(methods)].sort()
  }
}

function toPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => {
      if (part === '*') return '.*'
      if (part.startsWith(':')) return '[^/]+'
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  return new RegExp(`^${source}/?$`)
}
