import type { DeviceGroup, Ref } from '@jumplink/shared'
import type { GraphConnectionRecord, SystemGroupRecord } from '../records'
import { graphTarget, graphVia, requireStr, str } from './common'
import { membershipAutomated } from './group'

/** A v2 system group (`GET /v2/systemgroups`). JumpCloud exposes no group timestamps. */
export function mapDeviceGroup(record: SystemGroupRecord): DeviceGroup {
  return {
    id: requireStr(record.id, 'systemgroup', 'id'),
    name: requireStr(record.name, 'systemgroup', 'name'),
    description: str(record.description),
    membership_automated: membershipAutomated(record),
    created_at: null,
    updated_at: null,
  }
}

export interface DeviceGroupMember {
  device: Ref
  via: 'direct' | 'group'
}

/**
 * One member from `GET /v2/systemgroups/{id}/membership` (effective) or `/members` (direct);
 * `null` for anything but a system (e.g. a nested system group).
 */
export function mapDeviceGroupMember(connection: GraphConnectionRecord): DeviceGroupMember | null {
  const target = graphTarget(connection)
  if (!target || (target.type !== null && target.type !== 'system')) return null
  return { device: { id: target.id }, via: graphVia(connection) }
}

export function mapDeviceGroupMembers(
  connections: readonly GraphConnectionRecord[],
): DeviceGroupMember[] {
  const byDevice = new Map<string, DeviceGroupMember>()
  for (const connection of connections) {
    const member = mapDeviceGroupMember(connection)
    if (!member) continue
    const seen = byDevice.get(member.device.id)
    if (!seen || (seen.via === 'group' && member.via === 'direct')) {
      byDevice.set(member.device.id, member)
    }
  }
  return [...byDevice.values()]
}
