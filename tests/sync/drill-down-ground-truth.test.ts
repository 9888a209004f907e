import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { getOpportunitiesBreakdown } from '@/lib/metrics/get-opportunities-breakdown';
import { getPaymentsBreakdown } from '@/lib/metrics/get-payments-breakdown';
import { getPipelineView } from '@/lib/metrics/get-pipeline-view';
import { getLocationDetail } from '@/lib/metrics/get-location-detail';
import type { Simulator } from '@/sim/server';
import { createHarness, fullSync, giveOwnTokens, type SyncHarness } from './helpers';
import { localDay } from '@/tests/local-day';

// The drill-down's breakdowns after a real sync must equal what this file computes from the
// simulator's own records, with Intl (not PostgreSQL) turning instants into local days.

const SIZES = () => ({
  contacts: 40,
  opportunities: 90,
  transactions: 60,
  orders: 2,
  subscriptions: 6,
});
const PAID = new Set(['succeeded', 'refunded', 'partially_refunded']);
const PERIODS = [
  // Pacific/Auckland moves to daylight time on 2026-09-27 inside this period.
  { from: '2026-09-01', to: '2026-10-31' },
  { from: '2025-11-01', to: '2026-10-31' },
];

/** Money as integer 1/10,000 units, so sums are exact on both sides. */
const units = (value: number | string | null | undefined) =>
  Math.round(Number(value ?? 0) * 10_000);
const sumUnits = <T>(items: readonly T[], value: (item: T) => number | string | null | undefined) =>
  items.reduce((sum, item) => sum + units(value(item)), 0);

type Period = { from: string; to: string };

/** The pipeline view from the simulator: pipelines by name, stages by position, open and decided. */
function truthPipelines(sim: Simulator, locationId: string, timeZone: string, period: Period) {
  const inPeriod = (iso: string | null | undefined) =>
    !!iso && localDay(iso, timeZone) >= period.from && localDay(iso, timeZone) <= period.to;
  const opportunities = sim.world.opportunities(locationId);
  return [...sim.world.pipelines(locationId)]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((pipeline) => {
      const mine = opportunities.filter((o) => o.pipelineId === pipeline.id);
      const open = mine.filter((o) => o.status === 'open');
      const won = mine.filter((o) => o.status === 'won' && inPeriod(o.lastStatusChangeAt));
      return {
        pipelineId: pipeline.id,
        name: pipeline.name,
        stages: [...pipeline.stages]
          .sort((a, b) => a.position - b.position)
          .map((stage) => {
            const here = open.filter((o) => o.pipelineStageId === stage.id);
            return {
              stageId: stage.id,
              name: stage.name,
              position: stage.position,
              openCount: here.length,
              openValue: sumUnits(here, (o) => o.monetaryValue),
            };
          }),
        openCount: open.length,
        openValue: sumUnits(open, (o) => o.monetaryValue),
        won: won.length,
        wonValue: sumUnits(won, (o) => o.monetaryValue),
        lost: mine.filter((o) => o.status === 'lost' && inPeriod(o.lastStatusChangeAt)).length,
      };
    });
}

function truthOpportunities(sim: Simulator, locationId: string, timeZone: string, period: Period) {
  const inPeriod = (iso: string | null | undefined) =>
    !!iso && localDay(iso, timeZone) >= period.from && localDay(iso, timeZone) <= period.to;
  const opportunities = sim.world.opportunities(locationId);
  const created = opportunities.filter((o) => inPeriod(o.createdAt));
  const byStatus = ['open', 'won', 'lost', 'abandoned'].map((status) => {
    const counted = opportunities.filter(
      (o) => o.status === status && (status === 'open' || inPeriod(o.lastStatusChangeAt)),
    );
    const createdNow = created.filter((o) => o.status === status);
    return {
      status,
      count: counted.length,
      value: sumUnits(counted, (o) => o.monetaryValue),
      createdCount: createdNow.length,
      createdValue: sumUnits(createdNow, (o) => o.monetaryValue),
    };
  });
  const sources = new Map<
    string | null,
    { created: number; createdValue: number; won: number; wonValue: number; lost: number }
  >();
  for (const o of opportunities) {
    const source = o.source?.trim() || null;
    const isCreated = inPeriod(o.createdAt);
    const isWon = o.status === 'won' && inPeriod(o.lastStatusChangeAt);
    const isLost = o.status === 'lost' && inPeriod(o.lastStatusChangeAt);
    if (!isCreated && !isWon && !isLost) continue;
    const s = sources.get(source) ?? { created: 0, createdValue: 0, won: 0, wonValue: 0, lost: 0 };
    if (isCreated) {
      s.created += 1;
      s.createdValue += units(o.monetaryValue);
    }
    if (isWon) {
      s.won += 1;
      s.wonValue += units(o.monetaryValue);
    }
    if (isLost) s.lost += 1;
    sources.set(source, s);
  }
  const bySource = [...sources]
    .map(([source, figures]) => ({ source, ...figures }))
    .sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''));
  return { byStatus, bySource };
}

