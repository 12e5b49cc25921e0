/**
 * Reads one item ahead: while the caller works on an item (writes a page), the next one is
 * already being fetched and parsed. At most one item waits, so memory stays flat.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const ask = (): Promise<IteratorResult<T>> => {
    const next = iterator.next();
    // If the caller stops early, nobody awaits the item being fetched; its failure is not news.
    next.catch(() => undefined);
    return next;
  };
  let pending = ask();
  let finished = false;
  try {
    for (;;) {
      const result = await pending;
      if (result.done === true) {
        finished = true;
        return;
      }
      pending = ask();
      yield result.value;
    }
  } finally {
    if (!finished) void iterator.return?.().catch(() => undefined);
  }
}
