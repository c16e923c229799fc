import type { ProviderMetadata } from '@jumplink/shared/providers'
import { en } from './en'
import type { PluralCopy, ProviderCopy, WidgetCopy } from './widget-copy'

export type {
  ErrorAction,
  ErrorCopy,
  PluralCopy,
  ProviderCopy,
  WidgetCopy,
  WidgetErrorCode,
} from './widget-copy'

/** Languages the widget speaks, by primary language subtag. English is the fallback. */
export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const
export type Language = (typeof LANGUAGES)[number]

/**
 * English is bundled; every other catalog is its own chunk, fetched only when a page needs it,
 * so each language added costs the in-page bundle one line here. Add a language: one file, one line.
 */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<WidgetCopy>> = {
  de: () => import('./de').then((module) => module.de),
  fr: () => import('./fr').then((module) => module.fr),
  es: () => import('./es').then((module) => module.es),
}

const loaded = new Map<Language, WidgetCopy>([['en', en]])
const loading = new Map<Language, Promise<WidgetCopy>>()

function supported(locale: string | undefined): Language | undefined {
  const language = locale?.toLowerCase().split(/[-_]/)[0]
  return (LANGUAGES as readonly string[]).find((known) => known === language) as
    | Language
    | undefined
}

/**
 * The language to show: the one asked for (a BCP 47 tag: the `locale` prop, the embed's option,
 * the hosted page's `?locale=`), else the browser's first language the widget has, else English.
 */
export function languageFor(
  locale: string | undefined,
  browserLanguages: readonly string[] = typeof navigator === 'undefined'
    ? []
    : (navigator.languages ?? [navigator.language]),
): Language {
  return supported(locale) ?? browserLanguages.map(supported).find(Boolean) ?? 'en'
}

/** The catalog if it is already here (English always is). */
export function loadedCopy(language: Language): WidgetCopy | undefined {
  return loaded.get(language)
}

/** Loads a catalog once; a catalog that fails to load (offline) falls back to English. */
export function loadCopy(language: Language): Promise<WidgetCopy> {
  const ready = loaded.get(language)
  if (ready) return Promise.resolve(ready)
  if (language === 'en') return Promise.resolve(en)
  let pending = loading.get(language)
  if (!pending) {
    pending = LOADERS[language]().then(
      (copy) => {
        loaded.set(language, copy)
        return copy
      },
      () => {
        loading.delete(language)
        return en
      },
    )
    loading.set(language, pending)
  }
  return pending
}

/** The copy for a BCP 47 locale if loaded, else English (for the few strings shown before). */
export function copyFor(locale: string | undefined): WidgetCopy {
  return loaded.get(languageFor(locale, [])) ?? en
}

/**
 * Fills `{name}` placeholders; numbers are formatted for the language by `Intl.NumberFormat`.
 * Unknown names stay as written so a gap is visible, not blank.
 */
export function fill(
  template: string,
  values: Record<string, string | number>,
  lang = 'en',
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!Object.hasOwn(values, name)) return match
    const value = values[name]
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value)
  })
}

/** The form of a count-dependent string for this count in this language. */
export function plural(forms: PluralCopy, count: number, lang: string): string {
  const category = new Intl.PluralRules(lang).select(count)
  return forms[category] ?? forms.other
}

/** A moment as the admin's language writes a date and time. */
export function formatTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )
}

/** The provider's own prose in the catalog's language, or its English metadata. */
export function providerCopy(copy: WidgetCopy, provider: ProviderMetadata): ProviderCopy {
  const translated = copy.providers?.[provider.id]
  if (translated) return translated
  return {
    label: provider.credential.label,
    formatHint: provider.credential.formatHint,
    regions: Object.fromEntries(provider.regions.map((region) => [region.id, region.label])),
    keySteps: provider.keySteps,
    keyCautions: provider.keyCautions,
    readScopes: provider.readScopes,
    serviceAccountSteps: provider.serviceAccount?.steps ?? [],
    serviceAccountCautions: provider.serviceAccount?.cautions ?? [],
  }
}
