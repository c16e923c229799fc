import type { CredentialKind, LinkOrganization, LinkSessionInfo, Region } from '@jumplink/shared'
import type { LinkExitData, LinkStep, LinkSuccessData } from '@jumplink/shared/messages'
import { PROVIDERS, type ProviderMetadata } from '@jumplink/shared/providers'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiResult, LinkApiError, LinkCredential } from '../api/link-api'
import type { ErrorAction } from '../copy'
import type { LinkController } from '../core/link-controller'

export interface FlowState {
  phase: 'loading' | 'ready' | 'failed'
  session: LinkSessionInfo | null
  provider: ProviderMetadata | null
  step: LinkStep
  region: Region
  /** Which credential the admin chose: an admin's API key, or a service account. */
  credentialKind: CredentialKind
  organizations: LinkOrganization[]
  error: LinkApiError | null
  busy: boolean
  result: LinkSuccessData | null
  /** Whether the admin has moved between steps (focus follows from then on). */
  navigated: boolean
  /** Set once the run ended, with success or an exit. */
  ended: boolean
  /**
   * The organization the key was about to connect, which the end user already has a connection
   * to: the admin chooses between replacing that connection's key and going back.
   */
  duplicate: LinkOrganization | null
}

const INITIAL: FlowState = {
  phase: 'loading',
  session: null,
  provider: null,
  step: 'consent',
  region: 'us',
  credentialKind: 'api_key',
  organizations: [],
  error: null,
  busy: false,
  result: null,
  navigated: false,
  ended: false,
  duplicate: null,
}

const EXPIRED_CODES = new Set(['link_session_expired', 'token_expired'])

/** A relink whose session asks for other permissions than the connection has. */
function changesPermissions(session: LinkSessionInfo): boolean {
  return (
    session.mode === 'update' &&
    session.connection !== null &&
    session.connection.permissions !== session.permissions
  )
}

/** A relink skips consent, unless it changes what the connection may do. */
function firstStep(session: LinkSessionInfo): LinkStep {
  return session.mode === 'update' && !changesPermissions(session) ? 'instructions' : 'consent'
}

export interface LinkFlow {
  state: FlowState
  goTo(step: LinkStep): void
  setRegion(region: Region): void
  setCredentialKind(kind: CredentialKind): void
  /** Checks the key or client credentials, then connects (or asks which organization). */
  submitCredential(credential: LinkCredential, region: Region, matchesFormat: boolean): void
  chooseOrganization(organizationId: string): void
  /** What the button under an error does. */
  act(action: ErrorAction): void
  /** The admin closed the widget. */
  close(): void
  /** On the duplicate question: give the existing connection the new key. */
  replaceExisting(): void
  /** On the duplicate question: go back to choose another organization or key. */
  keepExisting(): void
}

/**
 * The flow's state and transitions. Network calls happen only in the admin's event handlers or
 * through the controller's memoized session, so StrictMode's double effects repeat no request.
 */
