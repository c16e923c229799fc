import { describe, expect, it } from 'vitest'
import { brandRule, isSafeColor, readableOn } from './brand-color'

describe('brand color', () => {
  it('accepts hex, rgb and hsl colors and nothing that could inject CSS', () => {
    expect(isSafeColor('#0a7')).toBe(true)
    expect(isSafeColor('#00aa77')).toBe(true)
    expect(isSafeColor('rgb(0, 170, 119)')).toBe(true)
    expect(isSafeColor('hsl(160deg 100% 33%)')).toBe(true)
    expect(isSafeColor('red;}body{display:none')).toBe(false)
    expect(isSafeColor('url(https://evil.test)')).toBe(false)
  })

  it('picks readable text for the brand color', () => {
    expect(readableOn('#000000')).toBe('#fff')
    expect(readableOn('#ffdd00')).toBe('#111')
  })

  it('scopes the rule to one instance, or gives none for an unsafe color', () => {
    expect(brandRule('r1', '#123456')).toBe(
      '.jl-root[data-jl="r1"]{--jl-brand:#123456;--jl-brand-fg:#fff}',
    )
    expect(brandRule('r1', 'expression(alert(1))')).toBe('')
  })
})
