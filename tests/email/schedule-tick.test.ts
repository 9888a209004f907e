import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { sendDelivery } from '@/lib/reports/delivery/send-delivery';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import type { ScheduleInput } from '@/lib/reports/schedules/schedule-schema';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { MAIL_FROM, mailSettings } from '@/tests/email/helpers';
import { seedLocation } from '@/tests/metrics/seed';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';

let t: TestDatabase;
let smtp: SmtpCatcher;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha', timezone: 'Europe/London' });
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await smtp?.stop();
  await t?.drop();
});

const base: ScheduleInput = {
  name: 'Daily',
  report: 'agency',
  coverage: 'all',
  period: 'yesterday',
  comparison: 'none',
  cadence: 'daily',
  sendTime: '08:00',
  timezone: 'Europe/London',
  recipients: ['owner@agency.test'],
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Creates a schedule at `from` and ticks like the worker (every `stepMinutes`) until `to`;
 * returns its deliveries' due instants and periods, then pauses it (so later cases see only theirs).
 */
async function tickThrough(
  over: Partial<ScheduleInput>,
  from: string,
  to: string,
  stepMinutes = 5,
): Promise<{ due: string; period: string }[]> {
  const scheduleId = await createSchedule(t.db, { ...base, ...over }, new Date(from));
  for (let at = Date.parse(from); at <= Date.parse(to); at += stepMinutes * 60_000)
    await createDueDeliveries(t.db, { now: new Date(at), mailFrom: MAIL_FROM });
  await t.db.reportSchedule.update({ where: { id: scheduleId }, data: { isPaused: true } });
  const rows = await t.db.reportDelivery.findMany({
    where: { scheduleId },
    orderBy: { dueAt: 'asc' },
  });
  return rows.map((r) => ({
    due: r.dueAt.toISOString(),
    period:
      r.periodFrom.getTime() === r.periodTo.getTime()
        ? day(r.periodFrom)
        : `${day(r.periodFrom)}..${day(r.periodTo)}`,
  }));
}

describe('the tick across DST', () => {
  it('08:00 Europe/London fires at 08:00 local on both sides of each change, reporting the local yesterday', async () => {
    expect(await tickThrough({}, '2026-03-27T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      { due: '2026-03-28T08:00:00.000Z', period: '2026-03-27' },
      { due: '2026-03-29T07:00:00.000Z', period: '2026-03-28' },
      { due: '2026-03-30T07:00:00.000Z', period: '2026-03-29' },
    ]);
    expect(await tickThrough({}, '2026-10-23T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      { due: '2026-10-24T07:00:00.000Z', period: '2026-10-23' },
      { due: '2026-10-25T08:00:00.000Z', period: '2026-10-24' },
      { due: '2026-10-26T08:00:00.000Z', period: '2026-10-25' },
    ]);
  });

  it('08:00 America/New_York fires at 08:00 local on both sides of each change', async () => {
    const ny = { timezone: 'America/New_York' };
    expect(await tickThrough(ny, '2026-03-06T18:00:00Z', '2026-03-08T18:00:00Z')).toEqual([
      { due: '2026-03-07T13:00:00.000Z', period: '2026-03-06' },
      { due: '2026-03-08T12:00:00.000Z', period: '2026-03-07' },
    ]);
    expect(await tickThrough(ny, '2026-10-30T18:00:00Z', '2026-11-01T18:00:00Z')).toEqual([
      { due: '2026-10-31T12:00:00.000Z', period: '2026-10-30' },
      { due: '2026-11-01T13:00:00.000Z', period: '2026-10-31' },
    ]);
  });

  it('a skipped time fires once at the next valid minute; a repeated time fires once', async () => {
    // London 01:30: skipped on Mar 29 (01:00 → 02:00), twice on Oct 25 (02:00 → 01:00).
    expect(
      await tickThrough({ sendTime: '01:30' }, '2026-03-28T02:00:00Z', '2026-03-30T02:00:00Z', 1),
    ).toEqual([
      { due: '2026-03-29T01:00:00.000Z', period: '2026-03-28' },
      { due: '2026-03-30T00:30:00.000Z', period: '2026-03-29' },
    ]);
    expect(
      await tickThrough({ sendTime: '01:30' }, '2026-10-24T02:00:00Z', '2026-10-26T02:00:00Z', 1),
    ).toEqual([
      { due: '2026-10-25T00:30:00.000Z', period: '2026-10-24' },
      { due: '2026-10-26T01:30:00.000Z', period: '2026-10-25' },
    ]);
    // New York 02:30 on Mar 8 (skipped) and 01:30 on Nov 1 (repeated).
    const ny = { timezone: 'America/New_York' };
    expect(
      await tickThrough(
        { ...ny, sendTime: '02:30' },
        '2026-03-07T12:00:00Z',
        '2026-03-08T12:00:00Z',
        1,
      ),
    ).toEqual([{ due: '2026-03-08T07:00:00.000Z', period: '2026-03-07' }]);
    expect(
      await tickThrough(
        { ...ny, sendTime: '01:30' },
        '2026-10-31T12:00:00Z',
        '2026-11-01T12:00:00Z',
        1,
      ),
    ).toEqual([{ due: '2026-11-01T05:30:00.000Z', period: '2026-10-31' }]);
  });
});

describe('after downtime', () => {
  // Created Nov 20; the first tick runs Nov 30 08:00:30 UTC — nine sends were missed.
  const options = { timezone: 'UTC' };
  const run = async (over: Partial<ScheduleInput>) => {
    const scheduleId = await createSchedule(
      t.db,
      { ...base, ...options, ...over },
      new Date('2026-11-20T12:00:00Z'),
    );
    const result = await createDueDeliveries(t.db, {
      now: new Date('2026-11-30T08:00:30Z'),
      mailFrom: MAIL_FROM,
    });
    const rows = await t.db.reportDelivery.findMany({
      where: { scheduleId },
      orderBy: { dueAt: 'asc' },
    });
    const schedule = await t.db.reportSchedule.findUniqueOrThrow({ where: { id: scheduleId } });
    await t.db.reportSchedule.update({ where: { id: scheduleId }, data: { isPaused: true } });
    return { result, periods: rows.map((r) => day(r.periodFrom)), next: schedule.nextSendAt };
  };

  it('catches up the latest missed periods once each, within its bound', async () => {
    const { periods, next, result } = await run({ missedSends: 'catch-up', catchUpLimit: 3 });
    expect(periods).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    expect(result.skipped).toBe(7);
    expect(next.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('or skips them and sends only the one that is due now', async () => {
    const { periods, next } = await run({ missedSends: 'skip' });
    expect(periods).toEqual(['2026-11-29']);
    expect(next.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('makes one email per period even when several sends share it', async () => {
    // Daily sends reporting "last week": Mon … Sun all report the same week.
    const { periods } = await run({ period: 'last-week', catchUpLimit: 7 });
    expect(periods).toEqual(['2026-11-16', '2026-11-23']);
  });
});

describe('the freshness gate', () => {
  const DUE = new Date('2026-11-30T08:00:00Z');
  const stale = new Date(DUE.getTime() - 30 * 3_600_000); // older than the 26-hour default

  async function staleDelivery(over: Partial<ScheduleInput>, locationId: string) {
    await seedLocation(t.db, { id: locationId, name: `Stale ${locationId}`, lastSyncedAt: stale });
    const scheduleId = await createSchedule(
      t.db,
      { ...base, coverage: 'selected', locationIds: [locationId], ...over },
      new Date('2026-11-29T12:00:00Z'),
    );
    await createDueDeliveries(t.db, { now: new Date('2026-11-30T08:00:30Z'), mailFrom: MAIL_FROM });
    const [delivery] = await t.db.reportDelivery.findMany({ where: { scheduleId } });
    return delivery!.id;
  }
  const send = (id: string, at: Date) =>
    sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: () => at });
  const mailsTo = (name: string) => smtp.messages.filter((m) => m.parsed.subject?.startsWith(name));

  it('hold: waits for fresh data, rechecking, and then sends without a warning', async () => {
    const id = await staleDelivery(
      { name: 'Hold fresh', freshnessMode: 'hold', freshnessHoldHours: 6 },
      'loc_h1',
    );
    const first = await send(id, new Date('2026-11-30T08:00:30Z'));
    expect(first).toEqual({ status: 'held', until: new Date('2026-11-30T08:15:30Z') });
    const held = await t.db.reportDelivery.findUniqueOrThrow({ where: { id } });
    expect(held).toMatchObject({ status: 'held', attempts: 0, subject: null });
    expect(held.warning).toMatch(
      /^Held until the data is fresh \(at the latest 2026-11-30T14:00:00.000Z\)/,
    );
    expect((await send(id, new Date('2026-11-30T08:10:00Z'))).status).toBe('skipped'); // not yet
    expect((await send(id, new Date('2026-11-30T08:15:30Z'))).status).toBe('held');
    expect(mailsTo('Hold fresh')).toHaveLength(0);
    // The sync catches up.
    await t.db.location.update({
      where: { id: 'loc_h1' },
      data: { lastSyncedAt: new Date('2026-11-30T08:20:00Z') },
    });
    expect((await send(id, new Date('2026-11-30T08:30:30Z'))).status).toBe('sent');
    const [mail] = mailsTo('Hold fresh');
    expect(mail?.parsed.text).not.toContain('WARNING');
    expect(mail?.parsed.subject).not.toContain('out of date');
    expect(await t.db.reportDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'sent',
      warning: null,
    });
  });

  it('hold: past its deadline, sends with a visible warning', async () => {
    const id = await staleDelivery(
      { name: 'Hold deadline', freshnessMode: 'hold', freshnessHoldHours: 6 },
      'loc_h2',
    );
    expect((await send(id, new Date('2026-11-30T08:00:30Z'))).status).toBe('held');
    // Rechecked until 14:00 (the deadline), then sent anyway.
    expect((await send(id, new Date('2026-11-30T13:59:00Z'))).status).toBe('held');
    expect((await t.db.reportDelivery.findUniqueOrThrow({ where: { id } })).nextAttemptAt).toEqual(
      new Date('2026-11-30T14:00:00Z'),
    );
    expect((await send(id, new Date('2026-11-30T14:00:00Z'))).status).toBe('sent');
    const [mail] = mailsTo('Hold deadline');
    expect(mail?.parsed.subject).toMatch(/\(data may be out of date\)$/);
    expect(mail?.parsed.text).toContain(
      'WARNING: The data of 1 location is older than 26 hours, so these numbers may be out of date: Stale loc_h2 (data as of 2026-11-29 02:00 UTC).',
    );
    expect(String(mail?.parsed.html)).toContain('background:#fff4e5');
  });

  it('warn: sends straight away with the warning', async () => {
    const id = await staleDelivery({ name: 'Warn now', freshnessMode: 'warn' }, 'loc_w');
    expect((await send(id, new Date('2026-11-30T08:00:30Z'))).status).toBe('sent');
    const [mail] = mailsTo('Warn now');
    expect(mail?.parsed.text).toContain('WARNING: The data of 1 location is older than 26 hours');
    const row = await t.db.reportDelivery.findUniqueOrThrow({ where: { id } });
    expect(row.warning).toMatch(/^The data of 1 location is older than 26 hours/);
  });
});
