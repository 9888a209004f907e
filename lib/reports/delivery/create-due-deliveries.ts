import 'server-only';

import type { Db } from '@/lib/db/client';
import { deliveryMessageId } from '@/lib/reports/delivery/delivery-message-id';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import { readReportSchedule, type ReportSchedule } from '@/lib/reports/schedules/report-schedule';
import { reportPeriodAt } from '@/lib/reports/schedules/report-period';

/** Interactive transactions here write one row per burst location. */
export const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 120_000 };

/** A send more than this late counts as missed (the worker was down): caught up or skipped. */
export const MISSED_AFTER_MS = 60 * 60_000;
/** The most sends one tick walks through for one schedule (a long outage of a daily schedule). */
const MAX_SENDS_PER_TICK = 1000;

export type DueDeliveriesResult = { schedules: number; created: number; skipped: number };

/** The sends of a schedule due by `now`, from its cursor, and the cursor after them. */
function dueSends(schedule: ReportSchedule, now: Date): { sends: Date[]; cursor: Date } {
  const sends: Date[] = [];
  let cursor = schedule.nextSendAt;
  while (cursor.getTime() <= now.getTime() && sends.length < MAX_SENDS_PER_TICK) {
    sends.push(cursor);
    cursor = nextSendAt(schedule.sendRule, cursor);
  }
  return { sends, cursor };
}

/** Which due sends become deliveries: on time always; missed ones per the schedule's choice. */
function sendsToCreate(schedule: ReportSchedule, sends: Date[], now: Date): Date[] {
  const onTime = sends.filter((s) => now.getTime() - s.getTime() <= MISSED_AFTER_MS);
  const missed = sends.filter((s) => now.getTime() - s.getTime() > MISSED_AFTER_MS);
  if (schedule.missedSends === 'skip') return onTime;
  const caughtUp = Math.max(0, schedule.catchUpLimit - onTime.length);
  return [...missed.slice(missed.length - Math.min(caughtUp, missed.length)), ...onTime];
}

/**
 * Creates the deliveries of every active schedule whose next send is due, and moves its cursor
 * past them — in one transaction per schedule, the schedule row locked (SKIP LOCKED: two workers
 * ticking at once share the work). Each send's period is read in the schedule's zone at the
 * moment it was due. Rows are inserted with ON CONFLICT DO NOTHING on (schedule, period,
 * location), so running this again — or a send whose period another send already covered —
 * never makes a second email. A burst makes one delivery per location.
 */
export async function createDueDeliveries(
  db: Db,
  options: { now?: Date; mailFrom: string },
): Promise<DueDeliveriesResult> {
  const now = options.now ?? new Date();
  const due = await db.reportSchedule.findMany({
    where: { isPaused: false, nextSendAt: { lte: now } },
    select: { id: true },
    orderBy: { nextSendAt: 'asc' },
  });
  const result: DueDeliveriesResult = { schedules: 0, created: 0, skipped: 0 };
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM report_schedules
        WHERE id = ${id}::uuid AND NOT is_paused AND next_send_at <= ${now}
        FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return;
      const row = await tx.reportSchedule.findUniqueOrThrow({ where: { id } });
      const schedule = readReportSchedule(row);
      const { sends, cursor } = dueSends(schedule, now);
      const chosen = sendsToCreate(schedule, sends, now);
      const locationKeys = schedule.coverage === 'burst' ? schedule.locationIds : [''];
      const data = chosen.flatMap((dueAt) => {
        const period = reportPeriodAt(schedule.periodRule, dueAt, schedule.timezone);
        return locationKeys.map((locationKey) => ({
          scheduleId: id,
          periodFrom: new Date(`${period.from}T00:00:00Z`),
          periodTo: new Date(`${period.to}T00:00:00Z`),
          locationKey,
          status: 'queued',
          dueAt,
          nextAttemptAt: dueAt,
          messageId: deliveryMessageId(
            { scheduleId: id, periodFrom: period.from, periodTo: period.to, locationKey },
            options.mailFrom,
          ),
        }));
      });
      const created = await tx.reportDelivery.createMany({ data, skipDuplicates: true });
      await tx.reportSchedule.update({
        where: { id },
        data: { nextSendAt: cursor, updatedAt: now },
      });
      result.schedules += 1;
      result.created += created.count;
      result.skipped += sends.length - chosen.length;
      // A burst over 1,000 locations inserts 1,000 rows: Prisma's default 5 s for an interactive
      // transaction was overrun on a busy machine, which failed every tick of that schedule.
    }, TRANSACTION_OPTIONS);
  }
  return result;
}
