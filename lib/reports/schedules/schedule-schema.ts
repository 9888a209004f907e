import { z } from 'zod';
import { COMPARISONS } from '@/lib/metrics/comparison-range';
import { emailSchema } from '@/lib/users/user-schema';

/**
 * The vocabulary of scheduled email reports (docs/email.md): every enumerated text column of
 * `report_schedules` and `report_deliveries` is one of these lists, parsed with its zod enum, and
 * a schedule as an admin submits it is `scheduleInputSchema`. Shared by the server actions, the
 * jobs and the tests.
 */

export const REPORT_KINDS = ['agency', 'location'] as const;
export const COVERAGES = ['all', 'selected', 'burst'] as const;
export const PERIOD_KINDS = [
  'yesterday',
  'last-7-days',
  'last-week',
  'last-month',
  'month-to-date',
  'quarter-to-date',
  'last-n-days',
] as const;
// The dashboard's vocabulary too: one definition (lib/metrics/comparison-range).
export { COMPARISONS } from '@/lib/metrics/comparison-range';
export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export const FRESHNESS_MODES = ['hold', 'warn'] as const;
export const MISSED_SENDS = ['catch-up', 'skip'] as const;
export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'held',
  'uncertain',
  // Recalled before it was claimed: its schedule was paused (set-schedule-paused.ts).
  'cancelled',
] as const;
export const DELIVERY_PHASES = ['claimed', 'committing'] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];
export type Coverage = (typeof COVERAGES)[number];
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Comparison = (typeof COMPARISONS)[number];
export type Cadence = (typeof CADENCES)[number];
export type FreshnessMode = (typeof FRESHNESS_MODES)[number];
export type MissedSends = (typeof MISSED_SENDS)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type DeliveryPhase = (typeof DELIVERY_PHASES)[number];

export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export const deliveryPhaseSchema = z.enum(DELIVERY_PHASES);

/** At most this many addresses on one email (a schedule's list, or one burst location's). */
export const MAX_RECIPIENTS = 50;
/** The largest "last N days" period. */
export const MAX_PERIOD_DAYS = 366;
/** The roll-up table shows at most this many rows before "and N more". */
export const MAX_TOP_N = 100;

/** The sort keys of the roll-up table's top N (count and money columns of the report). */
export const TOP_BY = [
  'newContacts',
  'totalContacts',
  'opportunitiesCreated',
  'opportunitiesWon',
  'wonValue',
  'paymentsNet',
] as const;
export type TopBy = (typeof TOP_BY)[number];

/** Whether an IANA zone name is one this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { message: 'expected an IANA time zone such as Europe/London' });

export const sendTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a time as HH:MM (24-hour)' });

/** A list of distinct, lower-cased addresses: one per line, or separated by commas. */
export const recipientListSchema = z
  .preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(/[\s,;]+/)
            .map((part) => part.trim())
            .filter(Boolean)
        : value,
    z.array(emailSchema).max(MAX_RECIPIENTS, {
      message: `expected at most ${MAX_RECIPIENTS} addresses`,
    }),
  )
  .transform((list) => [...new Set(list)]);

const intField = (min: number, max: number, what: string) =>
  z.coerce
    .number({ message: `expected ${what}` })
    .int({ message: `expected ${what}` })
    .min(min, { message: `expected ${what}` })
    .max(max, { message: `expected ${what}` });

/** How the cadence is read: daily; weekly on an ISO weekday; monthly on a day or the last (0). */
export const cadenceSchema = z.discriminatedUnion('cadence', [
  z.object({ cadence: z.literal('daily') }),
  z.object({
    cadence: z.literal('weekly'),
    weekday: intField(1, 7, 'a weekday 1 (Mon) … 7 (Sun)'),
  }),
  z.object({
    cadence: z.literal('monthly'),
    monthDay: intField(0, 28, 'a day 1 … 28, or 0 for the last day of the month'),
  }),
]);
export type CadenceRule = z.infer<typeof cadenceSchema>;

