import { z } from 'zod';
import { locationIdSchema } from '@/lib/location-id';
import { DEFAULT_GRANULARITY, granularitySchema } from '@/lib/metrics/bucket-series';
import { comparisonSchema, DEFAULT_COMPARISON } from '@/lib/metrics/comparison-range';

/**
 * The locations report's parameters, shared by the CLI and route handlers (and the coming email job).
 * Dates are local calendar days (each location's own time zone), both ends inclusive.
 */
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days a report may cover, comparison periods included: what the product means (GHL data of
 * this century), and far inside what PostgreSQL's timestamps and every time zone can hold, so a
 * day like 0000-01-01 is refused here with a clear message instead of failing in the database.
 */
export const MIN_REPORT_DAY = '2000-01-01';
export const MAX_REPORT_DAY = '2100-12-31';
const BOUNDS_MESSAGE = `expected a day from ${MIN_REPORT_DAY} to ${MAX_REPORT_DAY}`;
const isRealDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
/** A report day: YYYY-MM-DD, a real date, within MIN_REPORT_DAY..MAX_REPORT_DAY. */
export const reportDaySchema = z
  .string({ message: 'expected a date as YYYY-MM-DD' })
  .regex(DAY_SHAPE, { message: 'expected a date as YYYY-MM-DD' })
  // Only judged once the shape is right, so one bad value gets one message.
  .refine((value) => !DAY_SHAPE.test(value) || isRealDay(value), {
    message: 'not a real calendar date',
  })
  .refine((value) => !isRealDay(value) || (value >= MIN_REPORT_DAY && value <= MAX_REPORT_DAY), {
    message: BOUNDS_MESSAGE,
  });

/** Whether both ends of a period lie within MIN_REPORT_DAY..MAX_REPORT_DAY. */
export function isWithinReportBounds(period: { from: string; to: string }): boolean {
  return (
    period.from >= MIN_REPORT_DAY &&
    period.from <= MAX_REPORT_DAY &&
    period.to >= MIN_REPORT_DAY &&
    period.to <= MAX_REPORT_DAY
  );
}

export const locationsReportParamsSchema = z
  .object({
    from: reportDaySchema,
    to: reportDaySchema,
    /** Restrict to these locations (staff limited to some); absent = every location. */
    locationIds: z.array(locationIdSchema).max(1000).optional(),
  })
  .refine((params) => params.from <= params.to, {
    message: 'must be on or after "from"',
    path: ['to'],
  });

export type LocationsReportParams = z.infer<typeof locationsReportParamsSchema>;

/**
 * How a report is compared and charted, as an API takes it (`?compare=…&granularity=…`): the
 * comparison (previous period, same period last year, none) and the chart grouping (day, week,
 * month). Absent = the defaults; an unknown value is refused with the accepted ones.
 */
export const reportControlsSchema = z.object({
  compare: comparisonSchema.default(DEFAULT_COMPARISON),
  granularity: granularitySchema.default(DEFAULT_GRANULARITY),
});

export type ReportControlsParams = z.infer<typeof reportControlsSchema>;

/** `compare` and `granularity` from a URL's search params, or ReportParamsError naming the bad one. */
export function parseReportControls(search: URLSearchParams): ReportControlsParams {
  const input = {
    compare: search.get('compare') ?? undefined,
    granularity: search.get('granularity') ?? undefined,
  };
  const result = reportControlsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? 'params');
    const received = input[field as keyof typeof input];
    return `${field}: ${issue.message}${received === undefined ? '' : ` (got "${received}")`}`;
  });
  throw new ReportParamsError(`Invalid report parameters: ${problems.join('; ')}`);
}

/** Bad report parameters; the message names each field and what is wrong with it. */
export class ReportParamsError extends Error {
  override name = 'ReportParamsError';
}

/** Validates report parameters, or throws ReportParamsError with a readable message. */
export function parseLocationsReportParams(input: unknown): LocationsReportParams {
  const result = locationsReportParamsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'params';
    const received = readPath(input, issue.path);
    const shown = typeof received === 'string' ? ` (got "${received}")` : '';
    return `${field}: ${issue.message}${shown}`;
  });
  throw new ReportParamsError(`Invalid report parameters: ${problems.join('; ')}`);
}

function readPath(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
