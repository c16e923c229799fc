import type { ErrorCode } from '@jumplink/shared'
import type { MatrixEndpoint } from './endpoints'

/**
 * One bad request: an endpoint's valid call with one thing wrong. `reject` cases must answer a
 * 4xx catalog error (with `code` when the cause is unambiguous); `tolerate` cases are odd but
 * legal input (an RTL mark in a name) and may succeed, but never with a 5xx.
 */
export interface MatrixCase {
  mutation: string
  expect: 'reject' | 'tolerate'
  code?: ErrorCode
  method?: string
  /** Replaces the endpoint's path (placeholders are still filled in). */
  path?: string
  /** Appended to the path, with its `?`. */
  query?: string
  headers?: Record<string, string>
  /** Replaces the Authorization header; null removes it. */
  authorization?: string | null
  /** The raw body; `undefined` sends the endpoint's valid body (if it has one). */
  body?: string | Uint8Array<ArrayBuffer>
  /** Replaces the content type of the body; null removes it. */
  contentType?: string | null
}

const MB = 1024 * 1024

/** Strings a field should survive or refuse, never crash on. */
const ODD_STRINGS: [name: string, value: string, expect: 'reject' | 'tolerate'][] = [
  ['a NUL character', 'a\u0000b', 'tolerate'],
  ['a lone surrogate', 'x\ud800y', 'tolerate'],
  ['a right-to-left override', '\u202egnp.exe', 'tolerate'],
  ['zero-width and combining marks', 'a\u200b\u0301\ufeff', 'tolerate'],
  ['an emoji', 'id-\u{1f600}', 'tolerate'],
  ['control characters and CRLF', 'a\r\nSet-Cookie: x=1\t\u0007', 'tolerate'],
  ['an empty string', '', 'tolerate'],
  ['a 1 MB string', 'x'.repeat(MB), 'reject'],
]

const WRONG_TYPES: [name: string, value: unknown][] = [
  ['a number', 42],
  ['an array', ['x']],
  ['an object', { x: 1 }],
  ['null', null],
  ['a boolean', true],
]

/** Every leaf of a JSON object, as a path of keys. */
function leaves(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [path]
  return Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]))
}

function setAt(value: Record<string, unknown>, path: string[], leaf: unknown) {
  const copy = structuredClone(value)
  let node: Record<string, unknown> = copy
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[path.at(-1) ?? ''] = leaf
  return copy
}

function bodyCases(endpoint: MatrixEndpoint): MatrixCase[] {
  const valid = endpoint.body?.()
  if (!valid) return []
  const json = endpoint.readsJson
  const code = (c: ErrorCode) => (json ? { code: c } : {})
  const cases: MatrixCase[] = []
  for (const raw of [
    '{',
    '{"a":',
    'not json',
    '{"a":1}}',
    "{'a':1}",
    '[1,2',
    '\u0000',
    '{"a":01}',
  ]) {
    cases.push({
      mutation: `malformed JSON ${JSON.stringify(raw)}`,
      expect: 'reject',
      body: raw,
      ...code('invalid_request'),
    })
  }
  for (const raw of ['[]', 'null', '42', '"text"', 'true']) {
    cases.push({
      mutation: `a JSON ${raw} for the body`,
      expect: 'reject',
      body: raw,
      ...code('invalid_request'),
    })
  }
  cases.push({
    mutation: 'JSON nested 5,000 deep',
    expect: 'reject',
    body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    ...code('invalid_request'),
  })
  cases.push({
    mutation: 'an unknown field',
    expect: 'reject',
    body: JSON.stringify({ ...valid, is_admin: true }),
    ...code('invalid_request'),
  })
  cases.push({
    mutation: 'a __proto__ key',
    expect: 'tolerate',
    body: `{"__proto__":{"polluted":true},${JSON.stringify(valid).slice(1)}`,
  })
  cases.push({
    mutation: 'duplicate keys',
    expect: 'tolerate',
    body: `{${JSON.stringify(valid).slice(1, -1)},${JSON.stringify(valid).slice(1, -1)}}`,
  })
  cases.push({
    mutation: 'invalid UTF-8 bytes',
    expect: 'tolerate',
    body: new Uint8Array([...Buffer.from('{"a":"'), 0xc0, 0xaf, 0xff, ...Buffer.from('"}')]),
  })
  for (const size of [64 * 1024 + 1, 2 * MB]) {
    cases.push({
      mutation: `a ${size}-byte body`,
      expect: 'reject',
      body: JSON.stringify({ ...valid, pad: 'x'.repeat(size) }),
      code: 'payload_too_large',
    })
  }
  for (const path of leaves(valid)) {
    for (const [name, value] of WRONG_TYPES) {
      cases.push({
        mutation: `${path.join('.')} as ${name}`,
        expect: 'reject',
        body: JSON.stringify(setAt(valid, path, value)),
        ...code('invalid_request'),
      })
    }
    for (const [name, value, expect] of ODD_STRINGS) {
      cases.push({
        mutation: `${path.join('.')} with ${name}`,
        expect,
        body: JSON.stringify(setAt(valid, path, value)),
        ...(value.length >= MB ? { code: 'payload_too_large' as const } : {}),
      })
    }
  }
  if (json) {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonp',
      'text/json',
    ]) {
      cases.push({
        mutation: `content type ${type}`,
        expect: 'reject',
        contentType: type,
        code: 'unsupported_media_type',
      })
    }
    cases.push({
      mutation: 'no content type',
      expect: 'reject',
      contentType: null,
      code: 'unsupported_media_type',
    })
  }
  return cases
}

