import { expect } from 'vitest';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { locationsReportColumn } from '@/lib/metrics/locations-report-columns';
import type { Simulator } from '@/sim/server';
import { localDay } from '@/tests/local-day';

// What the export must say, computed from the simulator's own records with Intl (not PostgreSQL)
// turning instants into each location's local calendar day. Shared by the ground-truth tests.

const PAID = new Set(['succeeded', 'refunded', 'partially_refunded']);

export type Truth = {
  newContacts: number;
  totalContacts: number;
  opportunitiesCreated: number;
  won: number;
  lost: number;
  wonValue: number;
  openPipelineValue: number;
  activeSubscriptions: number;
  /** currency → [count, gross, refunded] in 1/10,000 units */
  payments: Map<string, [number, number, number]>;
};

/** A column's CSV header (the registry's), to name what differs. */
const header = (key: Parameters<typeof locationsReportColumn>[0]) =>
  locationsReportColumn(key).header;
const units = (value: number | string) => Math.round(Number(value) * 10_000);

export function truthFor(
  sim: Simulator,
  locationId: string,
  timeZone: string,
  from: string,
  to: string,
): Truth {
  const inPeriod = (iso: string | null | undefined) => {
    if (!iso) return false;
    const day = localDay(iso, timeZone);
    return day >= from && day <= to;
  };
  const contacts = sim.world.contacts(locationId);
  const opportunities = sim.world.opportunities(locationId);
  const won = opportunities.filter((o) => o.status === 'won' && inPeriod(o.lastStatusChangeAt));
  const payments = new Map<string, [number, number, number]>();
  for (const t of sim.world.transactions(locationId)) {
    if (!t.liveMode || !PAID.has(String(t.status)) || !inPeriod(t.createdAt)) continue;
    const currency = String(t.currency).toUpperCase();
    const sums = payments.get(currency) ?? [0, 0, 0];
    payments.set(currency, [
      sums[0] + 1,
      sums[1] + units(t.amount),
      sums[2] + units(t.amountRefunded ?? 0),
    ]);
  }
  return {
    newContacts: contacts.filter((c) => inPeriod(c.dateAdded)).length,
    totalContacts: contacts.filter((c) => localDay(c.dateAdded, timeZone) <= to).length,
    opportunitiesCreated: opportunities.filter((o) => inPeriod(o.createdAt)).length,
    won: won.length,
    lost: opportunities.filter((o) => o.status === 'lost' && inPeriod(o.lastStatusChangeAt)).length,
    wonValue: won.reduce((sum, o) => sum + units(o.monetaryValue), 0),
    openPipelineValue: opportunities
      .filter((o) => o.status === 'open')
      .reduce((sum, o) => sum + units(o.monetaryValue), 0),
    activeSubscriptions: sim.world
      .subscriptions(locationId)
      .filter((s) => s.liveMode && String(s.status) === 'active').length,
    payments,
  };
}

export function expectRowsMatchTruth(rows: LocationsReportRow[], truth: Truth, label: string) {
  const first = rows[0];
  if (!first) throw new Error(`${label}: no rows`);
  for (const row of rows) {
    expect(row.newContacts, `${label} ${header('newContacts')}`).toBe(truth.newContacts);
    expect(row.totalContacts, `${label} ${header('totalContacts')}`).toBe(truth.totalContacts);
    expect(row.opportunitiesCreated, `${label} ${header('opportunitiesCreated')}`).toBe(
      truth.opportunitiesCreated,
    );
    expect(row.opportunitiesWon, `${label} ${header('opportunitiesWon')}`).toBe(truth.won);
    expect(row.opportunitiesLost, `${label} ${header('opportunitiesLost')}`).toBe(truth.lost);
    expect(units(row.wonValue ?? 'NaN'), `${label} ${header('wonValue')}`).toBe(truth.wonValue);
    expect(units(row.openPipelineValue ?? 'NaN'), `${label} ${header('openPipelineValue')}`).toBe(
      truth.openPipelineValue,
    );
    const decided = truth.won + truth.lost;
    expect(row.winRate, `${label} ${header('winRate')}`).toBe(
      decided === 0 ? null : (truth.won / decided).toFixed(4),
    );
    expect(row.activeSubscriptions, `${label} ${header('activeSubscriptions')}`).toBe(
      truth.activeSubscriptions,
    );
  }
  if (truth.payments.size === 0) {
    expect(
      rows.map((r) => [r.currency, r.paymentsCount, r.paymentsGross]),
      label,
    ).toEqual([['', 0, '0.00']]);
    return;
  }
  const actual = rows.map((r) => [
    r.currency,
    r.paymentsCount,
    units(r.paymentsGross ?? 'NaN'),
    units(r.paymentsRefunded ?? 'NaN'),
    units(r.paymentsNet ?? 'NaN'),
  ]);
  const expected = [...truth.payments]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, [count, gross, refunded]]) => [
      currency,
      count,
      gross,
      refunded,
      gross - refunded,
    ]);
  expect(actual, `${label} payments per currency`).toEqual(expected);
}
