import { describe, expect, it } from 'vitest'
import { readAhead } from './read-ahead'

describe('readAhead', () => {
  it('reads the next item while the consumer works on this one, one read at a time', async () => {
    const log: string[] = []
    let inFlight = 0
    let most = 0
    async function* source() {
      for (let i = 0; i < 3; i++) {
        inFlight++
        most = Math.max(most, inFlight)
        log.push(`read ${i}`)
        await new Promise((r) => setTimeout(r, 5))
        inFlight--
        yield i
      }
    }
    for await (const item of readAhead(source())) {
      log.push(`work ${item}`)
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(log).toEqual(['read 0', 'read 1', 'work 0', 'read 2', 'work 1', 'work 2'])
    expect(most).toBe(1)
  })

  it('passes a failure on, and a consumer that stops early leaves nothing unhandled', async () => {
    async function* failing() {
      yield 1
      throw new Error('upstream down')
    }
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const item of readAhead(failing())) seen.push(item)
      })(),
    ).rejects.toThrow('upstream down')
    expect(seen).toEqual([1])

    for await (const item of readAhead(failing())) {
      expect(item).toBe(1)
      break
    }
  })
})
