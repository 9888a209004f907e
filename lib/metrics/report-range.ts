import {
  DEFAULT_GRANULARITY,
  granularitySchema,
  type Granularity,
} from '@/lib/metrics/bucket-series';
import {
  comparisonSchema,
  DEFAULT_COMPARISON,
  type Comparison,
} from '@/lib/metrics/comparison-range';

/**
 * The dashboard's period: two local calendar days (`YYYY-MM-DD`, both included, each location in
 * its own time zone — docs/metrics.md). It lives in the URL (`?from=…&to=…`) so a view can be
 * shared. "Today" is the UTC date: with no period in the URL the dashboard shows the last 30
 * complete days, ending yesterday (UTC).
 */
export type ReportRange = { from: string; to: string };

export type PresetId = '7d' | '30d' | '90d' | 'mtd' | 'qtd' | 'ytd' | 'last-month';

export const PRESETS: readonly { id: PresetId; label: string; description: string }[] = [
  { id: '7d', label: '7 days', description: 'The last 7 complete days, ending yesterday' },
  { id: '30d', label: '30 days', description: 'The last 30 complete days, ending yesterday' },
  { id: '90d', label: '90 days', description: 'The last 90 complete days, ending yesterday' },
  { id: 'mtd', label: 'Month to date', description: 'From the 1st of this month through today' },
  {
    id: 'qtd',
    label: 'Quarter to date',
    description: 'From the 1st of this quarter (Jan, Apr, Jul or Oct) through today',
  },
  { id: 'ytd', label: 'Year to date', description: 'From January 1 of this year through today' },
  { id: 'last-month', label: 'Last month', description: 'The whole previous calendar month' },
];

export const DEFAULT_PRESET: PresetId = '30d';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar date of an instant, `YYYY-MM-DD`. */
export function utcDay(instant: Date = new Date()): string {
  return instant.toISOString().slice(0, 10);
}

/** A calendar day plus (or minus) some days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function firstOfQuarter(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

/** The period a preset means on a given day (`today` is a UTC date). */
export function presetRange(id: PresetId, today: string): ReportRange {
  const yesterday = addDays(today, -1);
  switch (id) {
    case '7d':
      return { from: addDays(yesterday, -6), to: yesterday };
    case '30d':
      return { from: addDays(yesterday, -29), to: yesterday };
    case '90d':
      return { from: addDays(yesterday, -89), to: yesterday };
    case 'mtd':
      return { from: firstOfMonth(today), to: today };
    case 'qtd':
      return { from: firstOfQuarter(today), to: today };
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last-month': {
      const lastDay = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(lastDay), to: lastDay };
    }
  }
}

/** The period shown when the URL names none: the last 30 complete days, ending yesterday (UTC). */
export function defaultReportRange(today: string): ReportRange {
  return presetRange(DEFAULT_PRESET, today);
}

/** Which preset a period is on a given day, if any (to highlight it). */
export function matchPreset(range: ReportRange, today: string): PresetId | null {
  const match = PRESETS.find(({ id }) => {
    const preset = presetRange(id, today);
    return preset.from === range.from && preset.to === range.to;
  });
  return match?.id ?? null;
}

type SearchParamsLike = { get(name: string): string | null };
type SearchParamsRecord = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined | null): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single === null || single === undefined || single.trim() === ''
    ? undefined
    : single.trim();
}

/**
 * The period in a URL's search params, each missing end taken from the default period. Values are
 * not validated here: the report's own zod params do that where the data is read, and the page
 * shows their message.
 */
export function readReportRange(
  params: SearchParamsLike | SearchParamsRecord,
  today: string,
): ReportRange {
  const get = (name: string) =>
    typeof params.get === 'function'
      ? first((params as SearchParamsLike).get(name))
      : first((params as SearchParamsRecord)[name]);
  const fallback = defaultReportRange(today);
  return { from: get('from') ?? fallback.from, to: get('to') ?? fallback.to };
}

/**
 * How the period is shown (`?compare=…&granularity=…`): what it is compared with, and whether the
 * charts group it by day, week or month (docs/metrics.md, "Comparison" and "Chart buckets").
 */
export type ReportControls = { comparison: Comparison; granularity: Granularity };

export const DEFAULT_CONTROLS: ReportControls = {
  comparison: DEFAULT_COMPARISON,
  granularity: DEFAULT_GRANULARITY,
};

/**
 * The comparison and chart grouping in a URL's search params. A missing or unknown value is the
 * default (previous period, by day): these only change how a valid period is shown, so a stale
 * or mistyped link still shows the period rather than an error. Where an API takes them,
 * `reportControlsSchema` (lib/metrics/locations-report-params) refuses unknown values instead.
 */
export function readReportControls(params: SearchParamsLike | SearchParamsRecord): ReportControls {
  const get = (name: string) =>
    typeof params.get === 'function'
      ? first((params as SearchParamsLike).get(name))
      : first((params as SearchParamsRecord)[name]);
  const comparison = comparisonSchema.safeParse(get('compare'));
  const granularity = granularitySchema.safeParse(get('granularity'));
  return {
    comparison: comparison.success ? comparison.data : DEFAULT_COMPARISON,
    granularity: granularity.success ? granularity.data : DEFAULT_GRANULARITY,
  };
}

/**
 * `from=…&to=…` for URLs and API calls, then `compare` and `granularity` when given and not the
 * default (so the links of a default view stay as they were).
 */
export function reportSearchParams(range: ReportRange, controls?: Partial<ReportControls>): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (controls?.comparison && controls.comparison !== DEFAULT_COMPARISON)
    params.set('compare', controls.comparison);
  if (controls?.granularity && controls.granularity !== DEFAULT_GRANULARITY)
    params.set('granularity', controls.granularity);
  return params.toString();
}

/** Whether a string looks like a `YYYY-MM-DD` day (the shape only; the API checks the rest). */
export function isDayShaped(value: string): boolean {
  return DAY.test(value);
}

/** The number of calendar days in a period, both ends included (0 when the period is invalid). */
export function rangeLengthDays(range: ReportRange): number {
  if (!isDayShaped(range.from) || !isDayShaped(range.to)) return 0;
  const days =
    (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? days : 0;
}
