/**
 * Iterates `source` while already requesting its next element: the next page travels over the
 * network while the current one is written to the database. A prefetched element is dropped when
 * the consumer stops early (its rejection is swallowed; the checkpoint was not moved by it).
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const result = await pending;
    if (result.done) return;
    pending = iterator.next();
    pending.catch(() => undefined);
    yield result.value;
  }
}
