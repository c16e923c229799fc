import { describe, expect, it } from 'vitest'
import { ERROR_CATALOG, ERROR_CODES, isErrorCode, JumpLinkError } from './errors'

describe('error catalog', () => {
  it('uses lower snake_case codes', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/)
  })

  it('gives every code an error status, a sentence and a retry flag', () => {
    for (const [code, definition] of Object.entries(ERROR_CATALOG)) {
      expect(definition.status, code).toBeGreaterThanOrEqual(400)
      expect(definition.status, code).toBeLessThan(600)
      expect(definition.message, code).toMatch(/^[A-Z].*\.$/)
      expect(typeof definition.retryable, code).toBe('boolean')
    }
  })

  // A write whose Idempotency-Key is still being worked on is worth sending again shortly.
  it('marks exactly the throttling, availability and in-progress errors retryable', () => {
    const retryable = ERROR_CODES.filter((code) => ERROR_CATALOG[code].retryable)
    expect(retryable.sort()).toEqual(
      [
        'idempotency_request_in_progress',
        'internal_error',
        'provider_rate_limited',
        'provider_timeout',
        'provider_unavailable',
        'rate_limited',
        'service_unavailable',
      ].sort(),
    )
  })

  it('recognises its own codes and nothing else', () => {
    expect(isErrorCode('invalid_api_key')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode('INVALID_API_KEY')).toBe(false)
    expect(isErrorCode(401)).toBe(false)
  })
})

describe('JumpLinkError', () => {
  it('takes status, message and retry flag from the catalog', () => {
    const error = new JumpLinkError('provider_rate_limited', { retryAfter: 30 })
    expect(error.status).toBe(429)
    expect(error.retryable).toBe(true)
    expect(error.message).toBe(ERROR_CATALOG.provider_rate_limited.message)
    expect(error).toBeInstanceOf(Error)
  })

  it('renders the wire body without its cause', () => {
    const cause = new Error('upstream said: key jca_secret rejected')
    const error = new JumpLinkError('invalid_api_key', { cause })
    const body = error.toBody('req_123')
    expect(body).toEqual({
      error: {
        code: 'invalid_api_key',
        message: 'The directory rejected this API key.',
        request_id: 'req_123',
        retryable: false,
      },
    })
    expect(JSON.stringify(body)).not.toContain('jca_secret')
  })

  it('carries retry_after and details when given', () => {
    const body = new JumpLinkError('rate_limited', {
      retryAfter: 12,
      details: { issues: [{ path: 'a', message: 'b' }] },
    }).toBody('r')
    expect(body.error.retry_after).toBe(12)
    expect(body.error.details?.issues).toHaveLength(1)
  })
})
