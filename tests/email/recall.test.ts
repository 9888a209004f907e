import { describe, expect, it } from 'vitest';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { createTestDelivery } from '@/lib/reports/delivery/create-test-delivery';
import { readyDeliveryIds } from '@/lib/reports/delivery/ready-delivery-ids';
import { sendDelivery } from '@/lib/reports/delivery/send-delivery';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { deleteSchedule } from '@/lib/reports/schedules/delete-schedule';
import type { ScheduleInput } from '@/lib/reports/schedules/schedule-schema';
import { RECALLED_MESSAGE, setSchedulePaused } from '@/lib/reports/schedules/set-schedule-paused';
import { useAgencyWithSmtp } from '@/tests/email/agency-with-smtp';
import { MAIL_FROM, mailSettings } from '@/tests/email/helpers';

// Pausing a schedule recalls what no worker has claimed yet; deleting it removes its deliveries.
// Against a real PostgreSQL and a real SMTP server: "recalled" means no email arrives.

const t = useAgencyWithSmtp();

const CREATED = new Date('2026-11-29T12:00:00Z');
const TICK = new Date('2026-11-30T08:00:30Z');
const burst = (name: string): ScheduleInput => ({
  name,
  report: 'location',
  coverage: 'burst',
  locationIds: ['loc_lon', 'loc_nyc', 'loc_blind'],
  locationRecipients: {
    loc_lon: ['lon@clients.test'],
    loc_nyc: ['nyc@clients.test'],
    loc_blind: ['blind@clients.test'],
  },
  period: 'yesterday',
  comparison: 'none',
  cadence: 'daily',
  sendTime: '08:00',
  timezone: 'Europe/London',
  freshnessMode: 'warn',
});
const send = (id: string) =>
  sendDelivery(t.db, id, { settings: mailSettings(t.smtp.port), now: () => TICK });
const mailsFor = (name: string) =>
  t.smtp.messages.filter((m) => m.parsed.subject?.startsWith(`${name}:`));

async function burstDeliveries(name: string) {
  const scheduleId = await createSchedule(t.db, burst(name), CREATED);
  await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM });
  const rows = await t.db.reportDelivery.findMany({
    where: { scheduleId },
    orderBy: { locationKey: 'asc' },
  });
  expect(rows.map((r) => r.locationKey)).toEqual(['loc_blind', 'loc_lon', 'loc_nyc']);
  expect(rows.every((r) => r.status === 'queued')).toBe(true);
  return { scheduleId, ids: rows.map((r) => r.id) };
}

describe('pausing a schedule', () => {
  it('recalls its queued and held deliveries: cancelled, never sent, even after resuming', async () => {
    const { scheduleId, ids } = await burstDeliveries('Recall');
    const [sentId, heldId, queuedId] = ids as [string, string, string];
    // One goes out before the pause; one waits for fresh data (held); one is still queued.
    expect((await send(sentId)).status).toBe('sent');
    await t.db.reportDelivery.update({ where: { id: heldId }, data: { status: 'held' } });

    const pausedAt = new Date('2026-11-30T08:01:00Z');
    expect(await setSchedulePaused(t.db, scheduleId, true, pausedAt)).toEqual({ recalled: 2 });

    const after = await t.db.reportDelivery.findMany({
      where: { scheduleId },
      orderBy: { locationKey: 'asc' },
    });
    expect(after.map((r) => [r.id, r.status, r.lastError])).toEqual([
      [sentId, 'sent', null],
      [heldId, 'cancelled', RECALLED_MESSAGE],
      [queuedId, 'cancelled', RECALLED_MESSAGE],
    ]);
    expect(await readyDeliveryIds(t.db, new Date('2026-12-31T00:00:00Z'))).not.toContain(queuedId);
    // A worker that still had the job: its claim finds nothing to send.
    expect(await send(queuedId)).toEqual({
      status: 'skipped',
      reason: 'the delivery is cancelled',
    });
    expect(await send(heldId)).toEqual({ status: 'skipped', reason: 'the delivery is cancelled' });

    // Resuming does not bring them back.
    expect(
      await setSchedulePaused(t.db, scheduleId, false, new Date('2026-11-30T09:00:00Z')),
    ).toEqual({ recalled: 0 });
    await createDueDeliveries(t.db, { now: new Date('2026-11-30T09:00:30Z'), mailFrom: MAIL_FROM });
    expect(
      (await t.db.reportDelivery.findMany({ where: { scheduleId } })).map((r) => r.status).sort(),
    ).toEqual(['cancelled', 'cancelled', 'sent']);
    expect(mailsFor('Recall').map((m) => m.envelopeTo)).toEqual([['blind@clients.test']]);
  });

  it('leaves a delivery already being sent, and a test send, alone', async () => {
    const { scheduleId, ids } = await burstDeliveries('Claimed');
    const [claimedId] = ids as [string, string, string];
    await t.db.reportDelivery.update({
      where: { id: claimedId },
      data: {
        status: 'sending',
        phase: 'claimed',
        leaseExpiresAt: new Date('2026-11-30T08:06:00Z'),
      },
    });
    const testId = await createTestDelivery(t.db, {
      scheduleId,
      to: 'admin@agency.test',
      mailFrom: MAIL_FROM,
    });
    expect(await setSchedulePaused(t.db, scheduleId, true, TICK)).toEqual({ recalled: 2 });
    expect((await t.db.reportDelivery.findUniqueOrThrow({ where: { id: claimedId } })).status).toBe(
      'sending',
    );
    expect((await t.db.reportDelivery.findUniqueOrThrow({ where: { id: testId } })).status).toBe(
      'queued',
    );
  });

  it('and a worker claiming at the same moment: exactly one of them wins each delivery', async () => {
    const { scheduleId, ids } = await burstDeliveries('Race');
    const [outcomes, recall] = await Promise.all([
      Promise.all(ids.map((id) => send(id))),
      setSchedulePaused(t.db, scheduleId, true, TICK),
    ]);
    const rows = await t.db.reportDelivery.findMany({ where: { scheduleId } });
    const sent = outcomes.filter((o) => o.status === 'sent').length;
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(sent);
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(recall.recalled);
    expect(sent + recall.recalled).toBe(3);
    expect(mailsFor('Race')).toHaveLength(sent);
  });
});

describe('deleting a schedule', () => {
  it('removes its queued deliveries with it: none is sent', async () => {
    const { scheduleId, ids } = await burstDeliveries('Deleted');
    await deleteSchedule(t.db, scheduleId);
    expect(await t.db.reportDelivery.count({ where: { id: { in: ids } } })).toBe(0);
    for (const id of ids)
      expect(await send(id)).toEqual({ status: 'skipped', reason: 'no such delivery' });
    expect(mailsFor('Deleted')).toHaveLength(0);
  });
});
