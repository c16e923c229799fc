import { useEffect, useState } from 'react'

export type Route = '/access-review' | '/devices' | '/changes' | '/connections' | '/'

const ROUTES: Route[] = ['/access-review', '/devices', '/changes', '/connections', '/']

function current(): Route {
  const path = window.location.pathname.replace(/\/+$/, '') || '/'
  return ROUTES.find((route) => route === path) ?? '/'
}

/** The page path, for a handful of pages; no router library needed. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current)
  useEffect(() => {
    const update = () => setRoute(current())
    window.addEventListener('popstate', update)
    return () => window.removeEventListener('popstate', update)
  }, [])
  return route
}

export function navigate(route: Route): void {
  if (window.location.pathname === route) return
  window.history.pushState(null, '', route)
  window.dispatchEvent(new PopStateEvent('popstate'))
}
