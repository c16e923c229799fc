import { Hono } from 'hono'
import { INSIGHT_TABLES, type InsightTable } from '../data/types.ts'
import { ApiError, type SandboxEnv } from '../env.ts'
import * as errors from '../errors.ts'
import { organizationOf, v2List } from './lists.ts'

/** `/api/v2/systeminsights/<table>`: bare arrays, limit ≤ 10000, filters `eq`/`in` only (§8). */
export function systemInsightsRoutes() {
  const app = new Hono<SandboxEnv>()
  app.get('/:table', (c) => {
    const table = c.req.param('table')
    if (!(INSIGHT_TABLES as readonly string[]).includes(table))
      throw new ApiError(errors.notFound('Table'))
    return v2List(c, organizationOf(c).insights(table as InsightTable), {
      max: 10_000,
      operators: ['eq', 'in'],
      stored: true,
    })
  })
  return app
}
