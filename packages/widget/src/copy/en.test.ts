import { ERROR_CODES } from '@jumplink/shared/errors'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { fill, languageFor, type WidgetErrorCode } from './index'
import type { HostApiOnlyCode } from './widget-copy'

/** The codes the widget has no copy for (the type `HostApiOnlyCode`), listed to be checked. */
const HOST_API_ONLY: HostApiOnlyCode[] = [
  'invalid_cursor',
  'unsupported_filter',
  'invalid_secret_key',
  'invalid_public_token',
  'public_token_expired',
  'public_token_already_used',
  'resource_not_found',
  'write_not_permitted',
  'resource_conflict',
  'invalid_field_value',
  'idempotency_key_reused',
  'idempotency_request_in_progress',
  'webhook_endpoint_not_found',
  'webhook_delivery_not_found',
  'webhook_url_invalid',
  'webhook_url_insecure',
  'webhook_url_private',
  'webhook_endpoint_limit_reached',
]

describe('English copy', () => {
  const widgetCodes = ERROR_CODES.filter((code) => Object.hasOwn(en.errors, code))

  it.each(widgetCodes)('has plain words and a next step for %s', (code) => {
    const entry = en.errors[code as WidgetErrorCode]
    expect(entry.title.length).toBeGreaterThan(5)
    expect(entry.body.length).toBeGreaterThan(10)
    expect(entry.next.length).toBeGreaterThan(5)
    expect(en.errorActions[entry.action]).toBeTruthy()
  })

  it('has copy for every code of the link API: only host API codes are left out', () => {
    const left = ERROR_CODES.filter((code) => !Object.hasOwn(en.errors, code))
    expect(left.sort()).toEqual(HOST_API_ONLY.slice().sort())
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
