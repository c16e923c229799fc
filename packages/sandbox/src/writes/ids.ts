import type { Organization } from '../data/organization.ts'
import { createIdFactory, createRandom, deriveSeed } from '../random.ts'

const factories = new WeakMap<Organization, (createdAt: Date) => string>()

/** ObjectIds for records created through the API: deterministic per organization. */
export function newObjectId(organization: Organization, createdAt: Date): string {
  let factory = factories.get(organization)
  if (!factory) {
    factory = createIdFactory(createRandom(deriveSeed(0, `${organization.id}:writes`)))
    factories.set(organization, factory)
  }
  return factory(createdAt)
}
