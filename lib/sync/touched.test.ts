import { describe, expect, it } from 'vitest';
import { createTouchedSet } from './touched';

describe('createTouchedSet', () => {
  it('keeps one entry per 15 minutes, sorted, whatever the number of instants', () => {
    const set = createTouchedSet();
    const base = Date.parse('2026-03-01T10:00:00.000Z');
    set.add(Array.from({ length: 10_000 }, (_, i) => new Date(base + (i % 1800) * 1000)));
    set.add([new Date('2026-02-28T23:59:59.999Z')]);
    expect(set.size).toBe(3);
    expect(set.toDates().map((d) => d.toISOString())).toEqual([
      '2026-02-28T23:45:00.000Z',
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:15:00.000Z',
    ]);
  });
});
