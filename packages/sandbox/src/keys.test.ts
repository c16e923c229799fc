import { describe, expect, it } from 'vitest'
import { API_KEY_PATTERN, SCENARIO_KEYS } from './keys.ts'

describe('SCENARIO_KEYS', () => {
  it('are all in the jca_ format, 40 characters long', () => {
    for (const key of Object.values(SCENARIO_KEYS)) {
      expect(key).toMatch(/^jca_[A-Za-z0-9]{36}$/)
      expect(key).toMatch(API_KEY_PATTERN)
    }
  })

  it('are distinct', () => {
    const keys = Object.values(SCENARIO_KEYS)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
