import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { expectRowsMatchTruth, truthFor } from './ground-truth';
import { createHarness, fullSync, giveOwnTokens, type SyncHarness } from './helpers';

// The export after a real sync must equal what ./ground-truth.ts computes from the simulator's own
// records with Intl (not PostgreSQL) turning instants into each location's local calendar day.

const SIZES = () => ({
  contacts: 90,
  opportunities: 45,
  transactions: 45,
  orders: 3,
  subscriptions: 8,
});
const PERIODS = [
  // Pacific/Auckland moves to daylight time on 2026-09-27 inside this period.
  { from: '2026-09-01', to: '2026-10-31' },
  { from: '2025-11-01', to: '2026-10-31' },
];

describe('export after a sync equals the simulator ground truth', () => {
  describe('seed mode (the agency token reads every location)', () => {
    let h: SyncHarness;
    beforeAll(async () => {
      h = await createHarness({ mode: 'seed', seed: 1, locations: 12, sizes: SIZES });
      expect((await fullSync(h, 4)).status).toBe('ok');
    });
    afterAll(async () => h?.close());

    it('covers the day-boundary zones and a location paid in two currencies', () => {
      const zones = h.sim.world.locations.map((l) => l.timezone);
      expect(zones).toEqual(
        expect.arrayContaining(['Asia/Kolkata', 'America/St_Johns', 'Pacific/Auckland']),
      );
      const currencies = h.sim.world.locations.map(
        (l) => new Set(h.sim.world.transactions(l.id).map((t) => String(t.currency))).size,
      );
      expect(Math.max(...currencies)).toBeGreaterThan(1);
    });

    for (const { from, to } of PERIODS) {
      it(`matches every location and currency for ${from}..${to}`, async () => {
        const report = await getLocationsReport(h.db, { from, to });
        expect(new Set(report.rows.map((r) => r.locationId)).size).toBe(
          h.sim.world.locations.length,
        );
        for (const location of h.sim.world.locations) {
          const rows = report.rows.filter((r) => r.locationId === location.id);
          expect(
            rows.every((r) => r.timezone === location.timezone && r.unavailable.length === 0),
          ).toBe(true);
          expectRowsMatchTruth(
            rows,
            truthFor(h.sim, location.id, location.timezone, from, to),
            `${location.timezone} ${location.id}`,
          );
        }
      });
    }
  });

  describe('strict mode (only locations with their own PIT are readable)', () => {
    let h: SyncHarness;
    let withToken: string[] = [];
    beforeAll(async () => {
      h = await createHarness({ mode: 'strict', seed: 1, locations: 6, sizes: SIZES });
      withToken = h.sim.world.locations.slice(0, 4).map((l) => l.id);
      await giveOwnTokens(h, withToken);
      expect((await fullSync(h)).status).toBe('partial');
    });
    afterAll(async () => h?.close());

    it('matches the truth where a PIT is set and shows the rest as unavailable, never 0', async () => {
      const { from, to } = PERIODS[0]!;
      const report = await getLocationsReport(h.db, { from, to });
      for (const location of h.sim.world.locations) {
        const rows = report.rows.filter((r) => r.locationId === location.id);
        if (withToken.includes(location.id)) {
          expectRowsMatchTruth(
            rows,
            truthFor(h.sim, location.id, location.timezone, from, to),
            location.id,
          );
          continue;
        }
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          currency: '',
          newContacts: null,
          totalContacts: null,
          opportunitiesWon: null,
          wonValue: null,
          paymentsCount: null,
          paymentsGross: null,
          activeSubscriptions: null,
        });
      }
    });
  });
});
