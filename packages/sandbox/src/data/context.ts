import type { Faker } from '@faker-js/faker'
import type { Random } from '../random.ts'

/** What every generator of one organization shares: seeded sources, the clock, the org. */
export interface GenerationContext {
  faker: Faker
  random: Random
  nextId: (createdAt: Date) => string
  organizationId: string
  company: string
  domain: string
  /** The moment the data set is "as of"; every date is relative to it. */
  now: Date
}

const DAY_MS = 86_400_000

/** ISO-8601 with milliseconds and `Z`, as JumpCloud writes timestamps. */
export function iso(date: Date): string {
  return date.toISOString()
}

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS)
}

/** A random moment between `minDays` and `maxDays` before now. */
export function randomPast(ctx: GenerationContext, minDays: number, maxDays: number): Date {
  const days = minDays + ctx.random.next() * (maxDays - minDays)
  return new Date(
    Math.floor((ctx.now.getTime() - days * DAY_MS) / 1000) * 1000 + ctx.random.int(0, 999),
  )
}
