import { en } from './en'
import type { WidgetCopy } from './widget-copy'

export type { ErrorAction, ErrorCopy, WidgetCopy } from './widget-copy'

/** Languages the widget speaks, by primary language subtag. Add a language: one file, one line. */
const LANGUAGES: Record<string, WidgetCopy> = { en }

/** The copy for a BCP 47 locale, falling back to English. */
export function copyFor(locale: string | undefined): WidgetCopy {
  const language = locale?.toLowerCase().split(/[-_]/)[0] ?? 'en'
  return Object.hasOwn(LANGUAGES, language) ? (LANGUAGES[language] ?? en) : en
}

/** Fills `{name}` placeholders; unknown names stay as written so a gap is visible, not blank. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  )
}
