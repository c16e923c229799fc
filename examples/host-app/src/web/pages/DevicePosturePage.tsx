import type { AppConfig, ConnectionView, DeviceRow } from '../../shared/api'
import { api } from '../api'
import { LoadError } from '../components/LoadError'
import { NoConnection } from '../components/NoConnection'
import { formatDateTime } from '../format'
import { useLoad } from '../use-load'

function encryption(device: DeviceRow): { text: string; tone: string } {
  if (device.encrypted === null) return { text: 'Unknown', tone: 'pill' }
  if (!device.encrypted) return { text: 'Not encrypted', tone: 'pill pill-warn' }
  const method = device.encryptionMethod
  return {
    text: method
      ? `Encrypted (${method === 'filevault' ? 'FileVault' : method === 'bitlocker' ? 'BitLocker' : 'LUKS'})`
      : 'Encrypted',
    tone: 'pill pill-active',
  }
}

/** Device posture: disk encryption, OS version, last seen and owner of every managed device. */
export function DevicePosturePage({
  config,
  connection,
}: {
  config: AppConfig
  connection: ConnectionView | null
}) {
  const posture = useLoad(connection?.id ?? null, api.devices)
  if (!connection) {
    return (
      <>
        <h1>Device posture</h1>
        <NoConnection directoryName={config.directoryName} />
      </>
    )
  }
  return (
    <>
      <h1>Device posture: {connection.organization}</h1>
      {posture?.state === 'error' && <LoadError error={posture.error} />}
      {(!posture || posture.state === 'loading') && <p role="status">Reading the devices…</p>}
      {posture?.state === 'done' && (
        <>
          <ul className="stats" aria-label="Summary">
            <li>
              <strong>{posture.data.summary.devices}</strong> devices
            </li>
            <li>
              <strong>{posture.data.summary.unencrypted}</strong> not encrypted
            </li>
            <li>
              <strong>{posture.data.summary.unknownEncryption}</strong> encryption unknown
            </li>
          </ul>
          {/* Scrolls sideways on a narrow screen (Chromium lets the keyboard scroll it). */}
          <div className="table-scroll">
            <table className="table" aria-label="Devices and their posture">
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Encryption</th>
                  <th scope="col">Operating system</th>
                  <th scope="col">Last seen</th>
                  <th scope="col">Owner</th>
                </tr>
              </thead>
              <tbody>
                {posture.data.devices.map((device) => {
                  const disk = encryption(device)
                  return (
                    <tr key={device.id}>
                      <th scope="row">{device.name}</th>
                      <td>
                        <span className={disk.tone}>{disk.text}</span>
                      </td>
                      <td>
                        {device.platform}
                        {device.osVersion ? ` ${device.osVersion}` : ''}
                      </td>
                      <td>{formatDateTime(device.lastSeenAt)}</td>
                      <td>{device.owner ?? 'Unassigned'}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  )
}