function queryCases(endpoint: MatrixEndpoint): MatrixCase[] {
  const strict = endpoint.strictQuery ? 'reject' : 'tolerate'
  const queries: [string, string][] = [
    ['an unknown parameter', '?is_admin=true'],
    ['a negative limit', '?limit=-1'],
    ['a text limit', '?limit=abc'],
    ['a huge limit', '?limit=1e9'],
    ['an empty limit', '?limit='],
    ['a garbage cursor', '?cursor=%25%25%25not-a-cursor'],
    ['malformed percent-encoding', '?limit=%zz'],
    ['a NUL', '?limit=1%00'],
    ['a lone surrogate in UTF-8', '?limit=%ED%A0%80'],
    ['a right-to-left override', '?limit=%E2%80%AE1'],
    ['an 8 KB query string', `?limit=${'9'.repeat(8 * 1024)}`],
    ['an array-style parameter', '?limit[]=1&limit[]=2'],
  ]
  const cases: MatrixCase[] = queries.map(([name, query]) => ({
    mutation: `query: ${name}`,
    expect: strict,
    query,
  }))
  // Past Node's 16 KB header limit: refused before any route runs.
  cases.push({
    mutation: 'query: a 64 KB query string',
    expect: 'reject',
    query: `?x=${'a'.repeat(64 * 1024)}`,
  })
  return cases
}

function headerCases(endpoint: MatrixEndpoint): MatrixCase[] {
  const authed = endpoint.auth === 'none' ? 'tolerate' : 'reject'
  const cases: MatrixCase[] = [
    { mutation: 'an 8 KB header', expect: 'tolerate', headers: { 'x-pad': 'a'.repeat(8 * 1024) } },
    { mutation: 'a 64 KB header', expect: 'reject', headers: { 'x-pad': 'a'.repeat(64 * 1024) } },
    {
      mutation: '200 extra headers',
      expect: 'tolerate',
      headers: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-h${i}`, 'v'])),
    },
    {
      mutation: 'an odd request id',
      expect: 'tolerate',
      headers: { 'x-request-id': '<script>\u00ff' },
    },
    {
      mutation: 'a 4 KB request id',
      expect: 'tolerate',
      headers: { 'x-request-id': 'r'.repeat(4096) },
    },
    { mutation: 'no Authorization', expect: authed, authorization: null },
    { mutation: 'an empty Bearer', expect: authed, authorization: 'Bearer ' },
    { mutation: 'Basic credentials', expect: authed, authorization: 'Basic dXNlcjpwYXNz' },
    { mutation: 'two bearer tokens', expect: authed, authorization: 'Bearer a b' },
    {
      mutation: 'an 8 KB bearer token',
      expect: authed,
      authorization: `Bearer ${'x'.repeat(8192)}`,
    },
    { mutation: 'a Latin-1 bearer token', expect: authed, authorization: 'Bearer \u00ff\u00fe' },
  ]
  if (endpoint.auth === 'link') {
    cases.push({
      mutation: 'a foreign Origin',
      expect: 'reject',
      headers: { origin: 'https://evil.example' },
      code: 'origin_not_allowed',
    })
  }
  return cases
}

function pathCases(endpoint: MatrixEndpoint): MatrixCase[] {
  const suffixes: [string, string][] = [
    ['encoded ../', '/..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded dot segments', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded backslashes', '/%5c..%5c..%5cwindows'],
    ['overlong UTF-8 dots', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc'],
    ['a NUL', '%00'],
    ['a double slash', '//evil.example/x'],
  ]
  const cases: MatrixCase[] = suffixes.map(([name, suffix]) => ({
    mutation: `path: ${name}`,
    expect: 'reject',
    path: `${endpoint.path}${suffix}`,
  }))
  for (const param of [':conn', ':record', ':id', ':asset'] as const) {
    if (!endpoint.path.includes(param)) continue
    for (const value of [
      '..%2f..%2fconnections',
      '..%2f..%2f..%2fpackage.json',
      '..%5c..%5cindex.js',
      '%2e%2e',
      'x'.repeat(300),
      '%00',
      '%E2%80%AE',
    ]) {
      cases.push({
        mutation: `path: ${param} as ${value.length > 20 ? `${value.length} characters` : value}`,
        expect: 'reject',
        path: endpoint.path.replace(param, value),
      })
    }
  }
  return cases
}

function methodCases(): MatrixCase[] {
  return ['PUT', 'PATCH', 'PROPFIND'].map((method) => ({
    mutation: `method ${method}`,
    expect: 'reject',
    method,
  }))
}

/** Every mutation of one endpoint. */
export function mutationsOf(endpoint: MatrixEndpoint): MatrixCase[] {
  return [
    ...bodyCases(endpoint),
    ...queryCases(endpoint),
    ...headerCases(endpoint),
    ...pathCases(endpoint),
    ...methodCases(),
  ]
}
