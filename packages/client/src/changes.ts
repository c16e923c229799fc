import {
  type ChangeEvent,
  getIngestUrl,
  type IngestUrl,
  listChanges,
  rotateIngestUrl,
} from '@jumplink/shared'
import { call, fillPath, type HttpOptions } from './http'

export interface ChangesPage {
  result: ChangeEvent[]
  /** Where to continue: always set, even when nothing newer exists yet. */
  next_cursor: string
  has_more: boolean
}

/** The pull feed of one connection, read with its integration token. */
export interface ChangesClient {
  /** Events after `cursor` (the oldest kept without it), in order. */
  list(query?: { cursor?: string; limit?: number }): Promise<ChangesPage>
}

export function createChangesClient(http: HttpOptions, integrationToken: string): ChangesClient {
  return {
    list: (query = {}) =>
      call<ChangesPage>(http, {
        method: listChanges.method,
        path: listChanges.path,
        bearer: integrationToken,
        query: {
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        },
      }),
  }
}

/** A connection's ingest URL, for the directory's own webhook channel (secret key). */
export function createIngestUrlClient(http: HttpOptions, secretKey: string) {
  return {
    get: (connectionId: string) =>
      call<IngestUrl>(http, {
        method: getIngestUrl.method,
        path: fillPath(getIngestUrl.path, { id: connectionId }),
        bearer: secretKey,
      }),
    /** A new secret; the old URL stops working at once. */
    rotate: (connectionId: string) =>
      call<IngestUrl>(http, {
        method: rotateIngestUrl.method,
        path: fillPath(rotateIngestUrl.path, { id: connectionId }),
        bearer: secretKey,
      }),
  }
}
