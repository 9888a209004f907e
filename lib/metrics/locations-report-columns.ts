import type { ReportEntity } from '@/lib/metrics/entity-availability-sql';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { winRate } from '@/lib/metrics/win-rate';

/**
 * The locations report's one column registry. The SQL row mapping (`locationsReportRowFromSql`),
 * the CSV (lib/reports/locations-csv.ts), the table and the KPI cards (components/reports), the
 * summary (`summarizeReport`) and the tests all read it. A new column touches the migration, the rollup,
 * the query's SQL and this list, nothing else.
 */

export type ColumnKey = Exclude<keyof LocationsReportRow, 'unavailable' | 'locationCurrency'>;
/** How a value is read, written and shown: text, whole number, exact decimal money, 4-decimal rate, ISO instant. */
export type ColumnKind = 'text' | 'count' | 'money' | 'rate' | 'time';

export type LocationsReportColumn = {
  key: ColumnKey;
  /** The CSV header, and the SQL column the row mapping reads (unless `derive` computes it). */
  header: string;
  /** The table's header. */
  label: string;
  kind: ColumnKind;
  /** The entity the value is read from; when it is unavailable the value is null (never 0). */
  entity?: ReportEntity;
  /** Money only: in the row's payment `currency`, or the location's own (no currency in the data). */
  currency?: 'row' | 'location';
  /** Computed from other columns of the row instead of read from SQL. */
  derive?: (row: LocationsReportRow) => string | number | null;
  /** How the summary adds it up: once per location, or per currency (payments). */
  total?: 'per-location' | 'per-currency';
  /** A plain KPI card of its own, with this label. */
  card?: string;
  /** Shown in the roll-up table (the id is not: the name links to the location instead). */
  isInTable: boolean;
  /** Which band of the table it sits in. */
  group: 'location' | 'contacts' | 'opportunities' | 'payments' | 'status';
  /** One sentence from docs/metrics.md, the header's tooltip. */
  help: string;
  /** Where its definition is written. */
  definition: `docs/metrics.md#${string}`;
};

const METRICS = 'docs/metrics.md#the-metrics' as const;
const PERIOD = 'docs/metrics.md#which-locations-which-days' as const;

