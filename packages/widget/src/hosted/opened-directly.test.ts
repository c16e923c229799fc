import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../copy'
import { OPENED_DIRECTLY } from './opened-directly'

describe('the hosted page opened on its own', () => {
  it('tells the admin to go back to the app, in every language the widget speaks', () => {
    for (const language of LANGUAGES) expect(OPENED_DIRECTLY[language].length).toBeGreaterThan(40)
    const others = LANGUAGES.filter((language) => language !== 'en')
    for (const language of others) expect(OPENED_DIRECTLY[language]).not.toBe(OPENED_DIRECTLY.en)
    expect(Object.values(OPENED_DIRECTLY).join(' ')).not.toMatch(/\{\w+\}/)
  })
})
