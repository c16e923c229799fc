import type { Context } from 'hono'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import {
  EVENTUALLY_CONSISTENT,
  type Filter,
  filterRecords,
  type Operator,
  parseFilterParams,
} from '../query/filter.ts'
import { candidatesById } from '../query/id-index.ts'
import {
  type Page,
  type Projection,
  pageOf,
  parseFields,
  parsePage,
  parseSort,
  project,
  projectionOf,
  type SortKey,
  sortRecords,
} from '../query/list.ts'
import { searchBodyFilter, searchFilterMatcher } from '../query/search-body.ts'
import { sortedStoredList, storedRecordText } from '../query/stored-views.ts'

// How the three list families answer (jumpcloud-api.md §14.1, §5.3, §8).

const V1_IDS = ['_id', 'id'] as const
const V2_IDS = ['id', 'type'] as const

/**
 * `stored`: the records are the organization's own, changed only by the sandbox's writes, so
 * their sorted orders and texts may be remembered (`query/stored-views.ts`). Lists built for
 * the request (graph traversals) are not.
 */
export interface ListOptions {
  stored?: boolean
}

/** v1: `{totalCount, results}`; space-separated `sort`/`fields`; `$`-operators; limit ≤ 100. */
export function v1List<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
  options: ListOptions & { defaultSort?: string } = {},
): Response {
  const url = new URL(c.req.url)
  const filter = parseFilterParams(url, 'v1')
  refuseUndocumentedOperators(filter)
  requireEventualConsistency(c, filter)
  const sorted = sortedPage(
    records,
    filter,
    parseSort(url.searchParams.get('sort') ?? options.defaultSort ?? null, ' '),
    options,
  )
  const page = parsePage(url, 100)
  const projection = projectionOf(parseFields(url.searchParams.get('fields'), ' '), V1_IDS)
  return v1Answer(c, sorted, page, projection, options)
}

/**
 * v1 `POST /api/search/…`: the body's `filter`/`searchFilter`/`fields`/`limit`/`skip`
 * (`query/search-body.ts`); `limit`/`skip` may also come as query parameters, as in the spec's
 * code samples. Records come in stored order.
 */
export async function v1Search<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
  options: ListOptions = {},
): Promise<Response> {
  const url = new URL(c.req.url)
  let body: unknown = {}
  const text = await c.req.text()
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError(errors.badRequest('v1', 'the body must be JSON'))
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError(errors.badRequest('v1', 'the body must be a JSON object'))
  const search = body as {
    filter?: unknown
    searchFilter?: unknown
    fields?: unknown
    limit?: unknown
    skip?: unknown
  }
  const filter = searchBodyFilter(search.filter)
  const matchesText = searchFilterMatcher(search.searchFilter)
  const filtered = sortedPage(records, filter, [], options)
  const matched = matchesText ? filtered.filter(matchesText) : filtered
  const page = parsePage(url, 100)
  for (const key of ['limit', 'skip'] as const) {
    const value = search[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new ApiError(errors.badRequest('v1', `${key} must be a non-negative integer`))
    page[key] = value
  }
  if (page.limit > 100)
    throw new ApiError(errors.badRequest('v1', 'limit must be less than or equal to 100'))
  if (search.fields !== undefined && typeof search.fields !== 'string')
    throw new ApiError(errors.badRequest('v1', 'fields must be a space-separated string'))
  const fields = parseFields(search.fields ?? url.searchParams.get('fields'), ' ')
  return v1Answer(c, matched, page, projectionOf(fields, V1_IDS), options)
}

/** v2 and System Insights: a bare array with the total in `x-total-count`; comma-separated. */
export function v2List<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
  options: ListOptions & { max?: number; operators?: readonly string[] } = {},
): Response {
  const url = new URL(c.req.url)
  const filter = parseFilterParams(url, 'v2')
  if (options.operators) {
    for (const condition of filter.and) {
      if (!options.operators.includes(condition.op)) {
        throw new ApiError(
          errors.badRequest(
            c.get('family'),
            `filter operator ${condition.op} is not supported here`,
          ),
        )
      }
    }
  }
  const sorted = sortedPage(records, filter, parseSort(url.searchParams.get('sort'), ','), options)
  const page = parsePage(url, options.max ?? 100)
  const projection = projectionOf(parseFields(url.searchParams.get('fields'), ','), V2_IDS)
  c.header('x-total-count', String(sorted.length))
  return json(c, resultsText(pageOf(sorted, page), projection, options))
}

