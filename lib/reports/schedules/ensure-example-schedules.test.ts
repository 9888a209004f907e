import { describe, expect, it } from 'vitest';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import {
  EXAMPLE_BURST,
  EXAMPLE_WEEKLY,
  ensureExampleSchedules,
} from '@/lib/reports/schedules/ensure-example-schedules';
import { useTestDatabase } from '@/tests/db';
import { seedLocation } from '@/tests/metrics/seed';

const t = useTestDatabase();

describe('the demo’s example schedules', () => {
  it('are created once, due now: a weekly roll-up and a burst to each location’s own address', async () => {
    for (const id of ['d1', 'd2', 'd3', 'd4']) await seedLocation(t.db, { id, name: `Demo ${id}` });
    const now = new Date('2026-11-29T10:00:00Z');
    expect((await ensureExampleSchedules(t.db, { now })).created).toHaveLength(2);
    expect((await ensureExampleSchedules(t.db, { now })).created).toHaveLength(0);
    const schedules = await t.db.reportSchedule.findMany({ orderBy: { name: 'asc' } });
    expect(schedules.map((s) => [s.name, s.nextSendAt.toISOString()])).toEqual([
      [EXAMPLE_BURST, now.toISOString()],
      [EXAMPLE_WEEKLY, now.toISOString()],
    ]);
    expect(
      (await t.db.scheduleRecipient.findMany({ orderBy: { locationId: 'asc' } })).map((r) => [
        r.locationId,
        r.recipients,
      ]),
    ).toEqual([
      ['d1', ['client1@demo.agency-pulse.test']],
      ['d2', ['client2@demo.agency-pulse.test']],
      ['d3', ['client3@demo.agency-pulse.test']],
    ]);
    // The next tick creates their deliveries: one roll-up, three burst emails.
    const due = await createDueDeliveries(t.db, {
      now: new Date(now.getTime() + 30_000),
      mailFrom: 'reports@demo.agency-pulse.test',
    });
    expect(due.created).toBe(4);
  });
});
