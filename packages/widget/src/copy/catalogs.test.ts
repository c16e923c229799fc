import { PROVIDERS } from '@jumplink/shared/providers'
import { describe, expect, it } from 'vitest'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { fill, LANGUAGES, languageFor, loadCopy, plural, providerCopy } from './index'
import type { WidgetCopy } from './widget-copy'

const CATALOGS: Record<string, WidgetCopy> = { de, fr, es }

/** Every string in a catalog by its dotted path (plural forms and provider prose left out). */
function strings(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof value === 'string') out.set(path, value)
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (path === '' && key === 'providers') continue
      for (const [p, s] of strings(child, path ? `${path}.${key}` : key)) out.set(p, s)
    }
  }
  return out
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe.each(Object.entries(CATALOGS))('the %s catalog', (language, catalog) => {
  const english = strings(en)
  const translated = strings(catalog)

  it('is one of the languages the widget offers, and says so', () => {
    expect(LANGUAGES).toContain(language)
    expect(catalog.lang).toBe(language)
  })

  it('has every key English has, and no other', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('has every placeholder English has, in every string', () => {
    const mismatched = [...english].filter(
      ([path, text]) =>
        path !== 'lang' &&
        JSON.stringify(placeholders(text)) !==
          JSON.stringify(placeholders(translated.get(path) ?? '')),
    )
    expect(mismatched.map(([path]) => path)).toEqual([])
  })

  it('keeps the same next action for every error', () => {
    for (const [code, entry] of Object.entries(en.errors)) {
      expect(catalog.errors[code as keyof typeof en.errors].action, code).toBe(entry.action)
    }
  })

  it('has a form for every plural category of the language', () => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
    for (const category of categories) {
      // `many` in French and Spanish is for millions; `other` serves it, as Intl expects.
      if (category === 'many') continue
      expect(catalog.retryAfter[category], category).toBeTruthy()
    }
  })

  it.each(Object.values(PROVIDERS))('translates the prose of $name, item for item', (provider) => {
    const text = catalog.providers?.[provider.id]
    expect(text).toBeDefined()
    if (!text) return
    expect(text.keySteps).toHaveLength(provider.keySteps.length)
    expect(text.keyCautions).toHaveLength(provider.keyCautions.length)
    expect(text.readScopes).toHaveLength(provider.readScopes.length)
    expect(text.serviceAccountSteps).toHaveLength(provider.serviceAccount?.steps.length ?? 0)
    expect(text.serviceAccountCautions).toHaveLength(provider.serviceAccount?.cautions.length ?? 0)
    expect(Object.keys(text.regions).sort()).toEqual(provider.regions.map((r) => r.id).sort())
    expect(providerCopy(catalog, provider)).toBe(text)
    expect(text.keySteps).not.toEqual(provider.keySteps)
  })

  it('loads on demand as its own module', async () => {
    expect(await loadCopy(language as (typeof LANGUAGES)[number])).toBe(catalog)
  })
})

describe('choosing a language', () => {
  it.each([
    ['de-CH', [], 'de'],
    ['FR', [], 'fr'],
    ['es_419', [], 'es'],
    ['it', ['it-IT', 'fr-BE'], 'fr'],
    [undefined, ['pt-BR', 'de'], 'de'],
    [undefined, [], 'en'],
    ['ja', ['ja'], 'en'],
  ] as const)('%s with browser languages %j gives %s', (locale, browser, expected) => {
    expect(languageFor(locale, browser)).toBe(expected)
  })

  it('formats numbers and picks plural forms by the language', () => {
    expect(fill('{count} von {total}', { count: 1234, total: 5 }, 'de')).toBe('1.234 von 5')
    expect(fill('{count} of {total}', { count: 1234, total: 5 }, 'en')).toBe('1,234 of 5')
    expect(plural(en.retryAfter, 1, 'en')).toBe(en.retryAfter.one)
    expect(plural(en.retryAfter, 2, 'en')).toBe(en.retryAfter.other)
    // French counts 0 as singular, English as plural.
    expect(plural(fr.retryAfter, 0, 'fr')).toBe(fr.retryAfter.one)
    expect(plural(en.retryAfter, 0, 'en')).toBe(en.retryAfter.other)
  })

  it('gives English the provider’s own metadata', () => {
    expect(providerCopy(en, PROVIDERS.jumpcloud).keySteps).toBe(PROVIDERS.jumpcloud.keySteps)
  })
})
