import { describe, expect, it } from 'vitest'
import { createAllowedMethods } from './allowed-methods'

const allowed = createAllowedMethods(() => [
  { method: 'ALL', path: '*' },
  { method: 'GET', path: '/v1/connections' },
  { method: 'GET', path: '/v1/connections/:id' },
  { method: 'DELETE', path: '/v1/connections/:id' },
  { method: 'POST', path: '/v1/connections/:id/check' },
  { method: 'GET', path: '/link/assets/*' },
])

describe('allowed methods', () => {
  it('lists the methods a path has routes for, ignoring middleware', () => {
    expect(allowed('/v1/connections/conn_1')).toEqual(['DELETE', 'GET'])
    expect(allowed('/v1/connections/conn_1/check')).toEqual(['POST'])
    expect(allowed('/link/assets/app.js')).toEqual(['GET'])
  })

  it('lists nothing for a path no route has', () => {
    expect(allowed('/v1/nothing-here')).toEqual([])
    expect(allowed('/v1/connections/a/b/c')).toEqual([])
  })
})
