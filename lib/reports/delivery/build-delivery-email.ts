import 'server-only';

import type { Db } from '@/lib/db/client';
import { formatCount, formatInstant } from '@/lib/metrics/format-report-value';
import { getLocationsReport, type LocationsReportResult } from '@/lib/metrics/get-locations-report';
import { reportSearchParams, type ReportRange } from '@/lib/metrics/report-range';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { readBurstLocationData } from '@/lib/reports/delivery/read-burst-location-data';
import { renderChartPng } from '@/lib/reports/email/render-chart-png';
import { trendChartSvg } from '@/lib/reports/email/trend-chart-svg';
import { reportEmailContent } from '@/lib/reports/email/report-email-content';
import { renderReportHtml, renderReportText } from '@/lib/reports/email/render-report-email';
import { locationsCsvLines } from '@/lib/reports/locations-csv';
import type { ReportSchedule } from '@/lib/reports/schedules/report-schedule';
import { comparisonPeriod } from '@/lib/reports/schedules/report-period';

/** One email, rendered: what is stored on the delivery row before it is sent. */
export type DeliveryEmail = {
  subject: string;
  to: string[];
  html: string;
  text: string;
  csv: { filename: string; content: string } | null;
  /** The inline trend chart (PNG) and its alt text. */
  chart: { png: Buffer; alt: string } | null;
  /** Covered locations whose data is older than the schedule allows (the freshness gate). */
  stale: { locationName: string; dataAsOf: string | null }[];
};

export type DeliveryTarget = {
  period: ReportRange;
  /** '' = every covered location in one email; a location id = that location's burst email. */
  locationKey: string;
  /** Addresses already chosen (a test send); otherwise the schedule's own. */
  recipients?: string[];
};

/** The Content-ID the HTML refers to the inline chart by. */
export const CHART_CID = 'trend-chart@agency-pulse';

const COMPARISON_LABELS = {
  'previous-period': 'the previous period',
  'same-period-last-year': 'the same period last year',
  none: '',
} as const;

/** The locations a delivery covers: its burst location, the schedule's selection, or all (undefined). */
export function coveredLocationIds(
  schedule: ReportSchedule,
  locationKey: string,
): string[] | undefined {
  if (locationKey && !locationKey.startsWith('test:')) return [locationKey];
  if (schedule.coverage === 'all') return undefined;
  // A test of a burst shows what its first location gets.
  if (schedule.coverage === 'burst') return schedule.locationIds.slice(0, 1);
  return schedule.locationIds;
}

/** Covered locations whose last complete sync is older than `maxAgeHours` (or never happened). */
export function staleLocations(
  report: LocationsReportResult,
  now: Date,
  maxAgeHours: number,
): DeliveryEmail['stale'] {
  const oldest = now.getTime() - maxAgeHours * 3_600_000;
  const seen = new Map<string, DeliveryEmail['stale'][number]>();
  for (const row of report.rows) {
    if (seen.has(row.locationId)) continue;
    if (row.dataAsOf === null || Date.parse(row.dataAsOf) < oldest)
      seen.set(row.locationId, { locationName: row.locationName, dataAsOf: row.dataAsOf });
  }
  return [...seen.values()];
}

/** The warning an email carries when it is sent with stale data. */
export function freshnessWarning(stale: DeliveryEmail['stale'], maxAgeHours: number): string {
  const named = stale
    .slice(0, 5)
    .map(
      (s) =>
        `${s.locationName} (${s.dataAsOf ? `data as of ${formatInstant(s.dataAsOf)}` : 'never synced'})`,
    );
  const rest = stale.length > 5 ? ` and ${formatCount(stale.length - 5)} more` : '';
  return `The data of ${formatCount(stale.length)} ${stale.length === 1 ? 'location is' : 'locations are'} older than ${maxAgeHours} hours, so these numbers may be out of date: ${named.join(', ')}${rest}.`;
}

