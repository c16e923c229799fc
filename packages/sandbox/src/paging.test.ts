import { describe, expect, it } from 'vitest'
import { SCENARIO_KEYS } from './keys.ts'
import type { Sandbox } from './public-types.ts'
import { createSandbox } from './sandbox.ts'

// Paging through any collection with any page size returns every record exactly once, and the
// totals match.

// Created at load time (generation is lazy) so test names can show the paths.
const sandbox: Sandbox = createSandbox({ seed: 3, now: '2025-06-02T00:00:00.000Z' })

const data = () => sandbox.organizations.single.data
const PAGE_SIZES = [1, 7, 10, 33, 100]

function linuxServer(): string {
  return data().systems.find((s) => s.osFamily === 'linux')?._id ?? ''
}

async function fetchAll(
  path: string,
  limit: number,
  family: 'v1' | 'v2',
  max = 100,
  key: string = SCENARIO_KEYS.single,
) {
  const seen: string[] = []
  let total = -1
  for (let skip = 0; skip < 100_000; skip += limit) {
    const separator = path.includes('?') ? '&' : '?'
    const res = await sandbox.app.request(`${path}${separator}limit=${limit}&skip=${skip}`, {
      headers: { 'x-api-key': key },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as unknown
    const records =
      family === 'v1'
        ? (body as { results: Record<string, unknown>[] }).results
        : (body as Record<string, unknown>[])
    const pageTotal =
      family === 'v1'
        ? (body as { totalCount: number }).totalCount
        : Number(res.headers.get('x-total-count'))
    if (total >= 0) expect(pageTotal).toBe(total)
    total = pageTotal
    expect(records.length).toBeLessThanOrEqual(Math.min(limit, max))
    for (const r of records) {
      const to = r.to as { id?: string } | undefined
      seen.push(
        String(r._id ?? r.id ?? to?.id ?? `${r.system_id}/${r.name ?? r.drive_letter ?? r.type}`),
      )
    }
    if (records.length < limit) break
  }
  return { seen, total }
}

const COLLECTIONS: { path: () => string; family: 'v1' | 'v2'; key?: string }[] = [
  { path: () => '/api/systemusers', family: 'v1' },
  { path: () => '/api/systemusers?sort=department -lastname', family: 'v1' },
  { path: () => '/api/systemusers?filter=state:$eq:ACTIVATED', family: 'v1' },
  { path: () => '/api/systems', family: 'v1' },
  { path: () => '/api/systems?sort=-lastContact', family: 'v1' },
  { path: () => '/api/applications', family: 'v1' },
  { path: () => '/api/users', family: 'v1' },
  { path: () => '/api/organizations', family: 'v1', key: SCENARIO_KEYS.msp },
  { path: () => '/api/v2/usergroups', family: 'v2' },
  { path: () => '/api/v2/systemgroups?sort=-name', family: 'v2' },
  { path: () => `/api/v2/usergroups/${data().userGroups[0]?.id}/membership`, family: 'v2' },
  { path: () => `/api/v2/systemgroups/${data().systemGroups[0]?.id}/membership`, family: 'v2' },
  { path: () => `/api/v2/applications/${data().applications[0]?._id}/users`, family: 'v2' },
  { path: () => '/api/v2/systeminsights/os_version', family: 'v2' },
  { path: () => `/api/v2/usergroups/${data().userGroups[1]?.id}/members`, family: 'v2' },
  { path: () => `/api/v2/systemgroups/${data().systemGroups[1]?.id}/members`, family: 'v2' },
  { path: () => `/api/v2/systems/${linuxServer()}/users`, family: 'v2' },
  { path: () => `/api/v2/users/${data().users[20]?._id}/memberof`, family: 'v2' },
  {
    path: () =>
      `/api/v2/applications/${data().applications.find((a) => a.name === 'atlassian')?._id}/usergroups`,
    family: 'v2',
  },
  { path: () => '/api/v2/systeminsights/apps?sort=-name', family: 'v2' },
]

describe('paging', () => {
  for (const { path, family, key } of COLLECTIONS) {
    it(`returns every record of ${family} ${path().split('?')[0]} exactly once, for every page size (${path().split('?')[1] ?? 'default order'})`, async () => {
      const reference = await fetchAll(path(), 100, family, 100, key)
      expect(reference.total).toBe(reference.seen.length)
      expect(new Set(reference.seen).size).toBe(reference.seen.length)
      expect(reference.total).toBeGreaterThan(1)
      for (const limit of PAGE_SIZES) {
        const { seen, total } = await fetchAll(path(), limit, family, 100, key)
        expect(total).toBe(reference.total)
        expect(seen).toEqual(reference.seen)
      }
    })
  }

  it('gives an empty page with the total when skip is past the end', async () => {
    const res = await sandbox.app.request('/api/systemusers?skip=100000', {
      headers: { 'x-api-key': SCENARIO_KEYS.single },
    })
    expect(await res.json()).toEqual({ totalCount: data().users.length, results: [] })
  })

  it('pages System Insights up to 10,000 rows at a time', async () => {
    const { seen, total } = await fetchAll('/api/v2/systeminsights/apps', 10_000, 'v2', 10_000)
    expect(seen.length).toBe(total)
    expect(total).toBe(sandbox.organizations.single.insights('apps').length)
  })

  it('pages Directory Insights with search_after, every event once, in both directions', async () => {
    const all = sandbox.organizations.single.events()
    for (const sort of ['ASC', 'DESC']) {
      for (const limit of [1000, 333]) {
        const ids: string[] = []
        let searchAfter: unknown
        for (let guard = 0; guard < 1000; guard++) {
          const res = await sandbox.app.request('/insights/directory/v1/events', {
            method: 'POST',
            headers: { 'x-api-key': SCENARIO_KEYS.single },
            body: JSON.stringify({
              service: ['all'],
              start_time: '2025-01-01T00:00:00Z',
              limit,
              sort,
              search_after: searchAfter,
            }),
          })
          const page = (await res.json()) as { id: string }[]
          ids.push(...page.map((e) => e.id))
          expect(res.headers.get('X-Result-Count')).toBe(String(page.length))
          if (Number(res.headers.get('X-Result-Count')) < Number(res.headers.get('X-Limit'))) break
          searchAfter = JSON.parse(res.headers.get('X-Search_after') ?? '[]')
        }
        expect(ids.length).toBe(all.length)
        expect(new Set(ids).size).toBe(all.length)
        expect(ids[0]).toBe(sort === 'ASC' ? all[0]?.id : all[all.length - 1]?.id)
      }
    }
  })
})
