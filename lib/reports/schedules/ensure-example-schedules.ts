import 'server-only';

import type { Db } from '@/lib/db/client';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';

export const EXAMPLE_WEEKLY = 'Example: weekly roll-up';
export const EXAMPLE_BURST = 'Example: burst, one email per location';

/**
 * The demo's two example schedules, created once (by name): a weekly agency roll-up and a daily
 * burst over the first three locations, each location to its own address. Both are made due at
 * `now`, so the worker's next tick sends them and the delivery log shows them at once.
 */
export async function ensureExampleSchedules(
  db: Db,
  options: { now?: Date; domain?: string } = {},
): Promise<{ created: string[] }> {
  const now = options.now ?? new Date();
  const domain = options.domain ?? 'demo.agency-pulse.test';
  const existing = new Set(
    (
      await db.reportSchedule.findMany({
        where: { name: { in: [EXAMPLE_WEEKLY, EXAMPLE_BURST] } },
        select: { name: true },
      })
    ).map((s) => s.name),
  );
  const created: string[] = [];
  if (!existing.has(EXAMPLE_WEEKLY)) {
    created.push(
      await createSchedule(
        db,
        {
          name: EXAMPLE_WEEKLY,
          report: 'agency',
          coverage: 'all',
          period: 'last-week',
          comparison: 'previous-period',
          cadence: 'weekly',
          weekday: 1,
          sendTime: '08:00',
          timezone: 'Europe/London',
          recipients: [`owner@${domain}`],
          topN: 10,
          topBy: 'paymentsNet',
        },
        now,
      ),
    );
  }
  const locations = await db.location.findMany({
    where: { archivedAt: null },
    select: { id: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 3,
  });
  if (!existing.has(EXAMPLE_BURST) && locations.length > 0) {
    created.push(
      await createSchedule(
        db,
        {
          name: EXAMPLE_BURST,
          report: 'location',
          coverage: 'burst',
          locationIds: locations.map((l) => l.id),
          locationRecipients: Object.fromEntries(
            locations.map((l, i) => [l.id, [`client${i + 1}@${domain}`]]),
          ),
          period: 'last-7-days',
          comparison: 'previous-period',
          cadence: 'daily',
          sendTime: '08:00',
          timezone: 'America/New_York',
        },
        now,
      ),
    );
  }
  if (created.length > 0)
    await db.reportSchedule.updateMany({
      where: { id: { in: created } },
      data: { nextSendAt: now },
    });
  return { created };
}
