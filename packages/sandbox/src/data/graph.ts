import type {
  GraphConnection,
  GraphObject,
  GraphObjectWithPaths,
  GraphType,
  OrgGraph,
} from './types.ts'

// The JumpCloud graph (jumpcloud-api.md §5.2): group members, and associations that bind users
// and user groups to devices, device groups and applications. Traversals return every path.

export function createGraph(): OrgGraph {
  return { members: new Map(), associations: new Map() }
}

export function addMember(graph: OrgGraph, groupId: string, member: GraphObject): void {
  const list = graph.members.get(groupId) ?? []
  list.push(member)
  graph.members.set(groupId, list)
}

export function removeMember(graph: OrgGraph, groupId: string, memberId: string): void {
  const list = graph.members.get(groupId)
  if (list)
    graph.members.set(
      groupId,
      list.filter((m) => m.id !== memberId),
    )
}

export function addAssociation(
  graph: OrgGraph,
  a: GraphObject,
  b: GraphObject,
  attributes: Record<string, unknown> | null,
): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const list = graph.associations.get(from.id) ?? []
    list.push({ ...to, attributes })
    graph.associations.set(from.id, list)
  }
}

export function directMembers(graph: OrgGraph, groupId: string): GraphConnection[] {
  return (graph.members.get(groupId) ?? []).map((member) => ({
    attributes: null,
    to: { attributes: null, id: member.id, type: member.type },
  }))
}

/**
 * Collects paths per target, keeping the order in which targets were first reached. Each
 * result carries `compiledAttributes`, as JumpCloud's do: the attributes of its paths' hops
 * merged (e.g. `sudo` from a user group bound to servers), `{}` when no hop sets any.
 */
class PathCollector {
  private readonly byId = new Map<string, GraphObjectWithPaths>()
  add(target: GraphObject, path: GraphConnection[]): void {
    const existing = this.byId.get(target.id)
    const compiled = existing?.compiledAttributes ?? {}
    for (const hop of path) if (hop.attributes) Object.assign(compiled, hop.attributes)
    if (existing) existing.paths.push(path)
    else
      this.byId.set(target.id, {
        id: target.id,
        type: target.type,
        compiledAttributes: compiled,
        paths: [path],
      })
  }
  results(): GraphObjectWithPaths[] {
    return [...this.byId.values()]
  }
}

const hop = (
  object: GraphObject,
  attributes: Record<string, unknown> | null = null,
): GraphConnection => ({
  attributes,
  to: { attributes: null, id: object.id, type: object.type },
})

/** Walks group membership downwards, calling `visit` for every member with its path. */
function walkMembers(
  graph: OrgGraph,
  groupId: string,
  prefix: GraphConnection[],
  visit: (member: GraphObject, path: GraphConnection[]) => void,
  seen: Set<string> = new Set([groupId]),
): void {
  for (const member of graph.members.get(groupId) ?? []) {
    const path = [...prefix, hop(member)]
    visit(member, path)
    if ((member.type === 'user_group' || member.type === 'system_group') && !seen.has(member.id)) {
      walkMembers(graph, member.id, path, visit, new Set([...seen, member.id]))
    }
  }
}

/** `/usergroups/{id}/membership`, `/systemgroups/{id}/membership`: direct and nested members. */
export function groupMembership(
  graph: OrgGraph,
  groupId: string,
  leafType: GraphType,
): GraphObjectWithPaths[] {
  const out = new PathCollector()
  walkMembers(graph, groupId, [], (member, path) => {
    if (member.type === leafType) out.add(member, path)
  })
  return out.results()
}

/** Parent groups of an object, direct first; used by memberof and traversals. */
function parentIndex(graph: OrgGraph): Map<string, GraphObject[]> {
  const index = new Map<string, GraphObject[]>()
  for (const [groupId, members] of graph.members) {
    for (const member of members) {
      const list = index.get(member.id) ?? []
      list.push({
        id: groupId,
        type:
          member.type === 'user' || member.type === 'user_group' ? 'user_group' : 'system_group',
        attributes: null,
      })
      index.set(member.id, list)
    }
  }
  return index
}

/** `/users/{id}/memberof`, `/systems/{id}/memberof`: every group containing the object. */
export function memberOf(graph: OrgGraph, objectId: string): GraphObjectWithPaths[] {
  return containingGroups(objectId, parentIndex(graph)).results()
}

function containingGroups(objectId: string, parents: Map<string, GraphObject[]>): PathCollector {
  const out = new PathCollector()
  const walk = (id: string, prefix: GraphConnection[], seen: Set<string>) => {
    for (const parent of parents.get(id) ?? []) {
      if (seen.has(parent.id)) continue
      const path = [...prefix, hop(parent)]
      out.add(parent, path)
      walk(parent.id, path, new Set([...seen, parent.id]))
    }
  }
  walk(objectId, [], new Set([objectId]))
  return out
}

/**
 * Resources of `targetType` bound to `start`, directly or through the groups `start` is in,
 * and through members of bound groups: `/users/{id}/systems`, `/systems/{id}/users`,
 * `/applications/{id}/users`.
 */
export function traverse(
  graph: OrgGraph,
  start: GraphObject,
  targetType: 'user' | 'system',
  parents: Map<string, GraphObject[]> = parentIndex(graph),
): GraphObjectWithPaths[] {
  const targetGroup: GraphType = targetType === 'user' ? 'user_group' : 'system_group'
  const out = new PathCollector()
  const sources: { object: GraphObject; path: GraphConnection[] }[] = [{ object: start, path: [] }]
  for (const group of containingGroups(start.id, parents).results()) {
    for (const path of group.paths)
      sources.push({ object: { id: group.id, type: group.type, attributes: null }, path })
  }
  for (const source of sources) {
    for (const bound of graph.associations.get(source.object.id) ?? []) {
      const path = [...source.path, hop(bound, bound.attributes)]
      if (bound.type === targetType) out.add(bound, path)
      else if (bound.type === targetGroup) {
        walkMembers(graph, bound.id, path, (member, memberPath) => {
          if (member.type === targetType) out.add(member, memberPath)
        })
      }
    }
  }
  return out.results()
}

/** `/{kind}/{id}/associations?targets=<type>`: the object's direct bindings to that type. */
export function directAssociations(
  graph: OrgGraph,
  objectId: string,
  targetType: GraphType,
): GraphConnection[] {
  return (graph.associations.get(objectId) ?? [])
    .filter((bound) => bound.type === targetType)
    .map((bound) => hop(bound, bound.attributes))
}

/** Removes the binding between two objects, both directions. */
export function removeAssociation(graph: OrgGraph, aId: string, bId: string): void {
  for (const [from, to] of [
    [aId, bId],
    [bId, aId],
  ] as const) {
    const list = graph.associations.get(from)
    if (list)
      graph.associations.set(
        from,
        list.filter((bound) => bound.id !== to),
      )
  }
}

/** `/applications/{id}/usergroups`: user groups bound to the application directly. */
export function boundGroups(
  graph: OrgGraph,
  objectId: string,
  groupType: GraphType,
): GraphObjectWithPaths[] {
  const out = new PathCollector()
  for (const bound of graph.associations.get(objectId) ?? []) {
    if (bound.type === groupType) out.add(bound, [hop(bound, bound.attributes)])
  }
  return out.results()
}

export { parentIndex }
