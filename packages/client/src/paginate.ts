import type { ListResponse } from '@jumplink/shared'

/**
 * Walks a cursor-paged list to its end, one page in flight at a time, yielding records as each
 * page arrives. Stops when the server says there is no next page.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<ListResponse<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined
  do {
    const page = await fetchPage(cursor)
    yield* page.result
    cursor = page.next_cursor ?? undefined
  } while (cursor !== undefined)
}
