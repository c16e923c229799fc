import { z } from 'zod'
import { defineEndpoint } from './endpoint'

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    /** Readiness only: each dependency and whether it answered. */
    checks: z.record(z.string(), z.enum(['ok', 'failed'])).optional(),
  })
  .meta({ id: 'Health' })

export const healthz = defineEndpoint({
  method: 'GET',
  path: '/healthz',
  auth: 'none',
  summary: 'The process is up',
  body: undefined,
  query: undefined,
  status: 200,
  response: HealthSchema,
})

export const readyz = defineEndpoint({
  method: 'GET',
  path: '/readyz',
  auth: 'none',
  summary: 'The process can serve requests (its database answers)',
  body: undefined,
  query: undefined,
  status: 200,
  response: HealthSchema,
})

export type Health = z.infer<typeof HealthSchema>
