import { describe, expect, it } from 'vitest'
import { streamedListBody } from './list-body'

async function* parts(...list: (unknown[] | Error)[]): AsyncGenerator<unknown[]> {
  for (const part of list) {
    if (part instanceof Error) throw part
    yield part
  }
}

async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder()
  const chunks: string[] = []
  for await (const chunk of stream) chunks.push(decoder.decode(chunk))
  return chunks
}

describe('a streamed list body', () => {
  it('has the bytes of the whole page as one JSON.stringify, written part by part', async () => {
    const a = [{ id: 'a', name: 'Ann "A"', tags: ['x'] }]
    const b = [{ id: 'b', n: null }, { id: 'c' }]
    const warnings = [{ code: 'record_skipped', message: 'no id' }]
    const tail = { next_cursor: 'abc', total: 3, warnings }
    const chunks = await chunksOf(
      streamedListBody(
        a,
        parts(b, [], [{ id: 'd' }]),
        () => tail,
        () => false,
      ),
    )
    expect(chunks.join('')).toBe(JSON.stringify({ result: [...a, ...b, { id: 'd' }], ...tail }))
    expect(chunks.length).toBeGreaterThanOrEqual(3)
  })

  it('matches an empty first part and a tail with nothing but the cursor', async () => {
    const tail = { next_cursor: null }
    const body = streamedListBody(
      [],
      parts([], [1, 2], [3]),
      () => tail,
      () => false,
    )
    expect((await chunksOf(body)).join('')).toBe(JSON.stringify({ result: [1, 2, 3], ...tail }))
    const empty = streamedListBody(
      [],
      parts([]),
      () => ({}),
      () => false,
    )
    expect((await chunksOf(empty)).join('')).toBe('{"result":[]}')
  })

  it('reads the tail only once every part is written (warnings found on the way)', async () => {
    const warnings: string[] = []
    async function* mapping() {
      warnings.push('late')
      yield [2]
    }
    const body = streamedListBody(
      [1],
      mapping(),
      () => ({ warnings: [...warnings] }),
      () => false,
    )
    expect(JSON.parse((await chunksOf(body)).join(''))).toEqual({
      result: [1, 2],
      warnings: ['late'],
    })
  })

  it('never ends as valid JSON when a later part fails', async () => {
    const failure = new Error('upstream page 6 failed')
    const told: unknown[] = []
    // Where the connection cannot be destroyed, the body errors.
    const erroring = streamedListBody(
      [1],
      parts([2], failure),
      () => ({}),
      (error) => {
        told.push(error)
        return false
      },
    )
    await expect(chunksOf(erroring)).rejects.toBe(failure)
    expect(told).toEqual([failure])
    // Where it was destroyed, nothing more is written: what went out stays cut short.
    const reader = streamedListBody(
      [1],
      parts([2], failure),
      () => ({}),
      () => true,
    ).getReader()
    const written: string[] = []
    for (let i = 0; i < 2; i++) written.push(new TextDecoder().decode((await reader.read()).value))
    expect(written.join('')).toBe('{"result":[1,2')
    await reader.cancel()
  })
})
