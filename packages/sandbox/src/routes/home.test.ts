import { describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from '../keys.ts'
import { SCENARIO_SERVICE_ACCOUNTS } from '../service-accounts.ts'
import { homePage } from './home.ts'

describe('the sandbox home page', () => {
  const html = homePage('http://127.0.0.1:4010/')

  it('lists every scenario key and every scenario service account with its secret', () => {
    for (const key of Object.values(SCENARIO_KEYS)) expect(html).toContain(`<code>${key}</code>`)
    for (const { clientId, clientSecret } of Object.values(SCENARIO_SERVICE_ACCOUNTS)) {
      expect(html).toContain(`<code>${clientId}</code>`)
      expect(html).toContain(`<code>${clientSecret}</code>`)
    }
    expect(html).toContain('http://127.0.0.1:4010/oauth2/token')
  })

  it('has no script', () => {
    expect(html).not.toMatch(/<script/i)
  })
})
