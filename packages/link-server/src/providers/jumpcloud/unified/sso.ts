import { JumpLinkError } from '@jumplink/shared'
import { mapApplication } from '../mappers/application'
import { mapAssignments } from '../mappers/assignment'
import { graphTarget, str } from '../mappers/common'
import { readWindow } from '../paging'
import type { ApplicationRecord, GraphConnectionRecord } from '../records'
import { lastUsed } from './activity'
import {
  type CollectionReader,
  each,
  enc,
  mapAll,
  nextOffset,
  offsetOf,
  type ReadContext,
  type Warning,
} from './context'
import { readFilteredPage } from './filtered-page'
import { applicationFilters } from './filters'

async function mapApplications(
  ctx: ReadContext,
  records: readonly ApplicationRecord[],
  request: { expand: readonly string[]; includeRemoteData: boolean },
  warnings: Warning[],
) {
  const used = request.expand.includes('last_used')
    ? await each(records, (r) => {
        const id = str(r._id) ?? str(r.id)
        return id === null ? Promise.resolve(null) : lastUsed(ctx, id)
      })
    : undefined
  const lastUsedOf = new Map(records.map((r, i) => [r, used?.[i]]))
  return mapAll(
    records,
    (record) => mapApplication(record, used ? { lastUsedAt: lastUsedOf.get(record) ?? null } : {}),
    { remote: request.includeRemoteData },
    warnings,
  )
}

export const applications: CollectionReader = {
  async list(ctx, request) {
    const filters = applicationFilters(request.filters as { created_after?: string })
    const warnings: Warning[] = []
    if (filters.createdAfter !== undefined) {
      const page = await readFilteredPage<ApplicationRecord>(
        ctx,
        '/api/applications',
        filters,
        request.position,
        request.limit,
      )
      return {
        result: await mapApplications(ctx, page.items, request, warnings),
        next: page.next,
        ...(page.total === undefined ? {} : { total: page.total }),
        warnings,
      }
    }
    const skip = offsetOf(request.position)
    const window = await readWindow<ApplicationRecord>(
      ctx.http,
      ctx.session,
      { path: '/api/applications', style: 'v1', query: { sort: '_id' } },
      skip,
      request.limit,
    )
    return {
      result: await mapApplications(ctx, window.items, request, warnings),
      next: nextOffset(skip, request.limit, window.items.length, window.total),
      ...(window.total === undefined ? {} : { total: window.total }),
      warnings,
    }
  },
  async get(ctx, request) {
    const { body } = await ctx.http.json<ApplicationRecord>(ctx.session, {
      path: `/api/applications/${enc(request.id)}`,
      context: 'record',
    })
    const warnings: Warning[] = []
    const [application] = await mapApplications(ctx, [body], request, warnings)
    if (!application) throw new JumpLinkError('resource_not_found')
    return application
  },
}

/**
 * Who may use an application: the `/v2/applications/{id}/users` traversal (direct bindings and
 * through groups), `id:eq:` with `user_id`; `last_used` per user from Directory Insights.
 */
export const applicationAssignments: CollectionReader = {
  async list(ctx, request) {
    const skip = offsetOf(request.position)
    const applicationId = request.parentId ?? ''
    const filters = request.filters as { user_id?: string }
    const window = await readWindow<GraphConnectionRecord>(
      ctx.http,
      ctx.session,
      {
        path: `/api/v2/applications/${enc(applicationId)}/users`,
        style: 'v2',
        query: filters.user_id ? { filter: [`id:eq:${filters.user_id}`] } : {},
        context: 'record',
      },
      skip,
      request.limit,
    )
    let used: Map<string, string> | undefined
    if (request.expand.includes('last_used')) {
      used = new Map()
      await each(window.items, async (connection) => {
        const userId = graphTarget(connection)?.id
        if (userId === undefined) return
        const at = await lastUsed(ctx, applicationId, userId)
        if (at !== null) used?.set(userId, at)
      })
    }
    return {
      result: mapAssignments(window.items, used),
      next: nextOffset(skip, request.limit, window.items.length, window.total),
      ...(window.total === undefined ? {} : { total: window.total }),
    }
  },
}
