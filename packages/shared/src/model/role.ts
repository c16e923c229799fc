import { z } from 'zod'

/** An administrator role; `id` is a slug of its name, stable while the name is. */
export const RoleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.literal('admin'),
    description: z.string().nullable(),
    assignee_count: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'Role' })

export type Role = z.infer<typeof RoleSchema>
