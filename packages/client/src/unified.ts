import {
  type ListResponse,
  MAX_PAGE_SIZE,
  UNIFIED_COLLECTIONS,
  type UnifiedCollectionName,
  type UnifiedCollections,
  type UnifiedGetQuery,
  type UnifiedItem,
  type UnifiedListQuery,
} from '@jumplink/shared'
import { call, fillPath, type HttpOptions, type Query } from './http'
import { paginate } from './paginate'

type ListQuery<N extends UnifiedCollectionName> = Omit<UnifiedListQuery<N>, 'cursor'> & {
  cursor?: string
}

export interface TopLevelCollection<N extends UnifiedCollectionName> {
  /** One page. */
  list(query?: ListQuery<N>): Promise<ListResponse<UnifiedItem<N>>>
  /** Every record, page after page (pages of `limit`, by default the largest allowed). */
  all(query?: Omit<ListQuery<N>, 'cursor'>): AsyncGenerator<UnifiedItem<N>, void, undefined>
  get(id: string, query?: UnifiedGetQuery<N>): Promise<UnifiedItem<N>>
}

export interface NestedCollection<N extends UnifiedCollectionName> {
  list(parentId: string, query?: ListQuery<N>): Promise<ListResponse<UnifiedItem<N>>>
  all(
    parentId: string,
    query?: Omit<ListQuery<N>, 'cursor'>,
  ): AsyncGenerator<UnifiedItem<N>, void, undefined>
}

export type UnifiedClient = {
  [N in UnifiedCollectionName]: UnifiedCollections[N]['nested'] extends true
    ? NestedCollection<N>
    : TopLevelCollection<N>
}

/** Builds one typed client per collection from the shared collection table. */
export function createUnifiedClient(http: HttpOptions, integrationToken: string): UnifiedClient {
  const bearer = integrationToken
  const client: Record<string, unknown> = {}
  for (const [name, collection] of Object.entries(UNIFIED_COLLECTIONS)) {
    const list = (path: string, query: Query = {}) =>
      call<ListResponse<unknown>>(http, { method: 'GET', path, bearer, query })
    const all = (path: string, query: Query = {}) =>
      paginate((cursor) => list(path, { limit: MAX_PAGE_SIZE, ...query, cursor }))

    client[name] = collection.nested
      ? {
          list: (parentId: string, query?: Query) =>
            list(fillPath(collection.path, { id: parentId }), query),
          all: (parentId: string, query?: Query) =>
            all(fillPath(collection.path, { id: parentId }), query),
        }
      : {
          list: (query?: Query) => list(collection.path, query),
          all: (query?: Query) => all(collection.path, query),
          get: (id: string, query?: Query) =>
            call(http, {
              method: 'GET',
              path: `${collection.path}/${encodeURIComponent(id)}`,
              bearer,
              query,
            }),
        }
  }
  return client as UnifiedClient
}
