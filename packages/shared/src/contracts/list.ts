import { z } from 'zod'

/** Every list answers `{result, next_cursor, total?, warnings?}`; a null cursor is the last page. */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    result: z.array(item),
    next_cursor: z.string().nullable(),
    /** Only where the directory gives it cheaply. */
    total: z.number().int().nonnegative().optional(),
    /** Parts of a record that could not be read; the rest of the page is still good. */
    warnings: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
  })
}

export interface ListResponse<T> {
  result: T[]
  next_cursor: string | null
  total?: number
  warnings?: { code: string; message: string }[]
}