/**
 * The filtered, sorted records. A stored list is sorted once per sort (`sortedStoredList`)
 * and then filtered, which keeps the same order: the sort is stable and a filter keeps order.
 * A filter naming ids sorts only the few records it can match.
 */
function sortedPage<T extends object>(
  records: readonly T[],
  filter: Filter,
  keys: readonly SortKey[],
  options: ListOptions,
): readonly T[] {
  const filtered = filter.and.length > 0 || filter.or.length > 0
  const candidates = filtered ? candidatesById(records, filter) : undefined
  if (options.stored && !candidates) {
    const sorted = sortedStoredList(records, keys)
    return filtered ? filterRecords(sorted, filter) : sorted
  }
  return sortRecords(filtered ? filterRecords(candidates ?? records, filter) : records, keys)
}

/** v1's `{totalCount, results}`, written as `c.json` would write it. */
function v1Answer<T extends object>(
  c: Context<SandboxEnv>,
  matched: readonly T[],
  page: Page,
  projection: Projection | undefined,
  options: ListOptions,
): Response {
  const results = resultsText(pageOf(matched, page), projection, options)
  return json(c, `{"totalCount":${matched.length},"results":${results}}`)
}

/** The JSON array of the projected records, each record's text remembered when stored. */
function resultsText<T extends object>(
  records: readonly T[],
  projection: Projection | undefined,
  options: ListOptions,
): string {
  const texts = records.map((r) =>
    options.stored ? storedRecordText(r, projection) : JSON.stringify(project(r, projection)),
  )
  return `[${texts.join(',')}]`
}

/** What `c.json` answers, for a body already serialised. */
function json(c: Context<SandboxEnv>, text: string): Response {
  return c.body(text, undefined, { 'Content-Type': 'application/json' })
}

/**
 * The V1 spec shows the query `filter` only with `$eq` (its `CommandResult_Search` sample;
 * jumpcloud-api.md §5.3); no other comparison appears in it, so those are refused with
 * JumpCloud's v1 400, so that a client sending them is caught here. `$in` has a documented
 * replacement (a search body with `or`); ranges and negations are read with the documented
 * `sort` and checked by the client. The eventually-consistent text operators are handled below.
 */
const UNDOCUMENTED_V1_OPERATORS: ReadonlySet<Operator> = new Set([
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'in',
  'nin',
])
const V1_OPERATOR_TEXT: Partial<Record<Operator, string>> = {
  ne: '$ne',
  gt: '$gt',
  ge: '$gte',
  lt: '$lt',
  le: '$lte',
  in: '$in',
  nin: '$nin',
}

function refuseUndocumentedOperators(filter: Filter): void {
  for (const condition of [...filter.and, ...filter.or]) {
    if (!UNDOCUMENTED_V1_OPERATORS.has(condition.op)) continue
    const text = V1_OPERATOR_TEXT[condition.op]
    throw new ApiError(
      errors.badRequest(
        'v1',
        condition.op === 'in'
          ? 'filter operator $in is not supported here; use POST /api/search with {"filter": {"or": [...]}}'
          : `filter operator ${text} is not supported here; use $eq, or sort and read the list`,
      ),
    )
  }
}

function requireEventualConsistency(c: Context<SandboxEnv>, filter: Filter): void {
  const needs = [...filter.and, ...filter.or].some((condition) =>
    EVENTUALLY_CONSISTENT.has(condition.op),
  )
  if (needs && c.req.header('x-eventually-consistent') !== 'true') {
    throw new ApiError(
      errors.badRequest(
        'v1',
        'the $sw, $ew, $co and $nco operators need the x-eventually-consistent: true header',
      ),
    )
  }
}

/** The one organization a v1/v2 request is about (set by the auth middleware). */
export function organizationOf(c: Context<SandboxEnv>) {
  const [organization] = c.get('organizations')
  if (!organization) throw new ApiError(errors.noOrganizationSelected(c.get('family')))
  return organization
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ApiError(errors.notFound(what))
  return value
}
