import { describe, expect, it } from 'vitest'
import {
  type FrameToHostMessage,
  type HostToFrameMessage,
  parseFrameMessage,
  parseHostMessage,
} from './messages'

const frameMessages: FrameToHostMessage[] = [
  { jumplink: 1, type: 'ready' },
  { jumplink: 1, type: 'token_expired' },
  { jumplink: 1, type: 'event', name: 'step_view', metadata: { step: 'credentials', n: 1 } },
  {
    jumplink: 1,
    type: 'success',
    data: { publicToken: 'pt', connectionId: 'conn_x', organization: { id: 'o', name: null } },
  },
  {
    jumplink: 1,
    type: 'exit',
    data: {
      reason: 'error',
      step: 'credentials',
      error: { code: 'invalid_api_key', message: 'no' },
    },
  },
  { jumplink: 1, type: 'resize', height: 480 },
]

const hostMessages: HostToFrameMessage[] = [
  { jumplink: 1, type: 'init', linkToken: 'lt', theme: 'dark', brandColor: '#0a7', locale: 'en' },
  { jumplink: 1, type: 'init', linkToken: 'lt' },
  { jumplink: 1, type: 'token', linkToken: 'lt2' },
  { jumplink: 1, type: 'close' },
]

describe('iframe messages', () => {
  it.each(frameMessages)('accepts frame message $type', (message) => {
    expect(parseFrameMessage(structuredClone(message))).toEqual(message)
  })

  it.each(hostMessages)('accepts host message $type', (message) => {
    expect(parseHostMessage(structuredClone(message))).toEqual(message)
  })

  it('keeps the two directions apart', () => {
    expect(parseFrameMessage({ jumplink: 1, type: 'init', linkToken: 'lt' })).toBeNull()
    expect(parseHostMessage({ jumplink: 1, type: 'ready' })).toBeNull()
  })

  it.each([
    ['not an object', 'ready'],
    ['null', null],
    ['an array', [1]],
    ['no protocol marker', { type: 'ready' }],
    ['another protocol version', { jumplink: 2, type: 'ready' }],
    ['an unknown type', { jumplink: 1, type: 'steal' }],
    ['a prototype key as type', { jumplink: 1, type: 'constructor' }],
    ['a success without a token', { jumplink: 1, type: 'success', data: { connectionId: 'c' } }],
    [
      'an exit with an unknown error code',
      {
        jumplink: 1,
        type: 'exit',
        data: { reason: 'error', step: 'done', error: { code: 'x', message: 'm' } },
      },
    ],
    [
      'an event with nested metadata',
      { jumplink: 1, type: 'event', name: 'open', metadata: { a: {} } },
    ],
    ['an event with an unknown name', { jumplink: 1, type: 'event', name: 'hack', metadata: {} }],
    ['a negative height', { jumplink: 1, type: 'resize', height: -1 }],
  ])('rejects %s', (_label, data) => {
    expect(parseFrameMessage(data)).toBeNull()
  })

  it('rejects an init without a token or with a bad theme', () => {
    expect(parseHostMessage({ jumplink: 1, type: 'init' })).toBeNull()
    expect(
      parseHostMessage({ jumplink: 1, type: 'init', linkToken: 'lt', theme: 'pink' }),
    ).toBeNull()
  })
})
