import {
  type CreateGroupRequest,
  type CreateUserRequest,
  type DeletedRecord,
  END_USER_ID_HEADER,
  type Group,
  type GroupMembership,
  IDEMPOTENCY_KEY_HEADER,
  UNIFIED_WRITES,
  type UnifiedWriteAction,
  type UpdateUserRequest,
  type User,
} from '@jumplink/shared'
import { call, fillPath, type HttpOptions } from './http'

export interface WriteOptions {
  /** Same key within 24 hours: the first answer again and no second change. */
  idempotencyKey?: string
  /** The host's user who acts, kept in the connection's audit trail. */
  endUserId?: string
}

/**
 * Writes through the unified API (the connection must have `read_write`). Refusals throw
 * `JumpLinkApiError` with a catalog code: `write_not_permitted`, `resource_conflict` or
 * `invalid_field_value` (with `details.issues[].path` naming the field), `resource_not_found`.
 */
export function createWriteClient(http: HttpOptions, integrationToken: string) {
  const send = <T>(
    action: UnifiedWriteAction,
    params: Record<string, string>,
    body: unknown,
    options: WriteOptions = {},
  ) => {
    const endpoint = UNIFIED_WRITES[action]
    return call<T>(http, {
      method: endpoint.method,
      path: fillPath(endpoint.path, params),
      bearer: integrationToken,
      ...(body === undefined ? {} : { body }),
      headers: {
        ...(options.idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: options.idempotencyKey } : {}),
        ...(options.endUserId ? { [END_USER_ID_HEADER]: options.endUserId } : {}),
      },
    })
  }
  const userAction = (action: UnifiedWriteAction) => (id: string, options?: WriteOptions) =>
    send<User>(action, { id }, undefined, options)

  return {
    users: {
      /** Creates a user; without a password they stay `invited` until they activate. */
      create: (body: CreateUserRequest, options?: WriteOptions) =>
        send<User>('user.create', {}, body, options),
      update: (id: string, body: UpdateUserRequest, options?: WriteOptions) =>
        send<User>('user.update', { id }, body, options),
      suspend: userAction('user.suspend'),
      reactivate: userAction('user.reactivate'),
      unlock: userAction('user.unlock'),
      resetMfa: userAction('user.reset_mfa'),
      delete: (id: string, options?: WriteOptions) =>
        send<DeletedRecord>('user.delete', { id }, undefined, options),
    },
    groups: {
      create: (body: CreateGroupRequest, options?: WriteOptions) =>
        send<Group>('group.create', {}, body, options),
      delete: (id: string, options?: WriteOptions) =>
        send<DeletedRecord>('group.delete', { id }, undefined, options),
      addMember: (groupId: string, userId: string, options?: WriteOptions) =>
        send<GroupMembership>('group.add_member', { id: groupId }, { user_id: userId }, options),
      removeMember: (groupId: string, userId: string, options?: WriteOptions) =>
        send<GroupMembership>('group.remove_member', { id: groupId, userId }, undefined, options),
    },
  }
}

export type WriteClient = ReturnType<typeof createWriteClient>
