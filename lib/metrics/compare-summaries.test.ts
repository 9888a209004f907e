import { describe, expect, it } from 'vitest';
import { comparableTotal, currenciesToCompare, previousNet } from '@/lib/metrics/compare-summaries';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { austin, blind, tokyoJpy, tokyoUsd } from '@/lib/metrics/testing/report-rows';

describe('comparing two periods of totals', () => {
  const now = summarizeReport([austin, blind]);
  const before = summarizeReport([austin, blind, tokyoJpy, tokyoUsd]);

  it('has no comparable value when no location shown could read it', () => {
    expect(comparableTotal({ total: 0, unavailable: 2 }, 2)).toBeNull();
    expect(comparableTotal({ total: 7, unavailable: 1 }, 2)).toBe(7);
    expect(comparableTotal({ total: 0, unavailable: 0 }, 0)).toBe(0);
  });

  it('shows a currency paid in only before with 0 now, sorted by code', () => {
    expect(currenciesToCompare(now, before).map((m) => [m.currency, m.net, m.locations])).toEqual([
      ['JPY', '0', 0],
      ['USD', '100.10', 1],
    ]);
    expect(currenciesToCompare(now, undefined).map((m) => m.currency)).toEqual(['USD']);
  });

  it("takes the previous net in the same currency only, 0 in that currency's format", () => {
    expect(previousNet(before, 'USD')).toBe('107.60');
    expect(previousNet(now, 'JPY')).toBe('0');
    expect(previousNet(now, 'EUR')).toBe('0.00');
  });
});