/** The columns, in the CSV's order. */
export const LOCATIONS_REPORT_COLUMNS = [
  {
    key: 'locationId',
    header: 'location_id',
    label: 'Location id',
    kind: 'text',
    isInTable: false,
    group: 'location',
    help: "The GHL sub-account's id.",
    definition: PERIOD,
  },
  {
    key: 'locationName',
    header: 'location_name',
    label: 'Location',
    kind: 'text',
    isInTable: true,
    group: 'location',
    help: 'The GHL sub-account.',
    definition: PERIOD,
  },
  {
    key: 'timezone',
    header: 'timezone',
    label: 'Time zone',
    kind: 'text',
    isInTable: true,
    group: 'location',
    help: "The location's time zone: its days are counted in it.",
    definition: PERIOD,
  },
  {
    key: 'currency',
    header: 'currency',
    label: 'Currency',
    kind: 'text',
    entity: 'transactions',
    isInTable: true,
    group: 'location',
    help: 'Currency of the payment columns; one row per currency paid in.',
    definition: 'docs/metrics.md#currencies',
  },
  {
    key: 'newContacts',
    header: 'new_contacts',
    label: 'New contacts',
    kind: 'count',
    entity: 'contacts',
    total: 'per-location',
    card: 'New contacts',
    isInTable: true,
    group: 'contacts',
    help: 'Contacts added in the period.',
    definition: METRICS,
  },
  {
    key: 'totalContacts',
    header: 'total_contacts',
    label: 'Total contacts',
    kind: 'count',
    entity: 'contacts',
    total: 'per-location',
    card: 'Total contacts',
    isInTable: true,
    group: 'contacts',
    help: 'Contacts that exist now and were added by the last day.',
    definition: METRICS,
  },
  {
    key: 'opportunitiesCreated',
    header: 'opportunities_created',
    label: 'Opps created',
    kind: 'count',
    entity: 'opportunities',
    total: 'per-location',
    card: 'Opportunities created',
    isInTable: true,
    group: 'opportunities',
    help: 'Opportunities created in the period.',
    definition: METRICS,
  },
  {
    key: 'opportunitiesWon',
    header: 'opportunities_won',
    label: 'Opps won',
    kind: 'count',
    entity: 'opportunities',
    total: 'per-location',
    isInTable: true,
    group: 'opportunities',
    help: 'Opportunities won now whose last status change is in the period.',
    definition: METRICS,
  },
  {
    key: 'opportunitiesLost',
    header: 'opportunities_lost',
    label: 'Opps lost',
    kind: 'count',
    entity: 'opportunities',
    total: 'per-location',
    isInTable: true,
    group: 'opportunities',
    help: 'Opportunities lost now whose last status change is in the period.',
    definition: METRICS,
  },
  {
    key: 'wonValue',
    header: 'won_value',
    label: 'Won value',
    kind: 'money',
    entity: 'opportunities',
    currency: 'location',
    isInTable: true,
    group: 'opportunities',
    help: "Value of the won opportunities, in the location's own currency.",
    definition: METRICS,
  },
  {
    key: 'openPipelineValue',
    header: 'open_pipeline_value',
    label: 'Open pipeline',
    kind: 'money',
    entity: 'opportunities',
    currency: 'location',
    isInTable: true,
    group: 'opportunities',
    help: "Value of every open opportunity now, in the location's own currency.",
    definition: METRICS,
  },
  {
    key: 'winRate',
    header: 'win_rate',
    label: 'Win rate',
    kind: 'rate',
    entity: 'opportunities',
    derive: (row) =>
      row.opportunitiesWon === null
        ? null
        : winRate(row.opportunitiesWon, row.opportunitiesLost ?? 0),
    isInTable: true,
    group: 'opportunities',
    help: 'Won / (won + lost) in the period.',
    definition: METRICS,
  },
  {
    key: 'paymentsCount',
    header: 'payments_count',
    label: 'Payments',
    kind: 'count',
    entity: 'transactions',
    total: 'per-currency',
    isInTable: true,
    group: 'payments',
    help: 'Live succeeded or refunded payments created in the period.',
    definition: METRICS,
  },
  {
    key: 'paymentsGross',
    header: 'payments_gross',
    label: 'Gross',
    kind: 'money',
    entity: 'transactions',
    currency: 'row',
    total: 'per-currency',
    isInTable: true,
    group: 'payments',
    help: 'Sum of those payments.',
    definition: METRICS,
  },
  {
    key: 'paymentsRefunded',
    header: 'payments_refunded',
    label: 'Refunded',
    kind: 'money',
    entity: 'transactions',
    currency: 'row',
    total: 'per-currency',
    isInTable: true,
    group: 'payments',
    help: 'Refunded so far on those payments.',
    definition: METRICS,
  },
  {
    key: 'paymentsNet',
    header: 'payments_net',
    label: 'Net',
    kind: 'money',
    entity: 'transactions',
    currency: 'row',
    total: 'per-currency',
    isInTable: true,
    group: 'payments',
    help: 'Gross minus refunded.',
    definition: METRICS,
  },
  {
    key: 'activeSubscriptions',
    header: 'active_subscriptions',
    label: 'Active subs',
    kind: 'count',
    entity: 'subscriptions',
    total: 'per-location',
    isInTable: true,
    group: 'status',
    help: 'Live subscriptions active now.',
    definition: METRICS,
  },
  {
    key: 'dataAsOf',
    header: 'data_as_of',
    label: 'Data as of',
    kind: 'time',
    isInTable: true,
    group: 'status',
    help: 'When every entity of the location last finished syncing.',
    definition: METRICS,
  },
] as const satisfies readonly LocationsReportColumn[];

/** The counts the summary adds up once per location (repeated on each of its currency rows). */
export type LocationCount = Extract<
  (typeof LOCATIONS_REPORT_COLUMNS)[number],
  { total: 'per-location' }
>['key'];

/** The per-location counts, in column order. */
export const LOCATION_COUNTS: readonly LocationCount[] = LOCATIONS_REPORT_COLUMNS.flatMap(
  (column) => ('total' in column && column.total === 'per-location' ? [column.key] : []),
);

/** The CSV header line's fields, in order. */
export const LOCATIONS_CSV_HEADERS: readonly string[] = LOCATIONS_REPORT_COLUMNS.map(
  (column) => column.header,
);

/** One column by key. */
export function locationsReportColumn(key: ColumnKey): LocationsReportColumn {
  const column: LocationsReportColumn | undefined = LOCATIONS_REPORT_COLUMNS.find(
    (c) => c.key === key,
  );
  if (!column) throw new Error(`no locations report column "${key}"`);
  return column;
}
