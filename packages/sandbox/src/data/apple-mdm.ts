import { createIdFactory, createRandom } from '../random.ts'
import type { AppleMdm, AppleMdmDevice, JcSystem } from './types.ts'

// JumpCloud's own Apple MDM (jumpcloud-api.md §4, PS-V2 `AppleMDM`, `apple-mdm-device`): one
// device manager per organization, and one MDM device per Apple system it enrolled, Macs,
// iPhones and iPads alike. The MDM device has its own id; it meets the system by serial number.

const MODELS = {
  macos: { family: 'Mac', osFamily: 'macOS', names: ['MacBook Pro', 'MacBook Air', 'iMac'] },
  ios: { family: 'iPhone', osFamily: 'iOS', names: ['iPhone 15', 'iPhone 14', 'iPhone 13'] },
  ipados: { family: 'iPad', osFamily: 'iPadOS', names: ['iPad Air', 'iPad Pro', 'iPad'] },
} as const

/** The organization's device manager, as `GET /api/v2/applemdms` lists it. */
export function generateAppleMdm(organizationId: string, seed: number, now: Date): AppleMdm {
  const random = createRandom(seed)
  const id = createIdFactory(random)(new Date(now.getTime() - 500 * 86_400_000))
  return {
    id,
    name: 'JumpCloud MDM',
    organization: organizationId,
    apnsPushTopic: 'com.apple.mgmt.External.7e1b3c2d-0f4a-4c8e-9b1d-2a6f5e3c4d10',
    apnsCertExpiry: new Date(now.getTime() + 200 * 86_400_000).toISOString(),
    depServerTokenState: 'valid',
    depAccessTokenExpiry: new Date(now.getTime() + 150 * 86_400_000).toISOString(),
    allowMobileUserEnrollment: true,
    ades: { ios: { enableZeroTouchEnrollment: true }, macos: { enableZeroTouchEnrollment: true } },
  }
}

function appleModel(system: JcSystem) {
  if (system.osFamily === 'darwin') return MODELS.macos
  if (system.osFamily !== 'ios') return null
  return system.os === 'iPadOS' ? MODELS.ipados : MODELS.ios
}

/**
 * The MDM devices behind `GET /api/v2/applemdms/{id}/devices`: every Apple system the MDM
 * enrolled. DEP (ADE) devices are supervised; a phone enrolled without DEP is a personal
 * device (User Enrollment) some of the time.
 */
export function generateAppleMdmDevices(
  systems: readonly JcSystem[],
  seed: number,
): AppleMdmDevice[] {
  const random = createRandom(seed)
  const nextId = createIdFactory(random)
  const devices: AppleMdmDevice[] = []
  for (const system of systems) {
    const model = appleModel(system)
    if (!model || system.mdm.vendor !== 'internal' || system.serialNumber === '') continue
    const dep = system.mdm.dep
    const mobile = model.family !== 'Mac'
    const userEnrollment = mobile && !dep && random.chance(0.5)
    devices.push({
      id: nextId(new Date(system.created)),
      udid: `${random.hex(8).toUpperCase()}-${random.hex(16).toUpperCase()}`,
      serialNumber: system.serialNumber,
      createdAt: system.created,
      enrolled: true,
      depRegistered: dep,
      hasActivationLockBypassCodes: dep && mobile,
      mdmOsFamily: model.osFamily,
      modelFamily: model.family,
      osVersion: system.version,
      deviceInformation: {
        deviceName: system.displayName,
        modelName: random.pick(model.names),
        osBuildVersion: system.osVersionDetail.revision,
        isSupervised: dep,
        isAppleSilicon: system.arch === 'arm64',
      },
      securityInfo: {
        enrolledViaDep: dep,
        userApprovedEnrollment: system.mdm.userApproved,
        isUserEnrollment: userEnrollment,
        passcodePresent: mobile ? random.chance(0.95) : false,
        filevaultEnabled: mobile ? false : system.fde.active,
      },
    })
  }
  return devices
}
