import type { UpstreamAnswer } from './transport'

/**
 * A timeout that can be ended early. `AbortSignal.timeout` cannot: its signal, and the answer
 * its listeners reach (a page's parsed body, at that), stayed in memory for the whole timeout
 * after the call had ended, ten seconds of pages promoted to the old generation under load.
 */
export function deadline(ms: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController()
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))
  }, ms)
  timer.unref?.()
  return { signal: controller.signal, done: () => clearTimeout(timer) }
}

/** The answer, its timeout ended once its body has been read or dropped. */
export function endsWithBody(answer: UpstreamAnswer, done: () => void): UpstreamAnswer {
  return {
    status: answer.status,
    headers: answer.headers,
    text: () => answer.text().finally(done),
    discard: () => answer.discard().finally(done),
  }
}

/**
 * A `Response` handed on (a write's, the proxy's), its timeout ended once its body has been read
 * to the end, failed or been cancelled; at once when it has none.
 */
export function endsWithResponse(response: Response, done: () => void): Response {
  const source = response.body
  if (!source) {
    done()
    return response
  }
  const reader = source.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read()
        if (chunk.done) {
          done()
          controller.close()
        } else {
          controller.enqueue(chunk.value)
        }
      } catch (error) {
        done()
        controller.error(error)
      }
    },
    cancel(reason) {
      done()
      return reader.cancel(reason)
    },
  })
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
