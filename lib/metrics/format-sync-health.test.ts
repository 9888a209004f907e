import { describe, expect, it } from 'vitest';
import { formatRelative } from '@/lib/metrics/format-sync-health';

describe('formatRelative', () => {
  const from = '2026-11-28T12:00:00.000Z';
  it('says how long ago, in minutes, hours or days', () => {
    expect(formatRelative('2026-11-28T11:59:45.000Z', from)).toBe('just now');
    expect(formatRelative('2026-11-28T11:48:00.000Z', from)).toBe('12 min ago');
    expect(formatRelative('2026-11-28T09:00:00.000Z', from)).toBe('3 h ago');
    expect(formatRelative('2026-11-25T12:00:00.000Z', from)).toBe('3 days ago');
    expect(formatRelative('2026-11-28T12:15:00.000Z', from)).toBe('in 15 min');
  });
});
