import { describe, expect, it } from 'vitest'
import { classifyAddress, guardedLookup, PrivateAddressError } from './url-policy'

const lookup = (host: string, allowPrivate: boolean, all = false) =>
  new Promise<unknown>((resolve, reject) =>
    guardedLookup({ requireHttps: false, allowPrivate })(host, { all }, (error, address) =>
      error ? reject(error) : resolve(address),
    ),
  )

describe('webhook address rules', () => {
  it('sorts addresses into public, private (allowed by setting) and forbidden (never)', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111'])
      expect(classifyAddress(address), address).toBe('public')
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.1',
      '192.168.0.1',
      '100.64.0.1',
      '::1',
      'fd12::1',
      '::ffff:10.0.0.1',
    ])
      expect(classifyAddress(address), address).toBe('private')
    for (const address of [
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      'fe80::1',
      '::',
      'ff02::1',
      '::ffff:169.254.1.1',
      'not-an-ip',
    ])
      expect(classifyAddress(address), address).toBe('forbidden')
  })

  it('refuses a name that resolves to a refused address at connect time (no DNS tricks)', async () => {
    await expect(lookup('localhost', false)).rejects.toBeInstanceOf(PrivateAddressError)
    // With the setting, loopback is reached, at the address that was checked.
    expect(await lookup('localhost', true)).toMatch(/^(127\.0\.0\.1|::1)$/)
    expect(await lookup('localhost', true, true)).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    )
  })
})
