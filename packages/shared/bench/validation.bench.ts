import { Bench } from 'tinybench'
import { defineBenchmark } from '../../../bench/harness.ts'
import { UNIFIED_COLLECTIONS, unifiedListResponse } from '../src/contracts/unified'
import { LIST_QUERY_PARSE_OPTIONS, parseInput } from '../src/contracts/validation'

/** A realistic user record, as the unified API returns it. */
function user(index: number) {
  const id = index.toString(16).padStart(24, '0')
  return {
    id,
    username: `user${index}`,
    email: `user${index}@example.test`,
    emails: [{ email: `user${index}@example.test`, type: 'work', is_primary: true }],
    first_name: 'Ada',
    middle_name: null,
    last_name: 'Lovelace',
    display_name: 'Ada Lovelace',
    status: 'active',
    is_locked: false,
    is_mfa_enabled: true,
    mfa_status: 'enrolled',
    job_title: 'Engineer',
    department: 'Engineering',
    cost_center: 'CC-1',
    company: 'Acme',
    location: 'Remote',
    employee_number: `E${index}`,
    employee_type: 'Full-time',
    manager: { id: '0'.repeat(24) },
    phones: [],
    organization: { id: 'f'.repeat(24) },
    roles: [],
    custom_attributes: {},
    password_expires_at: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: null,
  }
}

export default defineBenchmark({
  name: 'shared-validation',
  description: 'Cost of validating unified pages and list queries with the shared zod schemas',
  async run() {
    const page = {
      result: Array.from({ length: 100 }, (_, i) => user(i)),
      next_cursor: 'c',
      total: 10_000,
    }
    const pageSchema = unifiedListResponse('users')
    const query = { limit: '100', expand: 'groups,last_login', status: 'active' }
    const bench = new Bench({ time: 500, warmupTime: 100 })
    bench
      .add('validate a page of 100 users', () => {
        pageSchema.parse(page)
      })
      .add('parse a users list query', () => {
        parseInput(UNIFIED_COLLECTIONS.users.listQuery, query, LIST_QUERY_PARSE_OPTIONS)
      })
    await bench.run()
    return bench.tasks.map((task) => {
      const result = task.result
      const mean = result && 'latency' in result ? result.latency.mean : Number.NaN
      return { name: task.name, value: mean * 1000, unit: 'µs/op' }
    })
  },
})
