import { describe, expect, it } from 'vitest'
import {
  addAssociation,
  addMember,
  boundGroups,
  createGraph,
  groupMembership,
  memberOf,
  traverse,
} from './graph.ts'
import type { GraphObject } from './types.ts'

const obj = (id: string, type: GraphObject['type']): GraphObject => ({ id, type, attributes: null })

function sample() {
  const graph = createGraph()
  addMember(graph, 'all', obj('eng', 'user_group'))
  addMember(graph, 'eng', obj('platform', 'user_group'))
  addMember(graph, 'eng', obj('ann', 'user'))
  addMember(graph, 'platform', obj('bob', 'user'))
  addMember(graph, 'servers', obj('srv1', 'system'))
  addAssociation(graph, obj('app', 'application'), obj('all', 'user_group'), null)
  addAssociation(graph, obj('app', 'application'), obj('bob', 'user'), null)
  addAssociation(graph, obj('platform', 'user_group'), obj('servers', 'system_group'), {
    sudo: { enabled: true },
  })
  return graph
}

describe('graph traversals', () => {
  it('finds nested members with their paths', () => {
    const members = groupMembership(sample(), 'all', 'user')
    expect(members.map((m) => m.id).sort()).toEqual(['ann', 'bob'])
    expect(members.find((m) => m.id === 'bob')?.paths[0]?.map((hop) => hop.to.id)).toEqual([
      'eng',
      'platform',
      'bob',
    ])
  })

  it('finds every group containing an object', () => {
    expect(memberOf(sample(), 'bob').map((g) => g.id)).toEqual(['platform', 'eng', 'all'])
  })

  it('reaches users of an application directly and through groups, one entry per user', () => {
    const users = traverse(sample(), obj('app', 'application'), 'user')
    expect(users.map((u) => u.id).sort()).toEqual(['ann', 'bob'])
    expect(users.find((u) => u.id === 'bob')?.paths).toHaveLength(2)
    expect(boundGroups(sample(), 'app', 'user_group').map((g) => g.id)).toEqual(['all'])
  })

  it('reaches devices from a user through group bindings and back', () => {
    expect(traverse(sample(), obj('bob', 'user'), 'system').map((s) => s.id)).toEqual(['srv1'])
    expect(traverse(sample(), obj('ann', 'user'), 'system')).toEqual([])
    expect(traverse(sample(), obj('srv1', 'system'), 'user').map((u) => u.id)).toEqual(['bob'])
  })

  it('gives every result compiledAttributes: the attributes its hops carry, else {}', () => {
    const [server] = traverse(sample(), obj('bob', 'user'), 'system')
    expect(server?.compiledAttributes).toEqual({ sudo: { enabled: true } })
    const hops = server?.paths.flat() ?? []
    expect(hops.some((hop) => hop.attributes !== null)).toBe(true)
    for (const group of memberOf(sample(), 'bob')) expect(group.compiledAttributes).toEqual({})
  })
})
