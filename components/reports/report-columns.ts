import type { LocationsReportRow, ReportEntity } from '@/lib/metrics/get-locations-report';

export type ColumnId = Exclude<keyof LocationsReportRow, 'locationId' | 'unavailable'>;
export type ColumnKind = 'text' | 'count' | 'money' | 'rate' | 'time';

export type ReportColumn = {
  id: ColumnId;
  label: string;
  kind: ColumnKind;
  /** The entity the value is read from; when it is unavailable the cell is "unavailable". */
  entity?: ReportEntity;
  /** One sentence from docs/metrics.md, shown as the header's tooltip. */
  help: string;
};

/** The roll-up table's columns: the locations report's, in the CSV's order. */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
  { id: 'locationName', label: 'Location', kind: 'text', help: 'The GHL sub-account.' },
  {
    id: 'timezone',
    label: 'Time zone',
    kind: 'text',
    help: "The location's time zone: its days are counted in it.",
  },
  {
    id: 'currency',
    label: 'Currency',
    kind: 'text',
    entity: 'transactions',
    help: 'Currency of the payment columns; one row per currency paid in.',
  },
  {
    id: 'newContacts',
    label: 'New contacts',
    kind: 'count',
    entity: 'contacts',
    help: 'Contacts added in the period.',
  },
  {
    id: 'totalContacts',
    label: 'Total contacts',
    kind: 'count',
    entity: 'contacts',
    help: 'Contacts that exist now and were added by the last day.',
  },
  {
    id: 'opportunitiesCreated',
    label: 'Opps created',
    kind: 'count',
    entity: 'opportunities',
    help: 'Opportunities created in the period.',
  },
  {
    id: 'opportunitiesWon',
    label: 'Opps won',
    kind: 'count',
    entity: 'opportunities',
    help: 'Opportunities won now whose last status change is in the period.',
  },
  {
    id: 'opportunitiesLost',
    label: 'Opps lost',
    kind: 'count',
    entity: 'opportunities',
    help: 'Opportunities lost now whose last status change is in the period.',
  },
  {
    id: 'wonValue',
    label: 'Won value',
    kind: 'money',
    entity: 'opportunities',
    help: "Value of the won opportunities, in the location's own currency.",
  },
  {
    id: 'openPipelineValue',
    label: 'Open pipeline',
    kind: 'money',
    entity: 'opportunities',
    help: "Value of every open opportunity now, in the location's own currency.",
  },
  {
    id: 'winRate',
    label: 'Win rate',
    kind: 'rate',
    entity: 'opportunities',
    help: 'Won / (won + lost) in the period.',
  },
  {
    id: 'paymentsCount',
    label: 'Payments',
    kind: 'count',
    entity: 'transactions',
    help: 'Live succeeded or refunded payments created in the period.',
  },
  {
    id: 'paymentsGross',
    label: 'Gross',
    kind: 'money',
    entity: 'transactions',
    help: 'Sum of those payments.',
  },
  {
    id: 'paymentsRefunded',
    label: 'Refunded',
    kind: 'money',
    entity: 'transactions',
    help: 'Refunded so far on those payments.',
  },
  {
    id: 'paymentsNet',
    label: 'Net',
    kind: 'money',
    entity: 'transactions',
    help: 'Gross minus refunded.',
  },
  {
    id: 'activeSubscriptions',
    label: 'Active subs',
    kind: 'count',
    entity: 'subscriptions',
    help: 'Live subscriptions active now.',
  },
  {
    id: 'dataAsOf',
    label: 'Data as of',
    kind: 'time',
    help: 'When every entity of the location last finished syncing.',
  },
];

/** The human name of an entity in messages ("payments" reads better than "transactions"). */
export const ENTITY_NAMES: Record<ReportEntity, string> = {
  contacts: 'contacts',
  opportunities: 'opportunities',
  transactions: 'payments (transactions)',
  subscriptions: 'subscriptions',
};

/** Why a cell is empty: which entity could not be read for which location, and where to look. */
export function unavailableMessage(entity: ReportEntity, locationName: string): string {
  return `Unavailable: ${ENTITY_NAMES[entity]} could not be read for ${locationName}. Run npm run cli -- status to see why and how to fix it.`;
}
