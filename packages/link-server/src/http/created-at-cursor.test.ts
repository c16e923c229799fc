import type { JumpLinkError } from '@jumplink/shared'
import { describe, expect, it } from 'vitest'
import { decodeCreatedAtCursor, encodeCreatedAtCursor } from './created-at-cursor'

describe('created-at cursor', () => {
  it('gives back the position it was made from', () => {
    const position = { createdAt: new Date('2026-11-25T10:00:00.123Z'), id: 'conn_1' }
    expect(decodeCreatedAtCursor(encodeCreatedAtCursor(position))).toEqual(position)
  })

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', 'conn_1'])).toString('base64url')],
    ['no id', Buffer.from(JSON.stringify(['2026-11-25T10:00:00Z'])).toString('base64url')],
  ])('refuses %s with invalid_cursor', (_, cursor) => {
    expect(() => decodeCreatedAtCursor(cursor)).toThrow(
      expect.objectContaining<Partial<JumpLinkError>>({ code: 'invalid_cursor' }),
    )
  })
})
