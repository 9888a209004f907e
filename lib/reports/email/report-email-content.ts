import { comparableTotal, currenciesToCompare, previousNet } from '@/lib/metrics/compare-summaries';
import { compareToPrevious } from '@/lib/metrics/compare-to-previous';
import { compareDecimals, groupDigits } from '@/lib/metrics/decimal';
import { ENTITY_NAMES, unavailableMessage } from '@/lib/metrics/entity-labels';
import type { ReportEntity } from '@/lib/metrics/entity-availability-sql';
import {
  formatCount,
  formatInstant,
  formatPeriod,
  formatRate,
} from '@/lib/metrics/format-report-value';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import type { ReportRange } from '@/lib/metrics/report-range';
import type { CountTotal, ReportSummary } from '@/lib/metrics/summarize-report';
import type { TopBy } from '@/lib/reports/schedules/schedule-schema';

/**
 * What a report email says, as plain data both the HTML and the text part are written from, so
 * the two can never disagree. Every number is formatted here from the lib/metrics results (the
 * same rows and summary as the page and the CLI export); an unavailable value is "—" with its
 * reason, never 0; money is shown and compared per currency only.
 */

/** A shown value: its text, and why it is "—" when it is unavailable. */
export type ShownValue = { text: string; reason?: string };

export type Kpi = {
  label: string;
  value: ShownValue;
  /** The comparison ("▲ +3 (+12.5%) vs 24"), or null when none was asked for. */
  change: string | null;
  /** E.g. "excludes 2 locations whose contacts could not be read". */
  note?: string;
};

export type TableColumn = { key: keyof LocationsReportRow; label: string };

export type ReportEmailContent = {
  subject: string;
  heading: string;
  periodText: string;
  comparisonText: string | null;
  warning: string | null;
  kpis: Kpi[];
  columns: readonly TableColumn[];
  rows: { cells: ShownValue[]; locationId: string }[];
  /** Rows left out of the table, and where to see them. */
  more: { count: number; url: string } | null;
  /** Each covered location's data_as_of ("never" when it never completed a sync). */
  dataAsOf: { locationName: string; text: string }[];
  /** The reasons behind every "—" in the email, once each. */
  notes: string[];
  dashboardUrl: string;
  /** The inline trend chart: its Content-ID and its alt text; null when there is none. */
  chart: { cid: string; alt: string } | null;
};

export type ReportEmailInput = {
  scheduleName: string;
  /** The agency ("All 12 locations") or the location's name. */
  audience: string;
  period: ReportRange;
  rows: readonly LocationsReportRow[];
  summary: ReportSummary;
  comparison: { range: ReportRange; label: string; summary: ReportSummary } | null;
  topN: number;
  topBy: TopBy;
  dashboardUrl: string;
  warning: string | null;
  chart?: { cid: string; alt: string } | null;
};

/** The roll-up table's columns, in the report registry's terms. */
export const EMAIL_TABLE_COLUMNS: readonly TableColumn[] = [
  { key: 'locationName', label: 'Location' },
  { key: 'newContacts', label: 'New contacts' },
  { key: 'opportunitiesCreated', label: 'Opps created' },
  { key: 'opportunitiesWon', label: 'Opps won' },
  { key: 'winRate', label: 'Win rate' },
  { key: 'wonValue', label: 'Won value' },
  { key: 'currency', label: 'Currency' },
  { key: 'paymentsCount', label: 'Payments' },
  { key: 'paymentsNet', label: 'Net payments' },
  { key: 'dataAsOf', label: 'Data as of' },
];

