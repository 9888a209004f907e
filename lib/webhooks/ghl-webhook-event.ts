import { z } from 'zod';

/**
 * The part of a GHL webhook body we read (docs/sync.md, "Webhooks"). Payloads differ per event
 * and may lack documented fields, so everything but the envelope is optional: an event is a hint
 * ("re-read record X of location L"), never data we store.
 */
export const ghlWebhookEventSchema = z.looseObject({
  type: z.string().trim().min(1).max(100),
  webhookId: z.string().trim().min(1).max(200),
  timestamp: z.iso.datetime({ offset: true }),
  locationId: z.string().trim().min(1).max(100).optional(),
  /** Contacts and opportunities. */
  id: z.string().trim().min(1).max(100).optional(),
  /** Orders, transactions, subscriptions (Mongo ids). */
  _id: z.string().trim().min(1).max(100).optional(),
  /** Payments records name their location here (`altType: location`). */
  altId: z.string().trim().min(1).max(100).optional(),
});
export type GhlWebhookEvent = z.infer<typeof ghlWebhookEventSchema>;

export type HintEntity = 'contacts' | 'opportunities' | 'transactions' | 'orders' | 'subscriptions';

/** What an event asks the sync to do, or null for events that touch nothing we cache. */
export type RecordHint = {
  locationId: string;
  entity: HintEntity;
  recordId: string;
  action: 'upsert' | 'delete';
};

/** Event type prefixes → the entity they are about (GHL names, plus Transaction… and Subscription…). */
const PREFIXES: ReadonlyArray<readonly [string, HintEntity]> = [
  ['Contact', 'contacts'],
  ['Opportunity', 'opportunities'],
  ['Transaction', 'transactions'],
  ['Payment', 'transactions'],
  ['Order', 'orders'],
  ['Subscription', 'subscriptions'],
];

/**
 * The record an event is about: ContactCreate/Update/Delete/TagUpdate/DndUpdate → contacts,
 * Opportunity… → opportunities, Order… → orders, Transaction… or Payment… → transactions,
 * Subscription… → subscriptions; `…Delete` deletes, anything else re-reads. Notes, tasks,
 * invoices, appointments and app events return null (recorded, nothing to refresh).
 */
export function hintOf(event: GhlWebhookEvent): RecordHint | null {
  const match = PREFIXES.find(([prefix]) => event.type.startsWith(prefix));
  if (!match) return null;
  const [, entity] = match;
  const recordId = entity === 'contacts' || entity === 'opportunities' ? event.id : event._id;
  const locationId = event.locationId ?? event.altId;
  if (!recordId || !locationId) return null;
  return {
    locationId,
    entity,
    recordId,
    action: event.type.endsWith('Delete') ? 'delete' : 'upsert',
  };
}