export function useLinkFlow(controller: LinkController, onEnd?: () => void): LinkFlow {
  const [state, setState] = useState<FlowState>(INITIAL)
  const stateRef = useRef(state)
  stateRef.current = state
  // Kept out of state (and dropped once connected) so the secret is in no render's props.
  const credentialRef = useRef<LinkCredential | null>(null)
  const lastOperation = useRef<(() => void) | null>(null)
  const onEndRef = useRef(onEnd)
  onEndRef.current = onEnd

  const applySession = useCallback(
    (result: ApiResult<LinkSessionInfo>) => {
      if (!result.ok) {
        setState((s) => ({ ...s, phase: 'failed', error: result.error, busy: false }))
        controller.event('error', { code: result.error.code, step: stateRef.current.step })
        return
      }
      const session = result.data
      const provider: ProviderMetadata = PROVIDERS[session.provider]
      setState((s) => ({
        ...s,
        phase: 'ready',
        session,
        provider,
        step: firstStep(session),
        region: session.connection?.region ?? provider.defaultRegion,
        credentialKind: provider.serviceAccount
          ? (session.connection?.credential_kind ?? 'api_key')
          : 'api_key',
        organizations: [],
        error: null,
        busy: false,
        navigated: s.phase !== 'loading',
      }))
    },
    [controller],
  )

  useEffect(() => {
    let live = true
    controller.begin()
    controller.session().then((result) => {
      if (live) applySession(result)
    })
    return () => {
      live = false
    }
  }, [controller, applySession])

  const lastViewed = useRef<string | null>(null)
  useEffect(() => {
    if (state.phase !== 'ready' || lastViewed.current === state.step) return
    lastViewed.current = state.step
    controller.event('step_view', { step: state.step })
  }, [controller, state.phase, state.step])

  const end = useCallback(
    (exit: LinkExitData | null) => {
      if (exit) controller.exit(exit)
      setState((s) => ({ ...s, ended: true }))
      onEndRef.current?.()
    },
    [controller],
  )

  const fail = useCallback(
    (error: LinkApiError) => {
      setState((s) => ({ ...s, busy: false, error }))
      controller.event('error', { code: error.code, step: stateRef.current.step })
    },
    [controller],
  )

  const complete = useCallback(
    async (region: Region, organization: LinkOrganization, replaceExisting = false) => {
      const { session } = stateRef.current
      // The admin went through the consent screen, which showed the new permissions.
      const consented = session && changesPermissions(session) ? session.permissions : undefined
      const credential = credentialRef.current
      if (!credential) return
      const result = await controller.api.complete(credential, region, organization.id, {
        replaceExisting,
        ...(consented ? { consentedPermissions: consented } : {}),
      })
      if (!result.ok && result.error.code === 'connection_exists') {
        controller.event('duplicate_found', { step: stateRef.current.step })
        setState((s) => ({ ...s, busy: false, error: null, duplicate: organization }))
        return
      }
      if (!result.ok) return fail(result.error)
      credentialRef.current = null
      const data: LinkSuccessData = {
        publicToken: result.data.public_token,
        organization: result.data.organization,
        connectionId: result.data.connection_id,
      }
      setState((s) => ({
        ...s,
        busy: false,
        error: null,
        step: 'done',
        navigated: true,
        result: data,
        duplicate: null,
      }))
      controller.success(data)
    },
    [controller, fail],
  )

  const submitCredential = useCallback(
    (credential: LinkCredential, region: Region, matchesFormat: boolean) => {
      const { session } = stateRef.current
      if (!session || stateRef.current.busy) return
      credentialRef.current = credential
      controller.event('credentials_submitted', {
        region,
        kind: 'api_key' in credential ? 'api_key' : 'service_account',
        matches_format: matchesFormat,
      })
      const run = async () => {
        setState((s) => ({ ...s, busy: true, error: null, region }))
        if (session.connection && session.mode === 'update') {
          return complete(region, session.connection.organization)
        }
        const result = await controller.api.listOrganizations(credential, region)
        if (!result.ok) return fail(result.error)
        const { organizations } = result.data
        const only = organizations[0]
        if (organizations.length === 0) {
          return fail({
            code: 'organization_not_accessible',
            message: 'The key sees no organization.',
          })
        }
        if (organizations.length === 1 && only) return complete(region, only)
        setState((s) => ({
          ...s,
          busy: false,
          organizations,
          step: 'organization',
          navigated: true,
        }))
      }
      lastOperation.current = () => void run()
      void run()
    },
    [controller, complete, fail],
  )

  const chooseOrganization = useCallback(
    (organizationId: string) => {
      if (stateRef.current.busy) return
      const { region, organizations } = stateRef.current
      const organization = organizations.find((org) => org.id === organizationId) ?? {
        id: organizationId,
        name: null,
      }
      controller.event('organization_selected', { count: organizations.length })
      const run = async () => {
        setState((s) => ({ ...s, busy: true, error: null }))
        await complete(region, organization)
      }
      lastOperation.current = () => void run()
      void run()
    },
    [controller, complete],
  )

  const goTo = useCallback((step: LinkStep) => {
    setState((s) => ({ ...s, step, error: null, navigated: true, duplicate: null }))
  }, [])

  const replaceExisting = useCallback(() => {
    const { duplicate, region, busy } = stateRef.current
    if (!duplicate || busy) return
    controller.event('duplicate_replaced')
    const run = async () => {
      setState((s) => ({ ...s, busy: true, error: null }))
      await complete(region, duplicate, true)
    }
    lastOperation.current = () => void run()
    void run()
  }, [controller, complete])

  const keepExisting = useCallback(() => {
    const { organizations } = stateRef.current
    goTo(organizations.length > 1 ? 'organization' : 'credentials')
  }, [goTo])

  const setRegion = useCallback((region: Region) => {
    setState((s) => ({ ...s, region }))
  }, [])

  const setCredentialKind = useCallback((credentialKind: CredentialKind) => {
    setState((s) => ({ ...s, credentialKind }))
  }, [])

  const act = useCallback(
    (action: ErrorAction) => {
      const { error, step } = stateRef.current
      switch (action) {
        case 'retry':
          if (stateRef.current.phase === 'failed' || !lastOperation.current) {
            setState((s) => ({ ...s, phase: 'loading', error: null }))
            controller.invalidate()
            void controller.session().then(applySession)
          } else {
            lastOperation.current()
          }
          return
        case 'edit_key':
          return goTo('credentials')
        case 'show_instructions':
          return goTo('instructions')
        case 'restart':
          setState((s) => ({ ...s, phase: 'loading', error: null }))
          void controller.restart().then((result) => {
            if (result) return applySession(result)
            const expired = error ?? { code: 'link_session_expired', message: 'No fetchLinkToken.' }
            setState((s) => ({ ...s, phase: 'failed', error: expired }))
            end({
              reason: 'session_expired',
              step,
              error: { code: expired.code, message: expired.message },
            })
          })
          return
        case 'close':
          end({
            reason: error && EXPIRED_CODES.has(error.code) ? 'session_expired' : 'error',
            step,
            ...(error ? { error: { code: error.code, message: error.message } } : {}),
          })
          return
      }
    },
    [controller, applySession, goTo, end],
  )

  const close = useCallback(() => {
    const { result, step } = stateRef.current
    end(result ? null : { reason: 'user_closed', step })
  }, [end])

  return {
    state,
    goTo,
    setRegion,
    setCredentialKind,
    submitCredential,
    chooseOrganization,
    act,
    close,
    replaceExisting,
    keepExisting,
  }
}