async function recipientsOf(
  db: Db,
  schedule: ReportSchedule,
  target: DeliveryTarget,
): Promise<string[]> {
  if (target.recipients) return target.recipients;
  if (schedule.coverage !== 'burst') return schedule.recipients;
  const row = await db.scheduleRecipient.findUnique({
    where: { scheduleId_locationId: { scheduleId: schedule.id, locationId: target.locationKey } },
  });
  const list = row?.recipients;
  return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * Renders one delivery's email from the same lib/metrics functions as the page and the CLI: the
 * locations report for the period (and the comparison's summary), `summarizeReport`, and the CSV
 * attachment from `locationsCsvLines` — byte for byte `npm run cli -- export locations` for the
 * same period and locations. `warning` is set by the caller when the freshness gate lets stale
 * data through.
 */
export async function buildDeliveryEmail(
  db: Db,
  options: {
    schedule: ReportSchedule;
    target: DeliveryTarget;
    appUrl: string;
    now: Date;
    warning?: (stale: DeliveryEmail['stale']) => string | null;
  },
): Promise<DeliveryEmail> {
  const { schedule, target } = options;
  const locationIds = coveredLocationIds(schedule, target.locationKey);
  const params = { ...target.period, ...(locationIds ? { locationIds } : {}) };
  const compared = comparisonPeriod(schedule.comparison, target.period, schedule.periodRule);
  // A burst email's numbers come with its burst's (read-burst-location-data.ts); any other email
  // reads them with three independent reads, in flight together.
  const isBurstEmail =
    schedule.coverage === 'burst' &&
    locationIds?.length === 1 &&
    locationIds[0] === target.locationKey;
  const { report, previous, counts } = isBurstEmail
    ? await readBurstLocationData(db, {
        scheduleId: schedule.id,
        period: target.period,
        compared,
        locationId: target.locationKey,
      })
    : await Promise.all([
        getLocationsReport(db, params),
        compared
          ? getLocationsReport(db, { ...compared, ...(locationIds ? { locationIds } : {}) })
          : null,
        getDailySeries(db, params),
      ]).then(([report, previous, series]) => ({ report, previous, counts: series.counts }));
  const chart = trendChartSvg(counts);
  // Rasterised off the event loop while the HTML renders and the recipients are read.
  const chartPng = renderChartPng(chart.svg);
  chartPng.catch(() => undefined); // awaited below; no unhandled rejection if we throw first
  const stale = staleLocations(report, options.now, schedule.freshnessMaxAgeHours);
  const locations = new Set(report.rows.map((row) => row.locationId));
  const single = locations.size === 1 ? report.rows[0] : undefined;
  const isOneLocation = single !== undefined && (locationIds?.length ?? 0) === 1;
  const audience = isOneLocation
    ? single.locationName
    : schedule.coverage === 'all'
      ? `All ${formatCount(locations.size)} ${locations.size === 1 ? 'location' : 'locations'}`
      : `${formatCount(locations.size)} selected ${locations.size === 1 ? 'location' : 'locations'}`;
  const query = reportSearchParams(target.period);
  const dashboardUrl = isOneLocation
    ? `${options.appUrl}/locations/${encodeURIComponent(single.locationId)}?${query}`
    : `${options.appUrl}/?${query}`;

  const content = reportEmailContent({
    scheduleName: schedule.name,
    audience,
    period: target.period,
    rows: report.rows,
    summary: summarizeReport(report.rows),
    comparison:
      compared && previous
        ? {
            range: compared,
            label: COMPARISON_LABELS[schedule.comparison],
            summary: summarizeReport(previous.rows),
          }
        : null,
    topN: schedule.topN,
    topBy: schedule.topBy,
    dashboardUrl,
    warning: options.warning?.(stale) ?? null,
    chart: { cid: CHART_CID, alt: chart.alt },
  });
  const [to, html, png] = await Promise.all([
    recipientsOf(db, schedule, target),
    renderReportHtml(content),
    chartPng,
  ]);
  return {
    subject: content.subject,
    to,
    html,
    text: renderReportText(content),
    csv: schedule.attachCsv
      ? {
          filename: `agency-pulse-locations_${report.from}_${report.to}.csv`,
          content: [...locationsCsvLines(report)].join(''),
        }
      : null,
    chart: { png, alt: chart.alt },
    stale,
  };
}
