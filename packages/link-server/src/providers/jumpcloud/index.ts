import { JumpLinkError, PROVIDERS } from '@jumplink/shared'
import type { DirectoryProvider, ProviderOptions } from '../provider'
import { createJumpcloudClient } from './client'
import { JUMPCLOUD } from './config'
import { createJumpcloudHttp } from './http'
import { createDirectoryReader } from './unified'

/** JumpCloud behind the DirectoryProvider interface. */
export function createProvider(options: ProviderOptions = {}): DirectoryProvider {
  const client = createJumpcloudClient(options)
  const http = createJumpcloudHttp(options)
  return {
    id: PROVIDERS.jumpcloud.id,
    secretPatterns: [...JUMPCLOUD.keyPatterns],
    listOrganizations: ({ credential, region }) => client.getOrganizations(credential, region),
    async verifyOrganization({ credential, region, organizationId }) {
      // With x-org-id, as every later call for this organization will be made (§12).
      const organizations = await client.getOrganizations(credential, region, organizationId)
      const found = organizations.find((org) => org.id === organizationId)
      if (!found) throw new JumpLinkError('organization_not_accessible')
      return found
    },
    reader: createDirectoryReader(http),
  }
}
