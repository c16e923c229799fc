import { JumpLinkError } from '@jumplink/shared'
import { rejectionCode } from '../../credential'
import type { DirectoryWriter, UnifiedWriteRequest } from '../../provider'
import type { JumpcloudSession } from '../http'
import { str } from '../mappers/common'
import { toSystemUserBody } from '../mappers/user-input'
import { refusalOf } from '../write-errors'
import { enc, type ReadContext } from './context'
import { groups, users } from './user-directory'

// The writes that mirror the user-directory readers: system users (v1) and user groups and
// their members (v2), as jumpcloud-api.md §10 documents them. One upstream write per request,
// never retried; then the record is read back through the reader, so the answer is exactly
// what a read shows.

const readBack = { expand: [] as string[], includeRemoteData: false }

export function createDirectoryWriter(
  contextOf: (session: JumpcloudSession) => ReadContext,
): DirectoryWriter {
  return {
    async write(session, request) {
      const ctx = contextOf(session)
      return WRITES[request.action](ctx, request as never)
    },
  }
}

type Handler<A extends UnifiedWriteRequest['action']> = (
  ctx: ReadContext,
  request: Extract<UnifiedWriteRequest, { action: A }>,
) => Promise<unknown>

async function send(
  ctx: ReadContext,
  req: Parameters<ReadContext['http']['send']>[1],
  options: { conflictMessage?: string; conflictOk?: boolean } = {},
): Promise<{ response: Response; conflicted: boolean }> {
  const response = await ctx.http.send(ctx.session, req)
  if (response.ok) return { response, conflicted: false }
  if (options.conflictOk && response.status === 409) {
    await response.body?.cancel().catch(() => {})
    return { response, conflicted: true }
  }
  if (response.status === 401) {
    // The stored credential, of whichever kind, no longer works (it breaks the connection).
    await response.body?.cancel().catch(() => {})
    throw new JumpLinkError(rejectionCode(ctx.session.credential))
  }
  throw await refusalOf(response, options)
}

async function done(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {})
}

/** A write changed who is in which group: users' groups and devices' users are read again. */
function forgetMemberships(ctx: ReadContext): void {
  ctx.memberships.forget(ctx.session.connectionId)
  ctx.deviceUsers.forget(ctx.session.connectionId)
}

const readUser = (ctx: ReadContext, id: string) =>
  users.get?.(ctx, { collection: 'users', id, ...readBack }) as Promise<unknown>
const readGroup = (ctx: ReadContext, id: string) =>
  groups.get?.(ctx, { collection: 'groups', id, ...readBack }) as Promise<unknown>

/** The id of a record JumpCloud just answered with. */
async function createdId(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { _id?: unknown; id?: unknown } | null
  const id = str(body?._id) ?? str(body?.id)
  if (id === null)
    throw new JumpLinkError('provider_unavailable', {
      message: 'The directory made the record but answered without its id.',
    })
  return id
}

const putUser =
  (state: 'SUSPENDED' | 'ACTIVATED') =>
  async (ctx: ReadContext, { id }: { id: string }) => {
    await done(
      (await send(ctx, { method: 'PUT', path: `/api/systemusers/${enc(id)}`, body: { state } }))
        .response,
    )
    return readUser(ctx, id)
  }

const membership =
  (op: 'add' | 'remove') => async (ctx: ReadContext, groupId: string, userId: string) => {
    const { response, conflicted } = await send(
      ctx,
      {
        method: 'POST',
        path: `/api/v2/usergroups/${enc(groupId)}/members`,
        body: { op, type: 'user', id: userId },
      },
      // JumpCloud answers 409 to adding a member already there: the wanted state holds.
      { conflictOk: op === 'add' },
    )
    await done(response)
    forgetMemberships(ctx)
    return { group_id: groupId, user_id: userId, is_member: op === 'add', changed: !conflicted }
  }

const WRITES: { [A in UnifiedWriteRequest['action']]: Handler<A> } = {
  async 'user.create'(ctx, { body }) {
    const { response } = await send(ctx, {
      method: 'POST',
      path: '/api/systemusers',
      // No password and no state: the user is pending until they activate (as JumpCloud does).
      body: toSystemUserBody(body),
    })
    return readUser(ctx, await createdId(response))
  },
  async 'user.update'(ctx, { id, body }) {
    const { response } = await send(ctx, {
      method: 'PUT',
      path: `/api/systemusers/${enc(id)}`,
      body: toSystemUserBody(body),
    })
    await done(response)
    return readUser(ctx, id)
  },
  'user.suspend': putUser('SUSPENDED'),
  'user.reactivate': putUser('ACTIVATED'),
  async 'user.unlock'(ctx, { id }) {
    await done(
      (await send(ctx, { method: 'POST', path: `/api/systemusers/${enc(id)}/unlock` })).response,
    )
    return readUser(ctx, id)
  },
  async 'user.reset_mfa'(ctx, { id }) {
    await done(
      (await send(ctx, { method: 'POST', path: `/api/systemusers/${enc(id)}/resetmfa`, body: {} }))
        .response,
    )
    return readUser(ctx, id)
  },
  async 'user.delete'(ctx, { id }) {
    const { response } = await send(
      ctx,
      { method: 'DELETE', path: `/api/systemusers/${enc(id)}` },
      { conflictMessage: 'The user still manages other users; give them another manager first.' },
    )
    await done(response)
    forgetMemberships(ctx)
    return { id, deleted: true }
  },
  async 'group.create'(ctx, { body }) {
    const { response } = await send(ctx, {
      method: 'POST',
      path: '/api/v2/usergroups',
      body: {
        name: body.name,
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.email === undefined ? {} : { email: body.email }),
      },
    })
    const id = await createdId(response)
    forgetMemberships(ctx)
    return readGroup(ctx, id)
  },
  async 'group.delete'(ctx, { id }) {
    await done(
      (await send(ctx, { method: 'DELETE', path: `/api/v2/usergroups/${enc(id)}` })).response,
    )
    forgetMemberships(ctx)
    return { id, deleted: true }
  },
  'group.add_member': (ctx, { id, body }) => membership('add')(ctx, id, body.user_id),
  'group.remove_member': (ctx, { id, userId }) => membership('remove')(ctx, id, userId),
}
