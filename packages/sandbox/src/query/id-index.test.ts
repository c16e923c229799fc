import { describe, expect, it } from 'vitest'
import { createSandbox } from '../sandbox.ts'
import { filterRecords, parseCondition } from './filter.ts'
import { candidatesById } from './id-index.ts'

const org = createSandbox({ seed: 2, now: '2025-06-02T00:00:00Z' }).organizations.single

describe('candidatesById', () => {
  it('narrows id lookups to the rows a full filter finds, in stored order', () => {
    const rows = org.insights('apps')
    const systems = org.data.systems.map((s) => s._id)
    const cases = [
      `system_id:in:${systems.slice(0, 40).join('|')}|nope`,
      `system_id:eq:${systems[3]}`,
      `system_id:in:${systems[5]}|${systems[5]}`,
    ]
    for (const text of cases) {
      const filter = { and: [parseCondition(text, 'v2')], or: [] }
      const narrowed = candidatesById(rows, filter)
      expect(narrowed).toBeDefined()
      expect(filterRecords(narrowed ?? [], filter)).toEqual(filterRecords(rows, filter))
    }
    const users = org.data.users
    const filter = {
      and: [
        parseCondition(
          `_id:$in:${users
            .map((u) => u._id)
            .filter((_, i) => i % 7 === 0)
            .join('|')}`,
          'v1',
        ),
        parseCondition('state:$eq:ACTIVATED', 'v1'),
      ],
      or: [],
    }
    expect(filterRecords(candidatesById(users, filter) ?? [], filter)).toEqual(
      filterRecords(users, filter),
    )
  })

  it('leaves other filters to the scan, and follows a list that grew', () => {
    const filter = { and: [parseCondition('name:eq:Slack.app', 'v2')], or: [] }
    expect(candidatesById(org.insights('apps'), filter)).toBeUndefined()
    const systems = [...org.data.systems]
    const byId = { and: [parseCondition('_id:$eq:new', 'v1')], or: [] }
    expect(candidatesById(systems, byId)).toEqual([])
    const added = { ...(systems[0] as (typeof systems)[number]), _id: 'new' }
    systems.push(added)
    expect(candidatesById(systems, byId)).toEqual([added])
  })
})
