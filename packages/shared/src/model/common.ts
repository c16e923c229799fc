import { z } from 'zod'

/** ISO-8601 UTC timestamp with a `Z`, as every `*_at` field carries. */
export const TimestampSchema = z.iso.datetime().describe('ISO-8601 UTC timestamp')

/** A calendar date without time, as every `*_date` field carries. */
export const DateSchema = z.iso.date().describe('ISO-8601 date (YYYY-MM-DD)')

/**
 * Security flags are tri-state: `null` means the directory did not report it, never "off".
 * A guessed `false` would fail a compliance check that is not actually failing.
 */
export const TriStateSchema = z.boolean().nullable()

/** A reference to another record; `id` always equals that record's own `id`. */
export const RefSchema = z.object({ id: z.string() })
export const NamedRefSchema = z.object({ id: z.string(), name: z.string().nullable() })

/** The raw directory record, returned only with `include_remote_data=true`, secrets removed. */
export const RemoteDataSchema = z.record(z.string(), z.unknown())

export const PhoneSchema = z.object({
  number: z.string(),
  type: z.string().nullable(),
})

export type Ref = z.infer<typeof RefSchema>
export type NamedRef = z.infer<typeof NamedRefSchema>
export type Phone = z.infer<typeof PhoneSchema>
