import 'server-only';

import type { Db } from '@/lib/db/client';
import { readReportSchedule, type ReportSchedule } from '@/lib/reports/schedules/report-schedule';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@/lib/reports/schedules/schedule-schema';
import { wallTimeOf } from '@/lib/reports/schedules/zoned-time';

export type ScheduleListItem = {
  schedule: ReportSchedule;
  /** The next send as the schedule's zone reads it, e.g. "2026-11-30 08:00 Europe/London". */
  nextSendLocal: string;
  lastDelivery: { status: DeliveryStatus; at: Date } | null;
};

/** The next send of a schedule written in its own zone. */
export function formatLocalSend(instant: Date, timezone: string): string {
  const wall = wallTimeOf(instant, timezone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.day} ${pad(wall.hour)}:${pad(wall.minute)} ${timezone}`;
}

const isStatus = (value: string): value is DeliveryStatus =>
  (DELIVERY_STATUSES as readonly string[]).includes(value);

/** Every schedule by name, with its next send in its own zone and its last non-test delivery. */
export async function listSchedules(db: Db): Promise<ScheduleListItem[]> {
  const rows = await db.reportSchedule.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const last = await db.$queryRaw<{ scheduleId: string; status: string; at: Date }[]>`
    SELECT DISTINCT ON (schedule_id) schedule_id AS "scheduleId", status, updated_at AS at
    FROM report_deliveries WHERE NOT starts_with(location_key, 'test:')
    ORDER BY schedule_id, due_at DESC, updated_at DESC`;
  const byId = new Map(last.map((row) => [row.scheduleId, row]));
  return rows.map((row) => {
    const schedule = readReportSchedule(row);
    const delivery = byId.get(schedule.id);
    return {
      schedule,
      nextSendLocal: formatLocalSend(schedule.nextSendAt, schedule.timezone),
      lastDelivery:
        delivery && isStatus(delivery.status) ? { status: delivery.status, at: delivery.at } : null,
    };
  });
}