/** When a schedule sends: its cadence, at HH:MM in an IANA zone. */
export type SendRule = CadenceRule & { sendTime: string; timezone: string };

/** The period a send reports on. */
export type PeriodRule = { period: PeriodKind; periodDays: number | null };

/** A schedule as an admin submits it (create or edit). */
export const scheduleInputSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'expected a name' }).max(200),
    report: z.enum(REPORT_KINDS, { message: 'expected agency or location' }),
    coverage: z.enum(COVERAGES, { message: 'expected all, selected or burst' }),
    locationIds: z.array(z.string().trim().min(1)).default([]),
    period: z.enum(PERIOD_KINDS, { message: 'expected one of the listed periods' }),
    periodDays: z.coerce.number().int().min(1).max(MAX_PERIOD_DAYS).nullable().default(null),
    comparison: z.enum(COMPARISONS, { message: 'expected one of the listed comparisons' }),
    cadence: z.enum(CADENCES, { message: 'expected daily, weekly or monthly' }),
    weekday: intField(1, 7, 'a weekday 1 (Mon) … 7 (Sun)').nullable().default(null),
    monthDay: intField(0, 28, 'a day 1 … 28, or 0 for the last day of the month')
      .nullable()
      .default(null),
    sendTime: sendTimeSchema,
    timezone: timeZoneSchema,
    recipients: recipientListSchema.default([]),
    /** Burst only: each location's own recipients. */
    locationRecipients: z.record(z.string(), recipientListSchema).default({}),
    attachCsv: z.boolean().default(true),
    topN: intField(1, MAX_TOP_N, `a number of rows 1 … ${MAX_TOP_N}`).default(10),
    topBy: z.enum(TOP_BY).default('paymentsNet'),
    freshnessMode: z.enum(FRESHNESS_MODES).default('warn'),
    freshnessMaxAgeHours: intField(1, 24 * 14, 'hours 1 … 336').default(26),
    freshnessHoldHours: intField(0, 48, 'hours 0 … 48').default(6),
    missedSends: z.enum(MISSED_SENDS).default('catch-up'),
    catchUpLimit: intField(0, 31, 'a number 0 … 31').default(3),
    isPaused: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (input.period === 'last-n-days' && input.periodDays === null)
      issue('periodDays', 'expected the number of days');
    if (input.cadence === 'weekly' && input.weekday === null)
      issue('weekday', 'expected a weekday');
    if (input.cadence === 'monthly' && input.monthDay === null)
      issue('monthDay', 'expected a day of the month');
    if (input.coverage !== 'all' && input.locationIds.length === 0)
      issue('locationIds', 'expected at least one location');
    if (input.report === 'location' && input.coverage === 'all')
      issue('coverage', 'a location summary covers selected locations or a burst');
    if (input.coverage === 'burst') {
      const missing = input.locationIds.filter((id) => !input.locationRecipients[id]?.length);
      if (missing.length > 0)
        issue('locationRecipients', `expected recipients for ${missing.join(', ')}`);
    } else if (input.recipients.length === 0) {
      issue('recipients', 'expected at least one address');
    }
  });

export type ScheduleInput = z.input<typeof scheduleInputSchema>;
export type ScheduleValues = z.output<typeof scheduleInputSchema>;

/** The send rule of parsed schedule values (the cadence's own fields only). */
export function sendRuleOf(values: {
  cadence: Cadence;
  weekday: number | null;
  monthDay: number | null;
  sendTime: string;
  timezone: string;
}): SendRule {
  const base = { sendTime: values.sendTime, timezone: values.timezone };
  const rule = cadenceSchema.parse({
    cadence: values.cadence,
    weekday: values.weekday ?? undefined,
    monthDay: values.monthDay ?? undefined,
  });
  return { ...rule, ...base };
}
