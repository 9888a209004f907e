import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncStatusLines } from '@/lib/metrics/format-sync-health';
import { getSyncHealth, nextIncrementalRun } from '@/lib/metrics/get-sync-health';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation } from '@/tests/metrics/seed';

let t: TestDatabase;
const NOW = new Date('2026-11-28T12:07:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  await seedLocation(db, { id: 'fresh', name: 'Fresh Dental', lastSyncedAt: minutesAgo(20) });
  await seedLocation(db, {
    id: 'stale',
    name: 'Stale Gym',
    lastSyncedAt: minutesAgo(31),
    access: { contacts: 'scope_missing', orders: 'scope_missing' },
  });
  await db.locationAccess.update({
    where: { locationId_entity: { locationId: 'stale', entity: 'contacts' } },
    data: {
      message: 'The token is not authorized for this scope.',
      traceId: 'trace-1',
      tokenKind: 'agency',
    },
  });
  // An interrupted run of one readable entity: it resumes with the next sync.
  await db.syncCheckpoint.update({
    where: { locationId_entity: { locationId: 'fresh', entity: 'opportunities' } },
    data: { runStartedAt: minutesAgo(40) },
  });
  await seedLocation(db, {
    id: 'never',
    name: 'Never Spa',
    lastSyncedAt: null,
    access: { transactions: 'never_synced' },
  });
  await db.locationAccess.delete({
    where: { locationId_entity: { locationId: 'never', entity: 'orders' } },
  });
  await seedLocation(db, {
    id: 'own',
    name: 'Own Token Clinic',
    lastSyncedAt: minutesAgo(5),
    access: { subscriptions: 'token_revoked' },
  });
  await db.locationToken.create({
    data: { locationId: 'own', ciphertext: 'v1.secret-ciphertext', fingerprint: 'abcdef012345' },
  });
  await seedLocation(db, {
    id: 'gone',
    name: 'Archived',
    archivedAt: minutesAgo(600),
    access: { contacts: 'forbidden' },
  });

  await db.syncRun.create({
    data: {
      mode: 'incremental',
      status: 'running',
      trigger: 'schedule',
      startedAt: minutesAgo(7),
      locationsTotal: 4,
      locationsDone: 1,
    },
  });
  await db.syncRun.create({
    data: {
      mode: 'full',
      status: 'partial',
      trigger: 'cli',
      startedAt: minutesAgo(600),
      finishedAt: minutesAgo(590),
      error: 'stale: scope_missing',
    },
  });
  const row = (
    locationId: string,
    status: number,
    hoursAgo: number,
    count: number,
    minRemaining: number | null,
  ) => ({
    tokenFingerprint: 'agency',
    locationId,
    endpoint: `/contacts/search#${status}`,
    status,
    hour: new Date(Math.floor(NOW.getTime() / 3_600_000) * 3_600_000 - hoursAgo * 3_600_000),
    count,
    minRemaining,
  });
  await db.apiCallLog.createMany({
    data: [
      row('fresh', 200, 0, 40, 60),
      row('fresh', 429, 1, 2, 0),
      row('fresh', 200, 23, 8, 90),
      row('fresh', 200, 30, 1000, 5), // older than 24 h
      row('stale', 200, 2, 3, null),
    ],
  });
});
afterAll(async () => {
  await t?.drop();
});

const health = (locationIds?: string[]) =>
  getSyncHealth(t.db, { locationIds, now: NOW, incrementalEveryMinutes: 15 });

