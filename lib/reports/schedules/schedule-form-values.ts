import 'server-only';

import type { Db } from '@/lib/db/client';
import type { ReportSchedule } from '@/lib/reports/schedules/report-schedule';

/** A new schedule's form: weekly on Monday at 08:00, last week against the week before. */
export const NEW_SCHEDULE_VALUES = {
  name: '',
  report: 'agency',
  coverage: 'all',
  locationIds: [] as string[],
  locationRecipients: {} as Record<string, string>,
  period: 'last-week',
  periodDays: '',
  comparison: 'previous-period',
  cadence: 'weekly',
  weekday: '1',
  monthDay: '',
  sendTime: '08:00',
  timezone: 'UTC',
  recipients: '',
  attachCsv: 'true',
  topN: '10',
  topBy: 'paymentsNet',
  freshnessMode: 'warn',
  freshnessMaxAgeHours: '26',
  freshnessHoldHours: '6',
  missedSends: 'catch-up',
  catchUpLimit: '3',
};

/** A stored schedule as its edit form shows it (every value a string, as it is posted back). */
export async function scheduleFormValues(db: Db, schedule: ReportSchedule) {
  const recipients = await db.scheduleRecipient.findMany({ where: { scheduleId: schedule.id } });
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    id: schedule.id,
    name: schedule.name,
    report: schedule.report,
    coverage: schedule.coverage,
    locationIds: schedule.locationIds,
    locationRecipients: Object.fromEntries(
      recipients.map((r) => [
        r.locationId,
        Array.isArray(r.recipients) ? r.recipients.map(String).join(', ') : '',
      ]),
    ),
    period: schedule.period,
    periodDays: text(schedule.periodDays),
    comparison: schedule.comparison,
    cadence: schedule.cadence,
    weekday: text(schedule.weekday),
    monthDay: text(schedule.monthDay),
    sendTime: schedule.sendTime,
    timezone: schedule.timezone,
    recipients: schedule.recipients.join('\n'),
    attachCsv: String(schedule.attachCsv),
    topN: String(schedule.topN),
    topBy: schedule.topBy,
    freshnessMode: schedule.freshnessMode,
    freshnessMaxAgeHours: String(schedule.freshnessMaxAgeHours),
    freshnessHoldHours: String(schedule.freshnessHoldHours),
    missedSends: schedule.missedSends,
    catchUpLimit: String(schedule.catchUpLimit),
  };
}
