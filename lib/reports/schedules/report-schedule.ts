import 'server-only';

import { z } from 'zod';
import type { ReportSchedule as ScheduleRow } from '@/lib/db/generated/client';
import {
  CADENCES,
  COMPARISONS,
  COVERAGES,
  FRESHNESS_MODES,
  MISSED_SENDS,
  PERIOD_KINDS,
  REPORT_KINDS,
  TOP_BY,
  sendRuleOf,
  type PeriodRule,
  type SendRule,
} from '@/lib/reports/schedules/schedule-schema';

const ids = z.array(z.string());

const storedSchedule = z.object({
  id: z.string(),
  name: z.string(),
  report: z.enum(REPORT_KINDS),
  coverage: z.enum(COVERAGES),
  locationIds: ids,
  period: z.enum(PERIOD_KINDS),
  periodDays: z.number().int().nullable(),
  comparison: z.enum(COMPARISONS),
  cadence: z.enum(CADENCES),
  weekday: z.number().int().nullable(),
  monthDay: z.number().int().nullable(),
  sendTime: z.string(),
  timezone: z.string(),
  recipients: ids,
  attachCsv: z.boolean(),
  topN: z.number().int(),
  topBy: z.enum(TOP_BY),
  freshnessMode: z.enum(FRESHNESS_MODES),
  freshnessMaxAgeHours: z.number().int(),
  freshnessHoldHours: z.number().int(),
  missedSends: z.enum(MISSED_SENDS),
  catchUpLimit: z.number().int(),
  isPaused: z.boolean(),
  nextSendAt: z.date(),
});

/** A stored schedule with its vocabularies parsed (never cast) and its rules ready to use. */
export type ReportSchedule = z.infer<typeof storedSchedule> & {
  sendRule: SendRule;
  periodRule: PeriodRule;
};

/** Reads a `report_schedules` row; a value outside the vocabulary is an error, not a guess. */
export function readReportSchedule(row: ScheduleRow): ReportSchedule {
  const schedule = storedSchedule.parse(row);
  return {
    ...schedule,
    sendRule: sendRuleOf(schedule),
    periodRule: { period: schedule.period, periodDays: schedule.periodDays },
  };
}