const ENTITY_OF: Partial<Record<keyof LocationsReportRow, ReportEntity>> = {
  newContacts: 'contacts',
  totalContacts: 'contacts',
  opportunitiesCreated: 'opportunities',
  opportunitiesWon: 'opportunities',
  opportunitiesLost: 'opportunities',
  winRate: 'opportunities',
  wonValue: 'opportunities',
  openPipelineValue: 'opportunities',
  currency: 'transactions',
  paymentsCount: 'transactions',
  paymentsNet: 'transactions',
  paymentsGross: 'transactions',
  paymentsRefunded: 'transactions',
  activeSubscriptions: 'subscriptions',
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

const signed = (decimal: string) =>
  decimal.startsWith('-') ? `−${groupDigits(decimal.slice(1))}` : `+${groupDigits(decimal)}`;

/** "▲ +3 (+12.5%) vs 24", "no change vs 24", "▲ +5 new vs 0", or "no comparison (unavailable)". */
export function changeText(
  current: number | string | null,
  previous: number | string | null,
): string {
  const change = compareToPrevious(current, previous);
  if (!change.isAvailable) return 'no comparison (unavailable)';
  const was = groupDigits(change.previous);
  if (change.direction === 'flat') return `no change vs ${was}`;
  const arrow = change.direction === 'up' ? '▲' : '▼';
  const tail = change.isNew ? ' new' : change.percent ? ` (${signed(change.percent)}%)` : '';
  return `${arrow} ${signed(change.delta)}${tail} vs ${was}`;
}

/** One table cell, as the dashboard's table shows it. */
export function cellValue(row: LocationsReportRow, key: keyof LocationsReportRow): ShownValue {
  const entity = ENTITY_OF[key];
  if (entity && row.unavailable.includes(entity))
    return { text: '—', reason: unavailableMessage(entity, row.locationName) };
  const value = row[key];
  if (key === 'dataAsOf')
    return typeof value === 'string' ? { text: formatInstant(value) } : { text: 'never' };
  if (key === 'currency') return { text: typeof value === 'string' && value ? value : 'none' };
  if (value === null) {
    if (key === 'winRate') return { text: '—', reason: 'No opportunities won or lost.' };
    return { text: '—', reason: `No value for ${row.locationName}.` };
  }
  if (typeof value === 'number') return { text: formatCount(value) };
  if (key === 'winRate' && typeof value === 'string') return { text: formatRate(value) };
  return { text: groupDigits(String(value)) };
}

function countKpi(
  label: string,
  pick: (s: ReportSummary) => CountTotal,
  what: string,
  input: ReportEmailInput,
): Kpi {
  const { summary, comparison } = input;
  const current = comparableTotal(pick(summary), summary.locations);
  const value: ShownValue =
    current === null
      ? { text: '—', reason: `Unavailable: ${what} could not be read for any location covered.` }
      : { text: formatCount(current) };
  const excluded = pick(summary).unavailable;
  return {
    label,
    value,
    change: comparison
      ? changeText(current, comparableTotal(pick(comparison.summary), comparison.summary.locations))
      : null,
    ...(excluded > 0 && current !== null
      ? { note: `excludes ${plural(excluded, 'location')} whose ${what} could not be read` }
      : {}),
  };
}

function sortValue(row: LocationsReportRow, key: TopBy): string | number | null {
  const value = row[key];
  return value === '' ? null : value;
}

/** Rows ordered by the schedule's metric, largest first; unavailable last; ties keep report order. */
export function topRows(rows: readonly LocationsReportRow[], key: TopBy): LocationsReportRow[] {
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order =
        typeof a.value === 'number' && typeof b.value === 'number'
          ? b.value - a.value
          : compareDecimals(String(b.value), String(a.value));
      return order || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** Builds the email's content from one period's report (and its comparison's summary). */
export function reportEmailContent(input: ReportEmailInput): ReportEmailContent {
  const { summary, comparison } = input;
  const kpis: Kpi[] = [
    countKpi('New contacts', (s) => s.counts.newContacts, ENTITY_NAMES.contacts, input),
    countKpi('Total contacts', (s) => s.counts.totalContacts, ENTITY_NAMES.contacts, input),
    countKpi(
      'Opportunities created',
      (s) => s.counts.opportunitiesCreated,
      ENTITY_NAMES.opportunities,
      input,
    ),
    countKpi(
      'Opportunities won',
      (s) => s.counts.opportunitiesWon,
      ENTITY_NAMES.opportunities,
      input,
    ),
    countKpi('Payments', (s) => s.payments, ENTITY_NAMES.transactions, input),
    {
      ...countKpi(
        'Active subscriptions',
        (s) => s.counts.activeSubscriptions,
        ENTITY_NAMES.subscriptions,
        input,
      ),
      change: comparison ? 'active now (a snapshot, no previous value)' : null,
    },
  ];
  for (const money of currenciesToCompare(summary, comparison?.summary)) {
    kpis.push({
      label: `Net payments (${money.currency})`,
      value: { text: groupDigits(money.net) },
      change: comparison
        ? changeText(money.net, previousNet(comparison.summary, money.currency))
        : null,
    });
  }

  const ordered = topRows(input.rows, input.topBy);
  const shown = ordered.slice(0, input.topN);
  const rows = shown.map((row) => ({
    locationId: row.locationId,
    cells: EMAIL_TABLE_COLUMNS.map((column) => cellValue(row, column.key)),
  }));
  const notes = new Set<string>();
  for (const kpi of kpis) if (kpi.value.reason) notes.add(kpi.value.reason);
  for (const row of rows) for (const cell of row.cells) if (cell.reason) notes.add(cell.reason);

  const dataAsOf = new Map<string, { locationName: string; text: string }>();
  for (const row of input.rows)
    dataAsOf.set(row.locationId, {
      locationName: row.locationName,
      text: row.dataAsOf ? formatInstant(row.dataAsOf) : 'never (no complete sync yet)',
    });

  const periodText = formatPeriod(input.period);
  return {
    subject: `${input.scheduleName}: ${input.audience}, ${periodText}${input.warning ? ' (data may be out of date)' : ''}`,
    heading: `${input.audience}`,
    periodText,
    comparisonText: comparison
      ? `Compared with ${comparison.label}: ${formatPeriod(comparison.range)}`
      : null,
    warning: input.warning,
    kpis,
    columns: EMAIL_TABLE_COLUMNS,
    rows,
    more:
      ordered.length > shown.length
        ? { count: ordered.length - shown.length, url: input.dashboardUrl }
        : null,
    dataAsOf: [...dataAsOf.values()],
    notes: [...notes],
    dashboardUrl: input.dashboardUrl,
    chart: input.chart ?? null,
  };
}
