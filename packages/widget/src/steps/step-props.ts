import type { LinkSessionInfo } from '@jumplink/shared'
import type { ProviderMetadata } from '@jumplink/shared/providers'
import type { ReactNode } from 'react'
import type { ProviderCopy, WidgetCopy } from '../copy'
import type { LinkFlow } from '../flow/use-link-flow'

/** Fills a copy template with the host, provider and key names, plus any extra values. */
export type Text = (template: string, extra?: Record<string, string | number>) => string

export interface StepProps {
  flow: LinkFlow
  session: LinkSessionInfo
  provider: ProviderMetadata
  copy: WidgetCopy
  /** The provider's own prose (steps, cautions, scopes, region names) in the copy's language. */
  providerText: ProviderCopy
  text: Text
  /** Id of the step's heading, which labels the dialog. */
  titleId: string
  /** Whether the heading takes focus when the step appears. */
  focus: boolean
  /** Shown as the step's error, if any. */
  alert: ReactNode
}