describe('getSyncHealth', () => {
  it('lists only the given active locations, problems first', async () => {
    const all = await health();
    expect(all.locations.map((l) => l.locationId)).toEqual(['own', 'stale', 'fresh', 'never']);
    expect((await health(['fresh', 'gone', 'nope'])).locations.map((l) => l.locationId)).toEqual([
      'fresh',
    ]);
    expect((await health([])).locations).toEqual([]);
  });

  it('tells fresh (within 2× the interval) from stale and never', async () => {
    const byId = Object.fromEntries((await health()).locations.map((l) => [l.locationId, l]));
    expect(byId.fresh?.freshness).toBe('fresh');
    expect(byId.stale?.freshness).toBe('stale');
    expect(byId.never?.freshness).toBe('never');
    expect(byId.never?.lastSyncedAt).toBeNull();
    expect(byId.fresh?.lastSyncedAt).toBe(minutesAgo(20).toISOString());
  });

  it("lists problems with GHL's words and the CLI's fix, per entity", async () => {
    const stale = (await health(['stale'])).locations[0]!;
    expect(stale.hasProblems).toBe(true);
    expect(stale.tokenKind).toBe('agency');
    expect(stale.entities.map((e) => e.entity)).toEqual([
      'contacts',
      'opportunities',
      'pipelines',
      'transactions',
      'orders',
      'subscriptions',
    ]);
    const contacts = stale.entities[0]!;
    expect(contacts).toMatchObject({
      status: 'scope_missing',
      message: 'The token is not authorized for this scope.',
      traceId: 'trace-1',
    });
    expect(contacts.fix).toContain(
      'Create a Private Integration in this sub-account with scopes contacts.readonly',
    );
    expect(contacts.fix).toContain('npm run cli -- location-token set stale');
    expect(stale.entities.find((e) => e.entity === 'orders')?.status).toBe('scope_missing');
    expect(stale.entities.find((e) => e.entity === 'opportunities')).toMatchObject({
      status: 'ok',
      fix: null,
    });

    const own = (await health(['own'])).locations[0]!;
    expect(own.tokenKind).toBe('location');
    expect(own.entities.find((e) => e.entity === 'subscriptions')?.fix).toContain(
      'revoked or rotated',
    );
    expect(JSON.stringify(own)).not.toContain('secret-ciphertext');

    const never = (await health(['never'])).locations[0]!;
    expect(never.hasProblems).toBe(false);
    expect(never.entities.find((e) => e.entity === 'transactions')?.status).toBe('pending');
    expect(never.entities.find((e) => e.entity === 'orders')?.status).toBe('never');
  });

  it('counts the last 24 hours of GHL requests, 429s and the least headroom seen', async () => {
    const byId = Object.fromEntries(
      (await health()).locations.map((l) => [l.locationId, l.apiUsage]),
    );
    expect(byId.fresh).toEqual({
      requests: 50,
      rateLimited: 2,
      minRemaining: 0,
      minDailyRemaining: null,
    });
    expect(byId.stale).toEqual({
      requests: 3,
      rateLimited: 0,
      minRemaining: null,
      minDailyRemaining: null,
    });
    expect(byId.never).toEqual({
      requests: 0,
      rateLimited: 0,
      minRemaining: null,
      minDailyRemaining: null,
    });
  });

  it('shows the last run without its error lines, and the next scheduled tick', async () => {
    const result = await getSyncHealth(t.db, { now: NOW, incrementalEveryMinutes: 15 });
    expect(result.lastRun).toEqual({
      mode: 'incremental',
      status: 'running',
      trigger: 'schedule',
      startedAt: minutesAgo(7).toISOString(),
      finishedAt: null,
      locationsTotal: 4,
      locationsDone: 1,
    });
    expect(result.nextScheduledRunAt).toBe('2026-11-28T12:15:00.000Z');
  });

  it("gives a restricted view the run's counts over its own locations only, never the agency's", async () => {
    // fresh last synced 20 min ago, before the run began 7 min ago; own 5 min ago, during it.
    expect((await health(['fresh'])).lastRun).toMatchObject({
      locationsTotal: 1,
      locationsDone: 0,
    });
    expect((await health(['own'])).lastRun).toMatchObject({ locationsTotal: 1, locationsDone: 1 });
    expect((await health(['fresh', 'own', 'gone'])).lastRun).toMatchObject({
      locationsTotal: 2,
      locationsDone: 1,
    });
    expect((await health([])).lastRun).toMatchObject({ locationsTotal: 0, locationsDone: 0 });
  });

  it('computes the worker schedule ticks', () => {
    expect(nextIncrementalRun(new Date('2026-11-28T12:15:00Z'), 15)?.toISOString()).toBe(
      '2026-11-28T12:30:00.000Z',
    );
    expect(nextIncrementalRun(new Date('2026-11-28T23:59:00Z'), 120)?.toISOString()).toBe(
      '2026-11-29T00:00:00.000Z',
    );
    expect(nextIncrementalRun(new Date('2026-11-28T12:00:00Z'), 7)).toBeNull();
  });

  it('gives the CLI the same rows with archived locations last, and its text in the same words', async () => {
    const result = await getSyncHealth(t.db, {
      now: NOW,
      incrementalEveryMinutes: 15,
      includeArchived: true,
    });
    expect(result.locations.map((l) => [l.locationId, l.archivedAt !== null])).toEqual([
      ['own', false],
      ['stale', false],
      ['fresh', false],
      ['never', false],
      ['gone', true],
    ]);
    const fresh = result.locations.find((l) => l.locationId === 'fresh')!;
    expect(fresh.entities.filter((e) => e.isUnfinished).map((e) => e.entity)).toEqual([
      'opportunities',
    ]);
    const lines = syncStatusLines(result);
    expect(lines.slice(0, 2)).toEqual([
      'Last sync run: incremental (schedule), running, started 7 min ago, still running; 1/4 locations.',
      '4 active location(s): 2 with access problems, 2 stale or never synced.',
    ]);
    expect(lines).toContain(
      'fresh  "Fresh Dental"  last complete sync 2026-11-28 11:47 UTC (20 min ago, fresh); agency token',
    );
    expect(lines).toContain(
      '    unfinished (running now, or interrupted and resumed by the next sync): opportunities',
    );
    expect(lines).toContain('never  "Never Spa"  never synced completely; agency token');
    expect(lines).toContain('    not synced yet: transactions, orders');
    const stale = lines.indexOf(
      '    contacts: scope_missing — GHL said: "The token is not authorized for this scope." (agency token, traceId trace-1, 2030-01-01 00:00 UTC)',
    );
    expect(stale).toBeGreaterThan(0);
    expect(lines[stale + 1]).toMatch(/^ {6}fix: Create a Private Integration in this sub-account/);
    expect(lines.some((l) => l.startsWith('[archived] gone  "Archived"'))).toBe(true);
  });
});
