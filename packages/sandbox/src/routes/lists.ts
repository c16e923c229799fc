import type { Context } from 'hono'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import {
  EVENTUALLY_CONSISTENT,
  type Filter,
  filterRecords,
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
