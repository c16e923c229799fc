/**
 * A unified list page written as its records come: `{"result":[` and the first records at once,
 * each later part as it is mapped, then the envelope's other fields (`next_cursor`, `total`,
 * `warnings`, from `tail`, read only at the end). The bytes are those of
 * `JSON.stringify({ result: [...first, ...more], ...tail() })`, so a client cannot tell a
 * streamed page from a whole one; only their arrival differs.
 *
 * A part that fails after the first went out cannot change the status any more. The body must
 * then never end as valid JSON: `broken` is told (the route destroys the connection, so the
 * client sees a body cut short), or if it cannot do that, the stream errors.
 */
export function streamedListBody(
  first: readonly unknown[],
  more: AsyncIterable<unknown[]>,
  tail: () => Record<string, unknown>,
  broken: (error: unknown) => boolean,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let iterator: AsyncIterator<unknown[]> | undefined
  let wroteRecord = false
  const records = (part: readonly unknown[]): string => {
    if (part.length === 0) return ''
    const json = JSON.stringify(part)
    const separated = `${wroteRecord ? ',' : ''}${json.slice(1, -1)}`
    wroteRecord = true
    return separated
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`{"result":[${records(first)}`))
    },
    async pull(controller) {
      iterator ??= more[Symbol.asyncIterator]()
      try {
        // A part may have no records left (all skipped): keep going until something is written.
        for (;;) {
          const step = await iterator.next()
          if (step.done) {
            const rest = JSON.stringify(tail())
            controller.enqueue(encoder.encode(rest === '{}' ? ']}' : `],${rest.slice(1)}`))
            controller.close()
            return
          }
          const text = records(step.value)
          if (text !== '') {
            controller.enqueue(encoder.encode(text))
            return
          }
        }
      } catch (error) {
        if (!broken(error)) controller.error(error)
      }
    },
    async cancel() {
      await iterator?.return?.()
    },
  })
}
