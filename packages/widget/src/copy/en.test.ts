import { ERROR_CODES } from '@jumplink/shared/errors'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { fill, languageFor } from './index'

describe('English copy', () => {
  it.each(ERROR_CODES)('has plain words and a next step for %s', (code) => {
    const entry = en.errors[code]
    expect(entry.title.length).toBeGreaterThan(5)
    expect(entry.body.length).toBeGreaterThan(10)
    expect(entry.next.length).toBeGreaterThan(5)
    expect(en.errorActions[entry.action]).toBeTruthy()
  })

  it('never names a provider: names come from provider metadata', () => {
    expect(JSON.stringify(en)).not.toMatch(/jumpcloud/i)
  })

  it('falls back to English for languages it does not have', () => {
    expect(languageFor('pt-BR', [])).toBe('en')
    expect(languageFor(undefined, [])).toBe('en')
    expect(languageFor('en-GB', ['de'])).toBe('en')
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('Connect {host} to {provider} {x}', { host: 'Acme', provider: 'Dir' })).toBe(
      'Connect Acme to Dir {x}',
    )
  })
})
