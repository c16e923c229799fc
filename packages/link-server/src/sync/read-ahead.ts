/**
 * Yields what `source` yields, asking it for the next item as soon as the current one is
 * handed out: the consumer's work on one page overlaps the reading of the next. The source
 * still runs one step at a time, so it never has more than one read in flight, and at most
 * two items exist at once.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next()
  try {
    for (;;) {
      const current = await next
      if (current.done) return
      next = source.next()
      // Left unawaited if the consumer stops early: its failure must not go unhandled.
      next.catch(() => {})
      yield current.value
    }
  } finally {
    // The consumer stopped (or failed): let the pending read settle, then close the source.
    await next.catch(() => undefined)
    await source.return(undefined)
  }
}
