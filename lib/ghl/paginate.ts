import type { Page } from './types';

/**
 * Drives a cursor-paged endpoint: fetches one page at a time (constant memory), yields it, and
 * continues from its `next` until `next` is null. Always yields at least one page (possibly empty)
 * and the last page yielded has `next === null`. A cursor that does not move is an upstream bug
 * that would loop forever, so `onStuck` must throw for it.
 */
export async function* paginate<T, C>(
  start: C | null,
  fetchPage: (cursor: C | null) => Promise<Page<T, C>>,
  onStuck: (cursor: C) => Error,
): AsyncGenerator<Page<T, C>, void, undefined> {
  let cursor = start;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page.next !== null && cursor !== null && sameCursor(page.next, cursor))
      throw onStuck(page.next);
    yield page;
    if (page.next === null) return;
    cursor = page.next;
  }
}

function sameCursor(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
