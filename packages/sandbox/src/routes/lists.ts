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
  pageOf,
  parseFields,
  parsePage,
  parseSort,
  project,
  sortRecords,
  sortStoredList,
} from '../query/list.ts'
import { searchBodyFilter, searchFilterMatcher } from '../query/search-body.ts'

// How the three list families answer (jumpcloud-api.md §14.1, §5.3, §8).

const V1_IDS = ['_id', 'id'] as const
const V2_IDS = ['id', 'type'] as const

/** v1: `{totalCount, results}`; space-separated `sort`/`fields`; `$`-operators; limit ≤ 100. */
export function v1List<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
  defaultSort?: string,
): Response {
  const url = new URL(c.req.url)
  const filter = parseFilterParams(url, 'v1')
  refuseUndocumentedOperators(filter)
  requireEventualConsistency(c, filter)
  const sorted = sortedPage(
    records,
    filter,
    parseSort(url.searchParams.get('sort') ?? defaultSort ?? null, ' '),
  )
  const page = parsePage(url, 100)
  const fields = parseFields(url.searchParams.get('fields'), ' ')
  return c.json({
    totalCount: sorted.length,
    results: pageOf(sorted, page).map((r) => project(r, fields, V1_IDS)),
  })
}

/**
 * v1 `POST /api/search/…`: the body's `filter`/`searchFilter`/`fields`/`limit`/`skip`
 * (`query/search-body.ts`); `limit`/`skip` may also come as query parameters, as in the spec's
 * code samples. Records come in stored order.
 */
export async function v1Search<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
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
  const matched = sortedPage(records, filter, []).filter((r) => !matchesText || matchesText(r))
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
  return c.json({
    totalCount: matched.length,
    results: pageOf(matched, page).map((r) => project(r, fields, V1_IDS)),
  })
}

/** v2 and System Insights: a bare array with the total in `x-total-count`; comma-separated. */
export function v2List<T extends object>(
  c: Context<SandboxEnv>,
  records: readonly T[],
  options: { max?: number; operators?: readonly string[] } = {},
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
  const sorted = sortedPage(records, filter, parseSort(url.searchParams.get('sort'), ','))
  const page = parsePage(url, options.max ?? 100)
  const fields = parseFields(url.searchParams.get('fields'), ',')
  c.header('x-total-count', String(sorted.length))
  return c.json(pageOf(sorted, page).map((r) => project(r, fields, V2_IDS)))
}

/** The filtered, sorted records; an unfiltered list sorted by id is sorted once, not per page. */
function sortedPage<T extends object>(
  records: readonly T[],
  filter: Filter,
  keys: ReturnType<typeof parseSort>,
): readonly T[] {
  if (filter.and.length === 0 && filter.or.length === 0) return sortStoredList(records, keys)
  return sortRecords(filterRecords(candidatesById(records, filter) ?? records, filter), keys)
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