function truthPayments(sim: Simulator, locationId: string, timeZone: string, period: Period) {
  const inPeriod = (iso: string) =>
    localDay(iso, timeZone) >= period.from && localDay(iso, timeZone) <= period.to;
  // currency → source → [count, gross, refunded]
  const sums = new Map<string, Map<string | null, [number, number, number]>>();
  for (const t of sim.world.transactions(locationId)) {
    if (!t.liveMode || !PAID.has(String(t.status)) || !inPeriod(t.createdAt)) continue;
    const currency = String(t.currency).trim().toUpperCase() || 'XXX';
    const source = String(t.entitySourceType ?? '').trim() || null;
    const bySource = sums.get(currency) ?? new Map<string | null, [number, number, number]>();
    const s = bySource.get(source) ?? [0, 0, 0];
    bySource.set(source, [s[0] + 1, s[1] + units(t.amount), s[2] + units(t.amountRefunded)]);
    sums.set(currency, bySource);
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, bySource]) => {
      const sources = [...bySource]
        .map(([source, [count, gross, refunded]]) => ({
          source,
          count,
          gross,
          refunded,
          net: gross - refunded,
        }))
        .sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''));
      const total = (key: 'count' | 'gross' | 'refunded' | 'net') =>
        sources.reduce((sum, s) => sum + s[key], 0);
      return {
        currency,
        count: total('count'),
        gross: total('gross'),
        refunded: total('refunded'),
        net: total('net'),
        sources,
      };
    });
}

const bySourceName = <T extends { source: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''));

