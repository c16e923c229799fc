import { JumpLinkError, PROVIDERS } from '@jumplink/shared'
import type { DirectoryProvider, ProviderOptions } from '../provider'
import { createJumpcloudClient } from './client'
import { JUMPCLOUD } from './config'
import { createCredentialAuthorizer } from './credentials'
import { createJumpcloudHttp } from './http'
import { createDirectoryAccess } from './unified'

/** JumpCloud behind the DirectoryProvider interface. */
export function createProvider(options: ProviderOptions = {}): DirectoryProvider {
  // One access-token cache for every call this provider makes, in memory.
  const authorizer = createCredentialAuthorizer({
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    now: options.now ?? Date.now,
  })
  const client = createJumpcloudClient({ ...options, authorizer })
  const http = createJumpcloudHttp({ ...options, authorizer })
  const { reader, writer } = createDirectoryAccess(http, undefined, options.metrics)
  return {
    id: PROVIDERS.jumpcloud.id,
    secretPatterns: [...JUMPCLOUD.keyPatterns, ...JUMPCLOUD.accessTokenPatterns],
    listOrganizations: ({ credential, region }) => client.getOrganizations(credential, region),
    async verifyOrganization({ credential, region, organizationId }) {
      // Without x-org-id every organization the key reads is listed: several means a
      // multi-tenant (MSP) key, which must name one on every call ("Multi-Tenant Portal Headers"
      // in the V1/V2 specs' info); a single-tenant key's calls go without the header.
      const listed = await client.getOrganizations(credential, region)
      if (listed.length <= 1) {
        const found = listed.find((org) => org.id === organizationId)
        if (!found) throw new JumpLinkError('organization_not_accessible')
        return { ...found, multiOrganization: false }
      }
      // With x-org-id, as every later call for this organization will be made (§12).
      const organizations = await client.getOrganizations(credential, region, organizationId)
      const found = organizations.find((org) => org.id === organizationId)
      if (!found) throw new JumpLinkError('organization_not_accessible')
      return { ...found, multiOrganization: true }
    },
    reader,
    writer,
  }
}
