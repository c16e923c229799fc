import { describe, expect, it } from 'vitest'
import { matchesKeyFormat, PROVIDER_IDS, PROVIDERS } from './index'
import { jumpcloud } from './jumpcloud'

describe('JumpCloud provider metadata', () => {
  it('is registered under its id', () => {
    expect(PROVIDER_IDS).toContain('jumpcloud')
    expect(PROVIDERS.jumpcloud.id).toBe('jumpcloud')
  })

  it.each([
    ['a jca_ key', `jca_${'aB3'.repeat(12)}`],
    ['a legacy 40-character key', `${'a'.repeat(20)}0123456789ABCDEFGHIJ`],
    ['a key with pasted whitespace', `  jca_${'x1'.repeat(18)}\n`],
  ])('accepts %s', (_label, key) => {
    expect(matchesKeyFormat(jumpcloud, key)).toBe(true)
  })

  it.each([
    ['a short jca_ key', `jca_${'a'.repeat(35)}`],
    ['a long jca_ key', `jca_${'a'.repeat(37)}`],
    ['a key with symbols', `jca_${'a'.repeat(35)}-`],
    ['an empty string', ''],
  ])('rejects %s', (_label, key) => {
    expect(matchesKeyFormat(jumpcloud, key)).toBe(false)
  })

  it('offers every region the link API accepts, the default among them', () => {
    expect(jumpcloud.regions.map((region) => region.id)).toEqual(['us', 'eu', 'in'])
    expect(jumpcloud.regions.map((region) => region.id)).toContain(jumpcloud.defaultRegion)
    for (const region of jumpcloud.regions) expect(region.consoleUrl).toMatch(/^https:\/\//)
  })

  it('warns that API access must be enabled and that a new key invalidates the old one', () => {
    const cautions = jumpcloud.keyCautions.join(' ')
    expect(cautions).toMatch(/API access is off by default/)
    expect(cautions).toMatch(/invalidates the previous one/)
    expect(jumpcloud.keySteps.join(' ')).toMatch(/My API Key/)
  })

  it('guides a service account: where to create it, who may, and how long its secret lasts', () => {
    const guide = jumpcloud.serviceAccount
    expect(guide.steps.join(' ')).toMatch(/Settings, then Service Accounts/)
    expect(guide.steps.join(' ')).toMatch(/client id and the client secret/)
    expect(guide.cautions.join(' ')).toMatch(/Administrator with Billing/)
    expect(guide.cautions.join(' ')).toMatch(/lifetime you chose/)
    expect(guide.docsUrl).toMatch(/^https:\/\/jumpcloud\.com\//)
  })
})
