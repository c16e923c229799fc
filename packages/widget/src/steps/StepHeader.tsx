import type { LinkSessionInfo } from '@jumplink/shared'
import type { LinkStep } from '@jumplink/shared/messages'
import type { ProviderMetadata } from '@jumplink/shared/providers'
import type { WidgetCopy } from '../copy'
import type { Text } from './step-props'

/**
 * The steps the admin sees, in order, per session mode; steps in one group count as one (the
 * organization choice belongs to the key). A new step is one more entry here.
 */
export const PROGRESS: Record<LinkSessionInfo['mode'], readonly (readonly LinkStep[])[]> = {
  create: [['consent'], ['instructions'], ['credentials', 'organization'], ['done']],
  update: [['instructions'], ['credentials'], ['done']],
}

export function progressOf(
  mode: LinkSessionInfo['mode'],
  step: LinkStep,
): { current: number; total: number } {
  const groups = PROGRESS[mode]
  const index = groups.findIndex((group) => group.includes(step))
  return { current: index + 1, total: groups.length }
}

export interface StepHeaderProps {
  session: LinkSessionInfo
  provider: ProviderMetadata
  step: LinkStep
  copy: WidgetCopy
  text: Text
}

/** The provider's mark and name, and "Step n of m" with a bar, above every step. */
export function StepHeader({ session, provider, step, copy, text }: StepHeaderProps) {
  const { current, total } = progressOf(session.mode, step)
  const label = text(copy.common.progress, { current, total })
  return (
    <div className="jl-top">
      <span className="jl-brand-mark">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <rect width="24" height="24" rx="6" fill={provider.brandColor ?? 'currentColor'} />
          <path
            d="M8 17h8.5a3.5 3.5 0 0 0 .4-6.98A5 5 0 0 0 7.3 11.1 3 3 0 0 0 8 17z"
            fill="#fff"
          />
        </svg>
        <span>{provider.name}</span>
      </span>
      {current > 0 && (
        <span className="jl-progress">
          <span className="jl-progress-text">{label}</span>
          <span className="jl-progress-bar" aria-hidden="true">
            {Array.from({ length: total }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments are positions, not items
              <span key={i} data-done={i < current ? '' : undefined} />
            ))}
          </span>
        </span>
      )}
    </div>
  )
}
