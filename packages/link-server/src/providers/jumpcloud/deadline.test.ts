import { afterEach, describe, expect, it, vi } from 'vitest'
import { deadline, endsWithBody, endsWithResponse } from './deadline'
import type { UpstreamAnswer } from './transport'

afterEach(() => {
  vi.useRealTimers()
})

describe('deadline', () => {
  it('aborts its signal with a TimeoutError once its time is up', () => {
    vi.useFakeTimers()
    const timeout = deadline(1_000)
    vi.advanceTimersByTime(999)
    expect(timeout.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(timeout.signal.aborted).toBe(true)
    expect((timeout.signal.reason as DOMException).name).toBe('TimeoutError')
  })

  it('never aborts once ended', () => {
    vi.useFakeTimers()
    const timeout = deadline(1_000)
    timeout.done()
    vi.advanceTimersByTime(10_000)
    expect(timeout.signal.aborted).toBe(false)
  })
})

describe('endsWithBody', () => {
  const answer = (): UpstreamAnswer => ({
    status: 200,
    headers: { get: () => null },
    text: async () => '{}',
    discard: async () => {},
  })

  it('ends the timeout once the body is read, or dropped', async () => {
    const done = vi.fn()
    expect(await endsWithBody(answer(), done).text()).toBe('{}')
    expect(done).toHaveBeenCalledTimes(1)
    await endsWithBody(answer(), done).discard()
    expect(done).toHaveBeenCalledTimes(2)
  })
})

describe('endsWithResponse', () => {
  it('ends the timeout once the body is read to the end, not before', async () => {
    const done = vi.fn()
    const response = endsWithResponse(
      new Response('{"id":"u1"}', { status: 409, statusText: 'Conflict', headers: { 'x-a': '1' } }),
      done,
    )
    expect(done).not.toHaveBeenCalled()
    expect(response.status).toBe(409)
    expect(response.statusText).toBe('Conflict')
    expect(response.headers.get('x-a')).toBe('1')
    expect(await response.json()).toEqual({ id: 'u1' })
    expect(done).toHaveBeenCalledTimes(1)
  })

  it('ends it once the body is cancelled, and at once when there is none', async () => {
    const done = vi.fn()
    await endsWithResponse(new Response('{}'), done).body?.cancel()
    expect(done).toHaveBeenCalledTimes(1)
    const empty = new Response(null, { status: 204 })
    expect(endsWithResponse(empty, done)).toBe(empty)
    expect(done).toHaveBeenCalledTimes(2)
  })

  it('ends it when the body fails, and passes the failure on', async () => {
    const done = vi.fn()
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('terminated'))
      },
    })
    const response = endsWithResponse(new Response(failing), done)
    await expect(response.text()).rejects.toThrow('terminated')
    expect(done).toHaveBeenCalledTimes(1)
  })
})
