import { SSO_APPS } from './catalog.ts'
import { type GenerationContext, iso, randomPast } from './context.ts'
import { addAssociation } from './graph.ts'
import type { Application, OrgGraph, SystemUser } from './types.ts'

/** SSO applications bound to user groups by name, plus a few users assigned directly. */
export function generateApplications(
  ctx: GenerationContext,
  count: number,
  users: readonly SystemUser[],
  userGroupIds: ReadonlyMap<string, string>,
  graph: OrgGraph,
): Application[] {
  const apps: Application[] = []
  for (const template of SSO_APPS.slice(0, count)) {
    const created = randomPast(ctx, 30, 900)
    const id = ctx.nextId(created)
    apps.push({
      _id: id,
      id,
      name: template.name,
      displayName: template.displayName,
      displayLabel: template.displayName,
      color: null,
      description: '',
      active: ctx.random.chance(0.92),
      beta: false,
      logo: { url: `https://cdn.jumpcloud.example/app-logos/${template.name}.png` },
      ssoUrl: `https://sso.jumpcloud.com/saml2/${template.name}`,
      learnMore: '',
      organization: ctx.organizationId,
      created: iso(created),
      config: {
        idpEntityId: {
          label: 'IdP Entity ID',
          value: `https://sso.jumpcloud.com/saml2/${template.name}`,
          type: 'text',
          position: 0,
          readOnly: false,
          required: true,
          visible: true,
        },
        spEntityId: {
          label: 'SP Entity ID',
          value: `https://${template.name}.example/saml`,
          type: 'text',
          position: 1,
          readOnly: false,
          required: true,
          visible: true,
        },
        acsUrl: {
          label: 'ACS URL',
          value: `https://${template.name}.example/saml/acs`,
          type: 'text',
          position: 2,
          readOnly: false,
          required: true,
          visible: true,
        },
      },
      databaseAttributes: [],
      sso: {
        type: 'saml',
        jit: ctx.random.chance(0.3),
        beta: false,
        hidden: false,
        idpCertExpirationAt: iso(new Date(created.getTime() + 5 * 365 * 86_400_000)),
      },
    })
    for (const groupName of template.groups) {
      const groupId = userGroupIds.get(groupName)
      if (groupId)
        addAssociation(
          graph,
          { id, type: 'application', attributes: null },
          { id: groupId, type: 'user_group', attributes: null },
          null,
        )
    }
    const direct = Math.min(users.length, ctx.random.int(0, 3))
    const picked = new Set<string>()
    for (let i = 0; i < direct; i++) {
      const user = ctx.random.pick(users)
      if (picked.has(user._id)) continue
      picked.add(user._id)
      addAssociation(
        graph,
        { id, type: 'application', attributes: null },
        { id: user._id, type: 'user', attributes: null },
        null,
      )
    }
  }
  return apps
}