describe('drill-down breakdowns after a sync equal the simulator ground truth', () => {
  describe('seed mode (every location readable)', () => {
    let h: SyncHarness;
    beforeAll(async () => {
      h = await createHarness({ mode: 'seed', seed: 3, locations: 8, sizes: SIZES });
      expect((await fullSync(h, 4)).status).toBe('ok');
    });
    afterAll(async () => h?.close());

    it('has what makes the comparison meaningful: several pipelines, sources and currencies', () => {
      const locations = h.sim.world.locations;
      expect(Math.max(...locations.map((l) => h.sim.world.pipelines(l.id).length))).toBe(3);
      const currencies = locations.map(
        (l) => new Set(h.sim.world.transactions(l.id).map((t) => String(t.currency))).size,
      );
      expect(Math.max(...currencies)).toBeGreaterThan(1);
      expect(locations.map((l) => l.timezone)).toEqual(
        expect.arrayContaining(['Pacific/Auckland']),
      );
    });

    for (const period of PERIODS) {
      it(`pipeline view: open per stage in stage order, won/lost per pipeline, ${period.from}..${period.to}`, async () => {
        const report = await getLocationsReport(h.db, period);
        let stagesWithOpen = 0;
        for (const location of h.sim.world.locations) {
          const view = await getPipelineView(h.db, { locationId: location.id, ...period });
          expect(view?.isAvailable, location.id).toBe(true);
          const actual = view!.pipelines.map((p) => ({
            ...p,
            openValue: units(p.openValue),
            wonValue: units(p.wonValue),
            stages: p.stages.map((s) => ({ ...s, openValue: units(s.openValue) })),
          }));
          expect(actual, `${location.timezone} ${location.id}`).toEqual(
            truthPipelines(h.sim, location.id, location.timezone, period),
          );
          stagesWithOpen += view!.pipelines
            .flatMap((p) => p.stages)
            .filter((s) => s.openCount > 0).length;
          // The pipelines add up to the report's columns for the location.
          const row = report.rows.find((r) => r.locationId === location.id)!;
          expect(view!.pipelines.reduce((n, p) => n + p.won, 0)).toBe(row.opportunitiesWon);
          expect(view!.pipelines.reduce((n, p) => n + p.lost, 0)).toBe(row.opportunitiesLost);
          expect(sumUnits(view!.pipelines, (p) => p.wonValue)).toBe(units(row.wonValue));
          expect(sumUnits(view!.pipelines, (p) => p.openValue)).toBe(units(row.openPipelineValue));
        }
        expect(stagesWithOpen).toBeGreaterThan(10);
      });

      it(`opportunities by status and by source, ${period.from}..${period.to}`, async () => {
        const report = await getLocationsReport(h.db, period);
        for (const location of h.sim.world.locations) {
          const result = await getOpportunitiesBreakdown(h.db, {
            locationId: location.id,
            ...period,
          });
          expect(result?.isAvailable).toBe(true);
          const truth = truthOpportunities(h.sim, location.id, location.timezone, period);
          const label = `${location.timezone} ${location.id}`;
          expect(
            result!.byStatus.map((s) => ({
              ...s,
              value: units(s.value),
              createdValue: units(s.createdValue),
            })),
            label,
          ).toEqual(truth.byStatus);
          expect(
            bySourceName(result!.bySource).map((s) => ({
              ...s,
              createdValue: units(s.createdValue),
              wonValue: units(s.wonValue),
            })),
            label,
          ).toEqual(truth.bySource);
          const row = report.rows.find((r) => r.locationId === location.id)!;
          const sum = (key: 'created' | 'won' | 'lost') =>
            result!.bySource.reduce((n, s) => n + s[key], 0);
          expect(sum('created')).toBe(row.opportunitiesCreated);
          expect(sum('won')).toBe(row.opportunitiesWon);
          expect(sum('lost')).toBe(row.opportunitiesLost);
          expect(result!.byStatus.reduce((n, s) => n + s.createdCount, 0)).toBe(
            row.opportunitiesCreated,
          );
        }
      });

      it(`payments by currency and source, net of refunds, ${period.from}..${period.to}`, async () => {
        const report = await getLocationsReport(h.db, period);
        let twoCurrencies = 0;
        for (const location of h.sim.world.locations) {
          const result = await getPaymentsBreakdown(h.db, { locationId: location.id, ...period });
          expect(result?.isAvailable).toBe(true);
          const actual = result!.currencies.map((c) => ({
            currency: c.currency,
            count: c.count,
            gross: units(c.gross),
            refunded: units(c.refunded),
            net: units(c.net),
            sources: bySourceName(c.sources).map((s) => ({
              source: s.source,
              count: s.count,
              gross: units(s.gross),
              refunded: units(s.refunded),
              net: units(s.net),
            })),
          }));
          expect(actual, `${location.timezone} ${location.id}`).toEqual(
            truthPayments(h.sim, location.id, location.timezone, period),
          );
          if (result!.currencies.length > 1) twoCurrencies += 1;
          // Each currency's totals are the report's row for that currency.
          for (const currency of result!.currencies) {
            const row = report.rows.find(
              (r) => r.locationId === location.id && r.currency === currency.currency,
            );
            expect([row?.paymentsCount, row?.paymentsNet]).toEqual([currency.count, currency.net]);
          }
        }
        if (period === PERIODS[1]) expect(twoCurrencies).toBeGreaterThan(0);
      });
    }

    it('refuses a bad period and answers null for an unknown location', async () => {
      const locationId = h.sim.world.locations[0]!.id;
      await expect(
        getPipelineView(h.db, { locationId, from: '2026-10-31', to: '2026-10-01' }),
      ).rejects.toThrow(/from/);
      expect(
        await getPaymentsBreakdown(h.db, {
          locationId: 'nope',
          from: '2026-10-01',
          to: '2026-10-31',
        }),
      ).toBeNull();
    });
  });

  describe('strict mode (locations without their own token cannot be read)', () => {
    let h: SyncHarness;
    let withToken: string[] = [];
    beforeAll(async () => {
      h = await createHarness({ mode: 'strict', seed: 3, locations: 3, sizes: SIZES });
      withToken = h.sim.world.locations.slice(0, 2).map((l) => l.id);
      await giveOwnTokens(h, withToken);
      expect((await fullSync(h)).status).toBe('partial');
    });
    afterAll(async () => h?.close());

    it('marks every breakdown unavailable (never zeros) where the data could not be read', async () => {
      const period = PERIODS[0]!;
      for (const location of h.sim.world.locations) {
        const params = { locationId: location.id, ...period };
        const [pipelines, opportunities, payments, detail] = await Promise.all([
          getPipelineView(h.db, params),
          getOpportunitiesBreakdown(h.db, params),
          getPaymentsBreakdown(h.db, params),
          getLocationDetail(h.db, { locationId: location.id }),
        ]);
        const isReadable = withToken.includes(location.id);
        expect(pipelines?.isAvailable, location.id).toBe(isReadable);
        expect(opportunities?.isAvailable).toBe(isReadable);
        expect(payments?.isAvailable).toBe(isReadable);
        // The header's availability is the same rule (one SQL implementation).
        expect(detail!.entities.map((e) => [e.entity, e.isAvailable])).toEqual([
          ['contacts', isReadable],
          ['opportunities', isReadable],
          ['transactions', isReadable],
          ['subscriptions', isReadable],
        ]);
        if (isReadable) {
          expect(pipelines!.pipelines).toEqual(
            truthPipelines(h.sim, location.id, location.timezone, period).map((p) => ({
              ...p,
              openValue: expect.any(String),
              wonValue: expect.any(String),
              stages: p.stages.map((s) => ({ ...s, openValue: expect.any(String) })),
            })),
          );
          continue;
        }
        expect(pipelines!.pipelines).toEqual([]);
        expect(opportunities!.byStatus).toEqual([]);
        expect(opportunities!.bySource).toEqual([]);
        expect(payments!.currencies).toEqual([]);
        expect(detail!.entities.every((e) => e.status !== 'ok')).toBe(true);
      }
    });
  });
});
