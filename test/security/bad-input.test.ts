import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MATRIX_ENDPOINTS, type MatrixEndpoint } from './support/endpoints'
import { createTally } from './support/figures'
import { connect, startSession } from './support/flow'
import { catalogError, isCatalogError, type Reply } from './support/http'
import { type MatrixCase, mutationsOf } from './support/mutations'
import { type Stack, startStack } from './support/stack'

/**
 * Every endpoint × every mutation (generated, see support/mutations.ts): malformed and oversized
 * bodies, wrong types, odd Unicode, huge query strings and headers, wrong content types, path
 * traversal, wrong methods. The answer is a 4xx with a catalog code, or (for odd but legal input)
 * a success; never a 5xx.
 */
const tally = createTally('bad-input')
let stack: Stack
let secret: string
let integrationToken: string
const fill: Record<string, string> = {}

beforeAll(async () => {
  // Key checks are rate limited per address; here every case comes from 127.0.0.1.
  stack = await startStack({ label: 'badinput', env: { LINK_RATE_LIMIT_PER_ADDRESS: '100000' } })
  secret = (await stack.link.addHostApp()).secret
  const kept = await connect(stack.call, secret, stack.key, stack.orgId)
  const victim = await connect(stack.call, secret, stack.key, stack.orgId)
  integrationToken = kept.token
  fill[':key'] = stack.key
  fill[':org'] = stack.orgId
  fill[':conn'] = kept.connectionId
  fill[':victim'] = victim.connectionId
})
afterAll(async () => {
  tally.save()
  await stack?.close()
})

/** Placeholders filled with real ids, so that only the mutation is wrong. */
async function resolvePath(endpoint: MatrixEndpoint, path: string): Promise<string> {
  let out = endpoint.method === 'DELETE' ? path.replace(':conn', fill[':victim'] ?? '') : path
  out = out.replace(':conn', fill[':conn'] ?? '').replace(':asset', 'not-an-asset.js')
  if (out.includes(':id') || out.includes(':record')) {
    // The first record of the collection the id belongs to (the parent, for nested lists).
    const base = endpoint.path.split('/:')[0] ?? ''
    if (fill[base] === undefined) {
      const page = await stack.call('GET', `${base}?limit=1`, { token: integrationToken })
      const first = (page.json as { result?: { id: string }[] }).result?.[0]
      expect(first, `a record in ${base}`).toBeDefined()
      fill[base] = first?.id ?? ''
    }
    out = out.replace(':id', fill[base] ?? '').replace(':record', fill[base] ?? '')
  }
  return out
}

async function credential(endpoint: MatrixEndpoint): Promise<string | undefined> {
  if (endpoint.auth === 'secret') return secret
  if (endpoint.auth === 'integration') return integrationToken
  // A fresh session for each call: a case that succeeds must not spoil the next.
  if (endpoint.auth === 'link') return startSession(stack.call, secret)
  return undefined
}

function validBody(endpoint: MatrixEndpoint): string | undefined {
  const body = endpoint.body?.()
  if (!body) return undefined
  let text = JSON.stringify(body)
  for (const [placeholder, value] of Object.entries(fill)) {
    text = text.replaceAll(JSON.stringify(placeholder), JSON.stringify(value))
  }
  return text
}

async function send(endpoint: MatrixEndpoint, c: MatrixCase | undefined): Promise<Reply> {
  const token = await credential(endpoint)
  const body = c?.body ?? validBody(endpoint)
  const headers: Record<string, string> = {}
  const authorization =
    c?.authorization === undefined ? token && `Bearer ${token}` : c.authorization
  if (authorization) headers.authorization = authorization
  const contentType = c?.contentType === undefined ? 'application/json' : c.contentType
  if (body !== undefined && contentType) headers['content-type'] = contentType
  Object.assign(headers, c?.headers)
  const method = c?.method ?? endpoint.method
  const path = (await resolvePath(endpoint, c?.path ?? endpoint.path)) + (c?.query ?? '')
  try {
    return await stack.call(method, path, {
      headers,
      ...(body === undefined || method === 'GET' ? {} : { raw: body }),
    })
  } catch (error) {
    // fetch refused to send it (e.g. a header it deems invalid): nothing reached the server.
    throw new Error(`could not send ${method} ${path.slice(0, 80)}: ${error}`)
  }
}

/** The directory's own 4xx, relayed by the proxy (no catalog body, by the proxy's contract). */
function fromDirectory(endpoint: MatrixEndpoint, reply: Reply): boolean {
  return (
    endpoint.passthrough === true &&
    reply.status >= 400 &&
    reply.status < 500 &&
    !isCatalogError(reply)
  )
}

/** What is wrong with an answer to a case, or undefined when it is right. */
function judge(endpoint: MatrixEndpoint, c: MatrixCase, reply: Reply): string | undefined {
  if (reply.status >= 500) return `answered ${reply.status}: ${reply.text.slice(0, 200)}`
  if (reply.status >= 400 && !isCatalogError(reply) && !fromDirectory(endpoint, reply)) {
    return `answered ${reply.status} without a catalog error body: ${reply.text.slice(0, 200)}`
  }
  if (c.expect === 'reject' && reply.status < 400) return `accepted (${reply.status})`
  const code = (reply.json as { error?: { code?: string } } | undefined)?.error?.code
  if (c.code && reply.status >= 400 && code !== c.code) return `answered ${code}, not ${c.code}`
  return undefined
}

describe('every endpoint × every mutation', () => {
  it.each(MATRIX_ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s: 4xx with a catalog code, never a 5xx',
    async (_, endpoint) => {
      const baseline = await send(endpoint, undefined)
      if (endpoint.okBaseline)
        expect(baseline.status, baseline.text.slice(0, 200)).toBeLessThan(300)
      else catalogError(baseline)

      const problems: string[] = []
      for (const c of mutationsOf(endpoint)) {
        tally.add('bad_input.sent')
        const reply = await send(endpoint, c)
        tally.add('bad_input.answered_5xx', reply.status >= 500 ? 1 : 0)
        if (reply.status >= 500) {
          // counted above; judged below
        } else if (reply.status >= 400 && isCatalogError(reply)) tally.add('bad_input.answered_4xx')
        else if (fromDirectory(endpoint, reply)) tally.add('bad_input.answered_4xx_by_directory')
        else if (reply.status < 400) tally.add('bad_input.accepted_as_valid')
        const problem = judge(endpoint, c, reply)
        if (problem) problems.push(`${c.mutation}: ${problem}`)
      }
      expect(problems).toEqual([])
    },
  )
})
