import { describe, expect, it } from 'vitest';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { austin, blind, row, tokyoJpy, tokyoUsd } from '@/lib/metrics/testing/report-rows';

describe('summarizeReport', () => {
  const summary = summarizeReport([austin, blind, tokyoJpy, tokyoUsd]);

  it('counts each location once, however many currency rows it has', () => {
    expect(summary.locations).toBe(3);
    expect(summary.counts.newContacts).toEqual({ total: 7, unavailable: 1 });
    expect(summary.counts.totalContacts).toEqual({ total: 70, unavailable: 1 });
    expect(summary.counts.activeSubscriptions).toEqual({ total: 4, unavailable: 0 });
    expect(summary.payments).toEqual({ total: 6, unavailable: 1 });
    expect(summary.partialLocations).toBe(1);
  });

  it('adds money per currency only, exactly', () => {
    expect(summary.currencies).toEqual([
      {
        currency: 'JPY',
        paymentsCount: 2,
        gross: '5000',
        refunded: '0',
        net: '5000',
        locations: 1,
      },
      {
        currency: 'USD',
        paymentsCount: 4,
        gross: '110.10',
        refunded: '2.50',
        net: '107.60',
        locations: 2,
      },
    ]);
  });

  it('computes the overall win rate from the summed counts, rounded half-up', () => {
    expect(summary.winRate).toBe('0.7500');
    expect(summarizeReport([row({ opportunitiesWon: 2, opportunitiesLost: 1 })]).winRate).toBe(
      '0.6667',
    );
    expect(summarizeReport([row({})]).winRate).toBeNull();
  });

  it('is all zeros and no currencies for no rows', () => {
    expect(summarizeReport([])).toMatchObject({ locations: 0, currencies: [], winRate: null });
  });
});
