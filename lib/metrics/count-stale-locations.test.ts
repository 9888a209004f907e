import { describe, expect, it } from 'vitest';
import { countStaleLocations } from './count-stale-locations';

describe('countStaleLocations', () => {
  const now = new Date('2026-11-29T10:00:00Z');

  it('counts never-synced and too-old locations once each, fresh ones not at all', () => {
    const rows = [
      { locationId: 'fresh', dataAsOf: '2026-11-29T09:45:00Z' },
      { locationId: 'old', dataAsOf: '2026-11-29T09:29:59Z' },
      { locationId: 'old', dataAsOf: '2026-11-29T09:29:59Z' }, // a second currency row
      { locationId: 'never', dataAsOf: null },
    ];
    expect(countStaleLocations(rows, now, 30)).toBe(2);
    expect(countStaleLocations(rows, now, 60)).toBe(1);
    expect(countStaleLocations(rows.slice(0, 1), now, 30)).toBe(0);
  });
});
