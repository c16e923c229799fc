import type { Theme } from '@jumplink/shared/messages'
import { type ReactNode, useEffect, useId, useRef } from 'react'
import { fill, providerCopy } from '../copy'
import { en } from '../copy/en'
import type { LinkController } from '../core/link-controller'
import { Modal } from '../modal/Modal'
import { ConsentStep } from '../steps/ConsentStep'
import { CredentialsStep } from '../steps/CredentialsStep'
import { DoneStep } from '../steps/DoneStep'
import { ErrorNotice } from '../steps/ErrorNotice'
import { InstructionsStep } from '../steps/InstructionsStep'
import { lazyStep, type PendingStep } from '../steps/lazy-step'
import { StepHeader } from '../steps/StepHeader'
import { StepHeading } from '../steps/StepHeading'
import type { StepProps, Text } from '../steps/step-props'
import { isSafeColor, readableOn } from '../styles/brand-color'
import { useCopy } from './use-copy'
import { useLinkFlow } from './use-link-flow'

// Seen only by admins whose credential reaches several organizations, or one already connected.
const OrganizationStep = lazyStep(() =>
  import('../steps/OrganizationStep').then((module) => module.OrganizationStep),
)
const DuplicateStep = lazyStep(() =>
  import('../steps/DuplicateStep').then((module) => module.DuplicateStep),
)

export interface LinkFlowProps {
  controller: LinkController
  /** `inline` in the page; `modal` in the hook's dialog and on the hosted page. */
  presentation: 'inline' | 'modal'
  theme?: Theme | undefined
  brandColor?: string | undefined
  locale?: string | undefined
  /**
   * The widget's `<style>` element. Left out on the hosted page, which links its stylesheet as a
   * file (strict CSP) and takes the brand color through CSSOM instead.
   */
  styles?: (instance: string) => ReactNode
  /** Called when the run ended and a modal should close. */
  onEnd?: () => void
}

/** The whole connection flow: session, steps, errors. The same in the page, modal and iframe. */
export function LinkFlow({
  controller,
  presentation,
  theme = 'light',
  brandColor,
  locale,
  styles,
  onEnd,
}: LinkFlowProps) {
  const instance = useId()
  const titleId = `${instance}-title`
  const rootRef = useRef<HTMLDivElement>(null)
  const flow = useLinkFlow(controller, onEnd)
  const loadedCopy = useCopy(locale)
  const copy = loadedCopy ?? en
  const { state } = flow
  const modal = presentation === 'modal'

  useEffect(() => {
    // Under a strict CSP the hosted page cannot add a <style>; CSSOM custom properties are allowed.
    const root = rootRef.current
    if (styles || !root || !brandColor || !isSafeColor(brandColor)) return
    root.style.setProperty('--jl-brand', brandColor.trim())
    root.style.setProperty('--jl-brand-fg', readableOn(brandColor))
  }, [styles, brandColor])

  const host = state.session?.host_app.name ?? ''
  const provider = state.provider
  const providerText = provider && providerCopy(copy, provider)
  const text: Text = (template, extra = {}) =>
    fill(
      template,
      { host, provider: provider?.name ?? '', label: providerText?.label ?? '', ...extra },
      copy.lang,
    )

  let content: ReactNode
  if (state.phase === 'loading' || !loadedCopy) {
    content = (
      <p role="status" id={titleId}>
        {copy.common.loading}
      </p>
    )
  } else if (state.phase === 'failed' || !state.session || !provider) {
    const error = state.error ?? { code: 'internal_error' as const, message: '' }
    content = (
      <section aria-labelledby={titleId}>
        <StepHeading id={titleId} focus={modal || state.navigated}>
          {text(copy.errors[error.code].title)}
        </StepHeading>
        <ErrorNotice
          error={error}
          copy={copy}
          text={text}
          showTitle={false}
          primary
          onAction={state.ended ? undefined : flow.act}
        />
      </section>
    )
  } else {
    const props: StepProps = {
      flow,
      session: state.session,
      provider,
      copy,
      providerText: providerText ?? providerCopy(copy, provider),
      text,
      titleId,
      focus: modal || state.navigated,
      alert: state.error && (
        <ErrorNotice
          error={state.error}
          copy={copy}
          text={text}
          focus
          onAction={state.ended ? undefined : flow.act}
        />
      ),
    }
    const pending: PendingStep = (failed, retry) =>
      failed ? (
        <ErrorNotice
          error={{ code: 'service_unavailable', message: 'A step of the widget did not load.' }}
          copy={copy}
          text={text}
          focus
          onAction={retry}
        />
      ) : (
        <p role="status" id={titleId}>
          {copy.common.loading}
        </p>
      )
    content = (
      <>
        <StepHeader
          session={state.session}
          provider={provider}
          step={state.step}
          copy={copy}
          text={text}
        />
        {state.duplicate ? (
          <DuplicateStep {...props} organization={state.duplicate} pending={pending} />
        ) : (
          {
            consent: <ConsentStep {...props} />,
            instructions: <InstructionsStep {...props} />,
            credentials: <CredentialsStep {...props} />,
            organization: <OrganizationStep {...props} pending={pending} />,
            done: <DoneStep {...props} closable={modal} />,
          }[state.step]
        )}
      </>
    )
  }

  const root = (
    <div
      ref={rootRef}
      className="jl-root"
      data-theme={theme}
      data-jl={instance}
      data-step={state.phase === 'ready' ? state.step : state.phase}
      lang={copy.lang}
    >
      {styles?.(instance)}
      {modal && (
        <button
          type="button"
          className="jl-close"
          aria-label={copy.common.closeDialog}
          onClick={flow.close}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
      {content}
    </div>
  )
  if (!modal) return root
  return (
    <Modal titleId={titleId} onClose={flow.close}>
      {root}
    </Modal>
  )
}
