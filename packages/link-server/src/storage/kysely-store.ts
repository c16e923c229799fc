import type {
  ConnectionStatus,
  CredentialKind,
  EndUser,
  Permissions,
  Region,
} from '@jumplink/shared'
import type { Kysely, Selectable } from 'kysely'
import { createChangeStore } from './change-store'
import { createIngestStore } from './ingest-store'
import { createMasterKeyStore } from './master-key-store'
import type { Database } from './schema'
import type {
  ConnectionRecord,
  HostApp,
  HostSecret,
  JobDatabase,
  LinkSession,
  SigningKeyRecord,
  Store,
} from './store'
import { createWebhookStore } from './webhook-store'

/**
 * The store over Kysely. The SQL is plain PostgreSQL, so the same code runs on PGlite and on a
 * PostgreSQL server. Single-use rules are conditional UPDATEs: the database decides who wins.
 */
export function createKyselyStore(
  db: Kysely<Database>,
  options: { onClose?: () => Promise<void>; jobs: JobDatabase },
): Store {
  return {
    jobs: options.jobs,
    changes: createChangeStore(db),
    webhooks: createWebhookStore(db),
    ingest: createIngestStore(db),
    masterKeys: createMasterKeyStore(db),
    hostApps: {
      async create({ id, name, allowedOrigins, now }) {
        const row = await db
          .insertInto('host_apps')
          .values({ id, name, allowed_origins: JSON.stringify(allowedOrigins), created_at: now })
          .returningAll()
          .executeTakeFirstOrThrow()
        return toHostApp(row)
      },
      async get(id) {
        const row = await db
          .selectFrom('host_apps')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst()
        return row && toHostApp(row)
      },
      async list() {
        const rows = await db.selectFrom('host_apps').selectAll().orderBy('created_at').execute()
        return rows.map(toHostApp)
      },
      async update(id, { name, allowedOrigins }) {
        const row = await db
          .updateTable('host_apps')
          .set({ name, allowed_origins: JSON.stringify(allowedOrigins) })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
        return row && toHostApp(row)
      },
      async addSecret({ id, hostAppId, hash, hint, now }) {
        const row = await db
          .insertInto('host_secrets')
          .values({ id, host_app_id: hostAppId, hash, hint, created_at: now, revoked_at: null })
          .returningAll()
          .executeTakeFirstOrThrow()
        return toHostSecret(row)
      },
      async listSecrets(hostAppId) {
        const rows = await db
          .selectFrom('host_secrets')
          .selectAll()
          .where('host_app_id', '=', hostAppId)
          .orderBy('created_at')
          .execute()
        return rows.map(toHostSecret)
      },
      async revokeSecretsExcept(hostAppId, keepId, now) {
        const result = await db
          .updateTable('host_secrets')
          .set({ revoked_at: now })
          .where('host_app_id', '=', hostAppId)
          .where('id', '!=', keepId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
        return Number(result.numUpdatedRows)
      },
      async findBySecretHash(hash) {
        const row = await db
          .selectFrom('host_secrets')
          .innerJoin('host_apps', 'host_apps.id', 'host_secrets.host_app_id')
          .selectAll('host_apps')
          .where('host_secrets.hash', '=', hash)
          .where('host_secrets.revoked_at', 'is', null)
          .executeTakeFirst()
        return row && toHostApp(row)
      },
      async isOriginAllowedAnywhere(origin) {
        // Origins are few and host apps fewer; a scan with a JSON parse is fine at this size.
        const rows = await db.selectFrom('host_apps').select('allowed_origins').execute()
        return rows.some((row) => (JSON.parse(row.allowed_origins) as string[]).includes(origin))
      },
    },

    linkSessions: {
      async create(session) {
        const row = await db
          .insertInto('link_sessions')
          .values({
            id: session.id,
            host_app_id: session.hostAppId,
            provider: session.provider,
            end_user: JSON.stringify(session.endUser),
            permissions: session.permissions,
            mode: session.mode,
            connection_id: session.connectionId,
            allow_duplicates: session.allowDuplicates,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
            completed_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        return toLinkSession(row)
      },
      async get(id) {
        const row = await db
          .selectFrom('link_sessions')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst()
        return row && toLinkSession(row)
      },
      async complete(id, now, connectionId) {
        const row = await db
          .updateTable('link_sessions')
          .set({ completed_at: now, ...(connectionId ? { connection_id: connectionId } : {}) })
          .where('id', '=', id)
          .where('completed_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('id')
          .executeTakeFirst()
        return row !== undefined
      },
    },

    connections: {
      async insert(record) {
        const row = await db
          .insertInto('connections')
          .values(fromConnection(record))
          .returningAll()
          .executeTakeFirstOrThrow()
        return toConnection(row)
      },
      async get(hostAppId, id) {
        const row = await db
          .selectFrom('connections')
          .selectAll()
          .where('host_app_id', '=', hostAppId)
          .where('id', '=', id)
          .executeTakeFirst()
        return row && toConnection(row)
      },
      async list(hostAppId, filter) {
        let query = db
          .selectFrom('connections')
          .selectAll()
          .where('host_app_id', '=', hostAppId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(filter.limit)
        if (filter.endUserId !== undefined)
          query = query.where('end_user_id', '=', filter.endUserId)
        if (filter.organizationId !== undefined)
          query = query.where('organization_id', '=', filter.organizationId)
        if (filter.status !== undefined) query = query.where('status', '=', filter.status)
        const after = filter.after
        if (after) {
          query = query.where((eb) =>
            eb.or([
              eb('created_at', '<', after.createdAt),
              eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
            ]),
          )
        }
        return (await query.execute()).map(toConnection)
      },
      async replaceCredential({
        id,
        credential,
        credentialKind,
        organizationName,
        multiOrganization,
        permissions,
        now,
      }) {
        const row = await db
          .updateTable('connections')
          .set({
            credential,
            credential_kind: credentialKind,
            organization_name: organizationName,
            multi_organization: multiOrganization ?? null,
            permissions,
            status: 'active',
            status_reason: null,
            updated_at: now,
            last_checked_at: now,
          })
          .where('id', '=', id)
          .where('status', '!=', 'revoked')
          .returningAll()
          .executeTakeFirst()
        return row && toConnection(row)
      },
      async markBroken({ id, reason, now }) {
        const row = await db
          .updateTable('connections')
          .set({ status: 'broken', status_reason: reason, updated_at: now, last_checked_at: now })
          .where('id', '=', id)
          .where('status', '!=', 'revoked')
          .where((eb) =>
            eb.or([
              eb('status', '!=', 'broken'),
              eb('status_reason', 'is', null),
              eb('status_reason', '!=', reason),
            ]),
          )
          .returningAll()
          .executeTakeFirst()
        return row && toConnection(row)
      },
      async setStatus({ id, status, statusReason, multiOrganization, now }) {
        const row = await db
          .updateTable('connections')
          .set({
            status,
            status_reason: statusReason,
            updated_at: now,
            last_checked_at: now,
            ...(multiOrganization === undefined ? {} : { multi_organization: multiOrganization }),
          })
          .where('id', '=', id)
          .where('status', '!=', 'revoked')
          .returningAll()
          .executeTakeFirst()
        return row && toConnection(row)
      },
      async revoke(hostAppId, id, now) {
        const row = await db
          .updateTable('connections')
          .set({ status: 'revoked', status_reason: null, credential: null, updated_at: now })
          .where('host_app_id', '=', hostAppId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
        return row && toConnection(row)
      },
      async listCredentials() {
        const rows = await db
          .selectFrom('connections')
          .select(['id', 'host_app_id', 'credential'])
          .where('credential', 'is not', null)
          .execute()
        return rows.map((r) => ({
          id: r.id,
          hostAppId: r.host_app_id,
          credential: r.credential ?? '',
        }))
      },
      async swapCredential(id, from, to) {
        const result = await db
          .updateTable('connections')
          .set({ credential: to })
          .where('id', '=', id)
          .where('credential', '=', from)
          .executeTakeFirst()
        return Number(result.numUpdatedRows) === 1
      },
    },

    publicTokens: {
      async insert({ hash, hostAppId, connectionId, now, expiresAt }) {
        await db
          .insertInto('public_tokens')
          .values({
            hash,
            host_app_id: hostAppId,
            connection_id: connectionId,
            created_at: now,
            expires_at: expiresAt,
            used_at: null,
          })
          .execute()
      },
      async wasExchanged(connectionId, since) {
        const row = await db
          .selectFrom('public_tokens')
          .select('hash')
          .where('connection_id', '=', connectionId)
          .where('created_at', '>=', since)
          .where('used_at', 'is not', null)
          .limit(1)
          .executeTakeFirst()
        return row !== undefined
      },
      async consume(hash, hostAppId, now) {
        // The one statement that makes a public token single-use, whatever races it.
        const won = await db
          .updateTable('public_tokens')
          .set({ used_at: now })
          .where('hash', '=', hash)
          .where('host_app_id', '=', hostAppId)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .returning('connection_id')
          .executeTakeFirst()
        if (won) return { ok: true, connectionId: won.connection_id }
        // Lost: say why, for the caller's error code (reading after the fact is fine here).
        const row = await db
          .selectFrom('public_tokens')
          .select(['used_at', 'expires_at'])
          .where('hash', '=', hash)
          .where('host_app_id', '=', hostAppId)
          .executeTakeFirst()
        if (!row) return { ok: false, reason: 'unknown' }
        if (row.used_at !== null) return { ok: false, reason: 'used' }
        return { ok: false, reason: 'expired' }
      },
    },

    signingKeys: {
      async list() {
        const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at').execute()
        return rows.map(toSigningKey)
      },
      async insert(record) {
        await db
          .insertInto('signing_keys')
          .values({
            kid: record.kid,
            public_jwk: record.publicJwk,
            private_jwk: record.privateJwk,
            active: record.active,
            created_at: record.createdAt,
            retired_at: record.retiredAt,
          })
          .execute()
      },
      async activate(kid) {
        await db.transaction().execute(async (tx) => {
          await tx
            .updateTable('signing_keys')
            .set({ active: false })
            .where('kid', '!=', kid)
            .execute()
          await tx
            .updateTable('signing_keys')
            .set({ active: true })
            .where('kid', '=', kid)
            .execute()
        })
      },
      async swapPrivateJwk(kid, from, to) {
        const result = await db
          .updateTable('signing_keys')
          .set({ private_jwk: to })
          .where('kid', '=', kid)
          .where('private_jwk', '=', from)
          .executeTakeFirst()
        return Number(result.numUpdatedRows) === 1
      },
      async retire(kid, now) {
        const result = await db
          .updateTable('signing_keys')
          .set({ retired_at: now, active: false })
          .where('kid', '=', kid)
          .where('retired_at', 'is', null)
          .executeTakeFirst()
        return Number(result.numUpdatedRows) === 1
      },
    },

    audit: {
      async add(event) {
        await db
          .insertInto('audit_events')
          .values({
            type: event.type,
            host_app_id: event.hostAppId,
            connection_id: event.connectionId,
            request_id: event.requestId,
            data: JSON.stringify(event.data),
            created_at: event.now,
          })
          .execute()
      },
      async list(limit) {
        const rows = await db
          .selectFrom('audit_events')
          .selectAll()
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
        return rows.map((r) => ({
          id: r.id,
          type: r.type,
          hostAppId: r.host_app_id,
          connectionId: r.connection_id,
          requestId: r.request_id,
          data: JSON.parse(r.data) as Record<string, unknown>,
          now: r.created_at,
        }))
      },
      async listForConnection(hostAppId, connectionId, { limit, beforeId }) {
        let query = db
          .selectFrom('audit_events')
          .selectAll()
          .where('host_app_id', '=', hostAppId)
          .where('connection_id', '=', connectionId)
        if (beforeId !== undefined) query = query.where('id', '<', beforeId)
        const rows = await query.orderBy('id', 'desc').limit(limit).execute()
        return rows.map((r) => ({
          id: r.id,
          type: r.type,
          hostAppId: r.host_app_id,
          connectionId: r.connection_id,
          requestId: r.request_id,
          data: JSON.parse(r.data) as Record<string, unknown>,
          now: new Date(r.created_at),
        }))
      },
    },

    idempotency: {
      async claim({ connectionId, key, requestHash, now, lockedUntil, expiredBefore }) {
        for (let attempt = 0; attempt < 3; attempt++) {
          // Insert-first: the primary key makes the database pick one winner. A stale row is
          // taken over by the same statement, under the same row lock.
          const won = await db
            .insertInto('idempotency_keys')
            .values({
              connection_id: connectionId,
              key,
              request_hash: requestHash,
              state: 'pending',
              response_status: null,
              response_body: null,
              created_at: now,
              locked_until: lockedUntil,
            })
            .onConflict((oc) =>
              oc
                .columns(['connection_id', 'key'])
                .doUpdateSet({
                  request_hash: requestHash,
                  state: 'pending',
                  response_status: null,
                  response_body: null,
                  created_at: now,
                  locked_until: lockedUntil,
                })
                .where((eb) =>
                  eb.or([
                    eb('idempotency_keys.created_at', '<', expiredBefore),
                    eb.and([
                      eb('idempotency_keys.state', '=', 'pending'),
                      eb('idempotency_keys.locked_until', '<', now),
                    ]),
                  ]),
                ),
            )
            .returning('key')
            .executeTakeFirst()
          if (won) return { outcome: 'claimed' }
          const row = await db
            .selectFrom('idempotency_keys')
            .selectAll()
            .where('connection_id', '=', connectionId)
            .where('key', '=', key)
            .executeTakeFirst()
          // Released between the two statements: try again.
          if (!row) continue
          if (row.state === 'completed' && row.response_status !== null) {
            return {
              outcome: 'completed',
              requestHash: row.request_hash,
              status: row.response_status,
              body: row.response_body ?? '',
            }
          }
          return { outcome: 'in_progress', requestHash: row.request_hash }
        }
        throw new Error('idempotency key kept changing hands')
      },
      async complete({ connectionId, key, status, body }) {
        await db
          .updateTable('idempotency_keys')
          .set({ state: 'completed', response_status: status, response_body: body })
          .where('connection_id', '=', connectionId)
          .where('key', '=', key)
          .execute()
      },
      async release({ connectionId, key }) {
        await db
          .deleteFrom('idempotency_keys')
          .where('connection_id', '=', connectionId)
          .where('key', '=', key)
          .where('state', '=', 'pending')
          .execute()
      },
      async purgeExpired(expiredBefore) {
        const result = await db
          .deleteFrom('idempotency_keys')
          .where('created_at', '<', expiredBefore)
          .executeTakeFirst()
        return Number(result.numDeletedRows)
      },
    },

    async transaction(fn) {
      // A nested call (already inside a transaction) just runs in the outer one.
      if (db.isTransaction) return fn(this)
      return db.transaction().execute((tx) => fn(createKyselyStore(tx, { jobs: options.jobs })))
    },

    async ping() {
      await db.selectFrom('host_apps').select('id').limit(1).execute()
    },

    async close() {
      await db.destroy()
      await options.onClose?.()
    },
  }
}

function toHostApp(row: Selectable<Database['host_apps']>): HostApp {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: new Date(row.created_at),
  }
}

function toHostSecret(row: Selectable<Database['host_secrets']>): HostSecret {
  return {
    id: row.id,
    hostAppId: row.host_app_id,
    hint: row.hint,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at && new Date(row.revoked_at),
  }
}

function toLinkSession(row: Selectable<Database['link_sessions']>): LinkSession {
  return {
    id: row.id,
    hostAppId: row.host_app_id,
    provider: row.provider,
    endUser: JSON.parse(row.end_user) as EndUser,
    permissions: row.permissions as Permissions,
    mode: row.mode as LinkSession['mode'],
    connectionId: row.connection_id,
    allowDuplicates: row.allow_duplicates,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    completedAt: row.completed_at && new Date(row.completed_at),
  }
}

function fromConnection(record: ConnectionRecord): Database['connections'] {
  return {
    id: record.id,
    host_app_id: record.hostAppId,
    provider: record.provider,
    end_user_id: record.endUserId,
    organization_id: record.organizationId,
    organization_name: record.organizationName,
    region: record.region,
    permissions: record.permissions,
    status: record.status,
    status_reason: record.statusReason,
    credential: record.credential,
    credential_kind: record.credentialKind,
    multi_organization: record.multiOrganization ?? null,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    last_checked_at: record.lastCheckedAt,
  }
}

function toConnection(row: Selectable<Database['connections']>): ConnectionRecord {
  return {
    id: row.id,
    hostAppId: row.host_app_id,
    provider: row.provider,
    endUserId: row.end_user_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    region: row.region as Region,
    permissions: row.permissions as Permissions,
    status: row.status as ConnectionStatus,
    statusReason: row.status_reason,
    credential: row.credential,
    credentialKind: row.credential_kind as CredentialKind,
    multiOrganization: row.multi_organization,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    lastCheckedAt: row.last_checked_at && new Date(row.last_checked_at),
  }
}

function toSigningKey(row: Selectable<Database['signing_keys']>): SigningKeyRecord {
  return {
    kid: row.kid,
    publicJwk: row.public_jwk,
    privateJwk: row.private_jwk,
    active: row.active,
    createdAt: new Date(row.created_at),
    retiredAt: row.retired_at && new Date(row.retired_at),
  }
}
