import { type LinkExitData, type Theme, useJumpLink } from '@jumplink/widget'
import { openJumpLink } from '@jumplink/widget/embed'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react'
import { api } from '../api'

/** How to show the widget: in this page (React) or the link server's hosted page in an iframe. */
export type ConnectMode = 'in-page' | 'iframe'

export interface ConnectRequest {
  mode: ConnectMode
  /** Relink: replace the key of this broken connection (an update session). */
  connectionId?: string
  /** What the new connection may do; the host backend's default if left out. */
  permissions?: 'read' | 'read_write'
}

export interface ConnectOutcome {
  /** The connection id, once exchanged by our backend. */
  connectionId?: string
  relink: boolean
  exit?: LinkExitData
  /** Our backend could not exchange the public token. */
  error?: string
}

interface ConnectProviderProps {
  serverUrl: string
  theme: Theme
  /** The widget's language; undefined follows the admin's browser. */
  locale: string | undefined
  nonce: string | undefined
  onDone: (outcome: ConnectOutcome) => void
  children: ReactNode
}

const ConnectContext = createContext<(request: ConnectRequest) => void>(() => {})

/** Starts the connection flow from anywhere in the app. */
export function useConnect(): (request: ConnectRequest) => void {
  return useContext(ConnectContext)
}

/**
 * Owns the widget for the whole app, so a page change after success (to the access review)
 * does not take the widget away before the admin has read "Connected" and pressed Done.
 */
export function ConnectProvider({
  serverUrl,
  theme,
  locale,
  nonce,
  onDone,
  children,
}: ConnectProviderProps) {
  const [modal, setModal] = useState<{ round: number; request: ConnectRequest } | null>(null)

  const finish = useCallback(
    async (publicToken: string, request: ConnectRequest) => {
      // The public token goes to our backend, which exchanges it and keeps the integration token.
      const relink = request.connectionId !== undefined
      try {
        const connection = await api.exchange(publicToken)
        onDone({ connectionId: connection.id, relink })
      } catch (error) {
        onDone({ relink, error: error instanceof Error ? error.message : String(error) })
      }
    },
    [onDone],
  )

  const connect = useCallback(
    (request: ConnectRequest) => {
      if (request.mode === 'in-page') {
        setModal((previous) => ({ round: (previous?.round ?? 0) + 1, request }))
        return
      }
      openJumpLink({
        serverUrl,
        theme,
        ...(locale ? { locale } : {}),
        fetchLinkToken: () => api.linkToken(request.connectionId, request.permissions),
        onSuccess: ({ publicToken }) => void finish(publicToken, request),
        onExit: (exit) => onDone({ relink: request.connectionId !== undefined, exit }),
      })
    },
    [serverUrl, theme, locale, finish, onDone],
  )

  return (
    <ConnectContext.Provider value={connect}>
      {children}
      {modal && (
        // A new key is a new widget instance, so each flow has its own link session.
        <ModalFlow
          key={modal.round}
          request={modal.request}
          serverUrl={serverUrl}
          theme={theme}
          locale={locale}
          nonce={nonce}
          onSuccess={finish}
          onExit={(exit) => onDone({ relink: modal.request.connectionId !== undefined, exit })}
        />
      )}
    </ConnectContext.Provider>
  )
}

interface ModalFlowProps {
  request: ConnectRequest
  serverUrl: string
  theme: Theme
  locale: string | undefined
  nonce: string | undefined
  onSuccess: (publicToken: string, request: ConnectRequest) => Promise<void>
  onExit: (exit: LinkExitData) => void
}

function ModalFlow({
  request,
  serverUrl,
  theme,
  locale,
  nonce,
  onSuccess,
  onExit,
}: ModalFlowProps) {
  const { open } = useJumpLink({
    serverUrl,
    theme,
    locale,
    nonce,
    fetchLinkToken: () => api.linkToken(request.connectionId, request.permissions),
    onSuccess: ({ publicToken }) => void onSuccess(publicToken, request),
    onExit,
  })
  // Opened as soon as it exists: the button that asked for it was the click.
  useEffect(() => open(), [open])
  return null
}
