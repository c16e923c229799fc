import type { DirectoryReader, DirectorySession, UnifiedListRequest } from '../providers/provider'
import { tracked } from './fingerprint'

/** The kinds of record a sync compares, each stored under its own `kind`. */
export type SyncKind = 'user' | 'group_member' | 'device' | 'assignment'
export const SYNC_KINDS: readonly SyncKind[] = ['user', 'group_member', 'device', 'assignment']

/** One record as a sync sees it: its id within the kind and the fields compared. */
export interface SyncItem {
  recordId: string
  snapshot: Record<string, unknown>
}

/** Fields left out of the comparison: they move on their own and mean no change. */
const IGNORED: Record<'user' | 'device', readonly string[]> = {
  user: ['updated_at', 'remote_data', 'last_login_at'],
  device: ['last_seen_at', 'remote_data'],
}

const PAGE = 1000

type Record_ = Record<string, unknown>

/** Every page of a unified collection, read through the same reader as the unified API. */
async function* pages(
  reader: DirectoryReader,
  session: DirectorySession,
  collection: UnifiedListRequest['collection'],
  parentId?: string,
): AsyncGenerator<Record_[]> {
  let position: unknown
  do {
    const page = await reader.list(session, {
      collection,
      ...(parentId === undefined ? {} : { parentId }),
      filters: {},
      limit: PAGE,
      ...(position === undefined ? {} : { position }),
      expand: [],
      includeRemoteData: false,
    })
    yield page.result as Record_[]
    position = page.next ?? undefined
  } while (position !== undefined)
}

/**
 * A kind's records page by page (one page in memory at a time): users and devices are their
 * collections; memberships are each group's members, assignments each application's.
 */
export async function* readKind(
  kind: SyncKind,
  reader: DirectoryReader,
  session: DirectorySession,
): AsyncGenerator<SyncItem[]> {
  if (kind === 'user' || kind === 'device') {
    for await (const page of pages(reader, session, kind === 'user' ? 'users' : 'devices'))
      yield page.map((r) => ({ recordId: String(r.id), snapshot: tracked(r, IGNORED[kind]) }))
    return
  }
  const parents = kind === 'group_member' ? 'groups' : 'applications'
  const children = kind === 'group_member' ? 'groupMembers' : 'applicationAssignments'
  const parentKey = kind === 'group_member' ? 'group' : 'application'
  for await (const parentPage of pages(reader, session, parents)) {
    for (const parent of parentPage) {
      const ref = { id: String(parent.id), name: (parent.name as string | undefined) ?? null }
      for await (const page of pages(reader, session, children, ref.id)) {
        yield page.map((member) => {
          const user = member.user as { id: string }
          return {
            recordId: `${ref.id}:${user.id}`,
            snapshot: { [parentKey]: ref, user, via: member.via },
          }
        })
      }
    }
  }
}
