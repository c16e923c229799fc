import { describe, expect, it } from 'vitest'
import { parentOriginFrom } from './parent-origin'

const list = (...origins: string[]) =>
  Object.assign([...origins], { contains: (o: string) => origins.includes(o), item: () => null })

describe('parentOriginFrom', () => {
  it('takes an exact http(s) origin from the query', () => {
    expect(parentOriginFrom({ search: '?origin=https%3A%2F%2Fapp.example.test' })).toBe(
      'https://app.example.test',
    )
  })

  it.each([
    ['no origin', ''],
    ['a path', '?origin=https://app.example.test/path'],
    ['a wildcard', '?origin=*'],
    ['another scheme', '?origin=javascript:alert(1)'],
    ['a trailing slash', '?origin=https://app.example.test/'],
  ])('refuses %s', (_label, search) => {
    expect(parentOriginFrom({ search })).toBeNull()
  })

  it('refuses a claimed origin the browser says is not the ancestor', () => {
    const search = '?origin=https://app.example.test'
    expect(
      parentOriginFrom({
        search,
        ancestorOrigins: list('https://evil.test') as unknown as DOMStringList,
      }),
    ).toBeNull()
    expect(
      parentOriginFrom({
        search,
        ancestorOrigins: list('https://app.example.test') as unknown as DOMStringList,
      }),
    ).toBe('https://app.example.test')
  })
})
