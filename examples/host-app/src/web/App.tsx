import type { Theme } from '@jumplink/widget'
import { useCallback, useEffect, useState } from 'react'
import type { AppConfig, ConnectionView } from '../shared/api'
import { api } from './api'
import { type ConnectOutcome, ConnectProvider } from './connect/ConnectProvider'
import { AccessReviewPage } from './pages/AccessReviewPage'
import { ConnectionsPage } from './pages/ConnectionsPage'
import { DevicePosturePage } from './pages/DevicePosturePage'
import { LiveFeedPage } from './pages/LiveFeedPage'
import { navigate, type Route, useRoute } from './router'

const NAV: { route: Route; label: string }[] = [
  { route: '/access-review', label: 'Access review' },
  { route: '/devices', label: 'Device posture' },
  { route: '/changes', label: 'Live changes' },
  { route: '/connections', label: 'Connections' },
]

/** The page's CSP nonce, which the in-page widget puts on its `<style>`. */
const nonce =
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined

function initialTheme(): Theme {
  const saved = localStorage.getItem('clearview-theme')
  return saved === 'dark' || saved === 'light' ? saved : 'system'
}

/** The languages the widget speaks; "" lets it follow the browser. */
const LANGUAGES = [
  { value: '', label: 'Browser' },
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
  { value: 'fr', label: 'Français' },
  { value: 'es', label: 'Español' },
]

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)')

/** The theme the page draws with: `system` follows the operating system, live. */
function useResolvedTheme(theme: Theme): 'light' | 'dark' {
  const [systemDark, setSystemDark] = useState(darkQuery.matches)
  useEffect(() => {
    const onChange = () => setSystemDark(darkQuery.matches)
    darkQuery.addEventListener('change', onChange)
    return () => darkQuery.removeEventListener('change', onChange)
  }, [])
  if (theme === 'system') return systemDark ? 'dark' : 'light'
  return theme
}

export function App() {
  const route = useRoute()
  const [config, setConfig] = useState<AppConfig | null>(null)
  const [connections, setConnections] = useState<ConnectionView[] | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [theme, setTheme] = useState<Theme>(initialTheme)
  const resolvedTheme = useResolvedTheme(theme)
  const [locale, setLocale] = useState(() => localStorage.getItem('clearview-locale') ?? '')

  const refresh = useCallback(async () => {
    try {
      setConnections(await api.connections())
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error))
    }
  }, [])

  useEffect(() => {
    api.config().then(setConfig, (error: Error) => setLoadError(error.message))
    void refresh()
  }, [refresh])

  useEffect(() => {
    document.documentElement.dataset.theme = resolvedTheme
    if (theme === 'system') localStorage.removeItem('clearview-theme')
    else localStorage.setItem('clearview-theme', theme)
  }, [theme, resolvedTheme])

  useEffect(() => {
    if (locale) localStorage.setItem('clearview-locale', locale)
    else localStorage.removeItem('clearview-locale')
  }, [locale])

  // The connection the review pages read: the chosen one, else the newest readable one.
  const readable = (connections ?? []).filter((c) => c.readable)
  const current =
    readable.find((c) => c.id === selected) ?? readable.find((c) => c.status === 'active') ?? null

  useEffect(() => {
    if (route === '/' && connections) navigate(current ? '/access-review' : '/connections')
  }, [route, connections, current])

  const onDone = useCallback(
    async (outcome: ConnectOutcome) => {
      if (outcome.error) {
        setNotice({ text: `The connection could not be saved: ${outcome.error}`, tone: 'error' })
        return
      }
      if (!outcome.connectionId) return
      await refresh()
      if (outcome.relink) {
        setNotice({ text: 'The connection works again.', tone: 'ok' })
        return
      }
      setSelected(outcome.connectionId)
      setNotice(null)
      navigate('/access-review')
    },
    [refresh],
  )

  if (loadError && !config) {
    return (
      <main className="page">
        <h1>Clearview</h1>
        <p role="alert">The app could not load: {loadError}</p>
      </main>
    )
  }
  if (!config) return <p className="loading">Loading…</p>

  const page = (() => {
    switch (route) {
      case '/access-review':
        return <AccessReviewPage config={config} connection={current} />
      case '/devices':
        return <DevicePosturePage config={config} connection={current} />
      case '/changes':
        return <LiveFeedPage directoryName={config.directoryName} />
      default:
        return (
          <ConnectionsPage
            config={config}
            connections={connections}
            onChanged={refresh}
            notice={notice}
            setNotice={setNotice}
          />
        )
    }
  })()

  return (
    <ConnectProvider
      serverUrl={config.linkServerUrl}
      theme={theme}
      locale={locale || undefined}
      nonce={nonce}
      onDone={onDone}
    >
      <header className="topbar">
        <a className="brand" href="/">
          Clearview <span>access reviews</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.route}>
                <a
                  href={item.route}
                  aria-current={route === item.route ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault()
                    navigate(item.route)
                  }}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-tools">
          {readable.length > 1 && (
            <label>
              Organization{' '}
              <select
                value={current?.id ?? ''}
                onChange={(event) => setSelected(event.target.value)}
              >
                {readable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.organization}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Theme{' '}
            <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <label>
            Widget language{' '}
            <select value={locale} onChange={(event) => setLocale(event.target.value)}>
              {LANGUAGES.map((language) => (
                <option key={language.value} value={language.value}>
                  {language.label}
                </option>
              ))}
            </select>
          </label>
          <span className="user">{config.user.name}</span>
        </div>
      </header>
      <main className="page">{page}</main>
    </ConnectProvider>
  )
}
