import { money } from './context';
import { Rng } from './prng';
import type {
  AnyRecord,
  Contact,
  EntityName,
  JsonObject,
  Opportunity,
  Order,
  Subscription,
  Transaction,
} from './types';

/**
 * What an update changes. Every update bumps the record's updated timestamp to `at`; the other
 * changes are the ones reports care about (status moves, refunds, cancellations, value edits).
 */
export function autoPatch(
  entity: EntityName,
  rec: AnyRecord,
  at: number,
  hash: number,
): JsonObject {
  const rng = new Rng(hash);
  const when = new Date(at).toISOString();
  switch (entity) {
    case 'contacts': {
      const contact = rec as Contact;
      const tags = contact.tags.includes('updated')
        ? contact.tags.filter((t) => t !== 'updated')
        : [...contact.tags, 'updated'];
      return { dateUpdated: when, tags, type: rng.chance(0.3) ? 'customer' : contact.type };
    }
    case 'opportunities': {
      const opp = rec as Opportunity;
      const set: JsonObject = { updatedAt: when, lastActionDate: when };
      if (opp.status === 'open') {
        const next = rng.weighted([
          ['won', 0.4],
          ['lost', 0.3],
          ['open', 0.3],
        ] as const);
        if (next !== 'open') {
          set.status = next;
          set.lastStatusChangeAt = when;
        } else {
          set.monetaryValue = bump(opp.monetaryValue, rng.int(1, 500) + rng.int(0, 99) / 100);
        }
      } else if (rng.chance(0.3)) {
        set.status = 'open';
        set.lastStatusChangeAt = when;
      } else {
        set.monetaryValue = bump(opp.monetaryValue, opp.monetaryValue * 0.1);
      }
      return set;
    }
    case 'transactions': {
      const txn = rec as Transaction;
      if (txn.status === 'succeeded') {
        const full = rng.chance(0.5);
        return {
          updatedAt: when,
          status: full ? 'refunded' : 'partially_refunded',
          amountRefunded: full ? txn.amount : money(txn.amount * 0.5, txn.currency),
        };
      }
      return { updatedAt: when };
    }
    case 'orders': {
      const order = rec as Order;
      if (order.status === 'pending')
        return { updatedAt: when, status: 'completed', paymentStatus: 'paid' };
      return {
        updatedAt: when,
        fulfillmentStatus: order.fulfillmentStatus === 'fulfilled' ? 'unfulfilled' : 'fulfilled',
      };
    }
    case 'subscriptions': {
      const sub = rec as Subscription;
      if (sub.status === 'active') return { updatedAt: when, status: 'canceled', canceledAt: when };
      return { updatedAt: when, status: 'active' };
    }
  }
}

/** Adds `delta`, keeping whole-unit values (zero-decimal currencies) whole and others in cents. */
function bump(value: number, delta: number): number {
  if (Number.isInteger(value)) return value + Math.max(1, Math.round(delta));
  return Math.round((value + delta) * 100) / 100;
}

/** Completes a caller-given patch with the timestamps an update must bump. */
export function withTimestamps(
  entity: EntityName,
  rec: AnyRecord,
  at: number,
  set: JsonObject,
): JsonObject {
  const when = new Date(at).toISOString();
  const out: JsonObject = entity === 'contacts' ? { dateUpdated: when } : { updatedAt: when };
  if (entity === 'opportunities') {
    const opp = rec as Opportunity;
    out.lastActionDate = when;
    if (set.status !== undefined && set.status !== opp.status) out.lastStatusChangeAt = when;
    if (set.pipelineStageId !== undefined && set.pipelineStageId !== opp.pipelineStageId)
      out.lastStageChangeAt = when;
  }
  return { ...out, ...set };
}

/** The field holding the "updated" instant for each entity. */
export const UPDATED_FIELD: Record<EntityName, string> = {
  contacts: 'dateUpdated',
  opportunities: 'updatedAt',
  transactions: 'updatedAt',
  orders: 'updatedAt',
  subscriptions: 'updatedAt',
};
