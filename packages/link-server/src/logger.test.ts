import { describe, expect, it } from 'vitest'
import { createLogger, prettyLine } from './logger'

describe('log formats', () => {
  it('writes JSON lines by default, with secrets scrubbed', () => {
    const lines: string[] = []
    const logger = createLogger({ destination: { write: (l) => lines.push(l) } })
    logger.info({ link_session_id: 'ls_1', note: 'jl_sk_abcdef' }, 'link session created')
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 30,
      msg: 'link session created',
      link_session_id: 'ls_1',
      note: '[redacted]',
    })
  })

  it('writes short readable lines in the pretty format, leaving out requests that went well', () => {
    const lines: string[] = []
    const logger = createLogger({ format: 'pretty', destination: { write: (l) => lines.push(l) } })
    logger.info({ method: 'GET', path: '/v1/link/session', status: 200, duration_ms: 4 }, 'request')
    logger.info(
      { method: 'POST', path: '/v1/link/complete', status: 409, duration_ms: 30 },
      'request',
    )
    logger.info(
      { method: 'GET', path: '/v1/unified/users', status: 200, duration_ms: 2500 },
      'request',
    )
    logger.warn({ api_key: 'jca_secret', path: '/x' }, 'key check failed')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}request {2}method=POST path=\/v1\/link\/complete status=409 duration_ms=30\n$/,
    )
    expect(lines[1]).toMatch(/status=200 duration_ms=2500/)
    expect(lines[2]).toMatch(
      /^\d\d:\d\d:\d\d WARN {2}key check failed {2}api_key=\[redacted\] path=\/x\n$/,
    )
  })

  it('passes a line it cannot read through unchanged', () => {
    expect(prettyLine('not json\n')).toBe('not json\n')
  })
})
