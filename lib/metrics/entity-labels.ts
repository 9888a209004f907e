import type { ReportEntity } from '@/lib/metrics/entity-availability-sql';
import type { SyncEntity } from '@/lib/sync/types';

/**
 * How entities are named to people, in one place for the pages (and the coming emails): `ENTITY_LABELS`
 * as headings ("Transactions"), `ENTITY_NAMES` inside sentences ("payments (transactions)").
 */
export const ENTITY_LABELS: Record<SyncEntity, string> = {
  contacts: 'Contacts',
  opportunities: 'Opportunities',
  pipelines: 'Pipelines',
  transactions: 'Transactions',
  orders: 'Orders',
  subscriptions: 'Subscriptions',
};

/** The name of a report entity in a sentence ("payments" reads better than "transactions"). */
export const ENTITY_NAMES: Record<ReportEntity, string> = {
  contacts: 'contacts',
  opportunities: 'opportunities',
  transactions: 'payments (transactions)',
  subscriptions: 'subscriptions',
};

/** Why a value is empty: which entity could not be read for which location, and where to look. */
export function unavailableMessage(entity: ReportEntity, locationName: string): string {
  return `Unavailable: ${ENTITY_NAMES[entity]} could not be read for ${locationName}. Run npm run cli -- status to see why and how to fix it.`;
}
