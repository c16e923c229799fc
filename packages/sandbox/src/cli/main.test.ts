import { describe, expect, it } from 'vitest'
import { parseArgs } from './main.ts'

describe('parseArgs', () => {
  it('reads port, host and seed', () => {
    expect(parseArgs(['--port', '5000', '--host', '0.0.0.0', '--seed', '9'])).toEqual({
      port: 5000,
      hostname: '0.0.0.0',
      seed: 9,
    })
  })

  it('defaults to 127.0.0.1 and seed 1', () => {
    const args = parseArgs([])
    expect(args.hostname).toBe('127.0.0.1')
    expect(args.seed).toBe(1)
  })
})
