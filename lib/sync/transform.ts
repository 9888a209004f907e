import type {
  GhlContact,
  GhlOpportunity,
  GhlOrder,
  GhlPipeline,
  GhlSubscription,
  GhlTransaction,
} from '@/lib/ghl/client';
import type { SyncEntity } from './types';

/**
 * API record → cache row. Facts only: names, emails, phones and every other personal field of
 * the API records are dropped here and never reach the database. Money becomes a decimal string
 * (Postgres NUMERIC does the rounding; JS floats never do arithmetic on it), timestamps become
 * canonical ISO strings.
 */

/** A record that passed the client's schema but cannot be stored (e.g. an amount out of range). */
export class TransformError extends Error {
  override name = 'TransformError';
  constructor(
    readonly entity: SyncEntity,
    readonly recordId: string,
    readonly fieldPath: string,
    readonly problem: string,
  ) {
    super(`record ${recordId}, field "${fieldPath}": ${problem}`);
  }
}

export type ContactRow = {
  id: string;
  dateAdded: string;
  dateUpdated: string | null;
  source: string | null;
  type: string | null;
};
export type OpportunityRow = {
  id: string;
  pipelineId: string;
  stageId: string | null;
  status: string;
  monetaryValue: string | null;
  source: string | null;
  createdAt: string;
  updatedAt: string | null;
  lastStatusChangeAt: string | null;
};
export type TransactionRow = {
  id: string;
  status: string;
  liveMode: boolean;
  amount: string;
  amountRefunded: string;
  currency: string;
  createdAt: string;
  updatedAt: string | null;
  entitySourceType: string | null;
};
export type OrderRow = {
  id: string;
  status: string;
  liveMode: boolean;
  amount: string;
  currency: string;
  createdAt: string;
  updatedAt: string | null;
  sourceType: string | null;
};
export type SubscriptionRow = {
  id: string;
  status: string;
  liveMode: boolean;
  amount: string;
  currency: string;
  createdAt: string;
  updatedAt: string | null;
  entitySourceType: string | null;
};
export type PipelineStageRow = { id: string; pipelineId: string; name: string; position: number };
export type PipelineRow = { id: string; name: string; stages: PipelineStageRow[] };

/** NUMERIC(18, scale) holds at most 18 - scale integer digits. */
function decimal(
  value: number,
  scale: number,
  entity: SyncEntity,
  recordId: string,
  field: string,
): string {
  if (!Number.isFinite(value))
    throw new TransformError(entity, recordId, field, `expected a finite number, got ${value}`);
  if (Math.abs(value) >= 10 ** (18 - scale)) {
    throw new TransformError(
      entity,
      recordId,
      field,
      `amount ${value} is out of range (at most ${18 - scale} integer digits)`,
    );
  }
  return String(value);
}

/** Already canonical (UTC, milliseconds): GHL's usual form, kept without a Date round trip. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function iso(value: string, entity: SyncEntity, recordId: string, field: string): string {
  if (CANONICAL_ISO.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new TransformError(entity, recordId, field, `expected an ISO timestamp, got "${value}"`);
  return new Date(ms).toISOString();
}

function isoOrNull(
  value: string | null | undefined,
  entity: SyncEntity,
  recordId: string,
  field: string,
): string | null {
  return value === null || value === undefined ? null : iso(value, entity, recordId, field);
}

/** Contact → row: when it was added/updated, its source and type. No name, email or phone. */
export function contactToRow(c: GhlContact): ContactRow {
  return {
    id: c.id,
    dateAdded: iso(c.dateAdded, 'contacts', c.id, 'dateAdded'),
    dateUpdated: isoOrNull(c.dateUpdated, 'contacts', c.id, 'dateUpdated'),
    source: c.source ?? null,
    type: c.type ?? null,
  };
}

/** Opportunity → row: pipeline, stage, status, value and its dates. No name or contact details. */
export function opportunityToRow(o: GhlOpportunity): OpportunityRow {
  return {
    id: o.id,
    pipelineId: o.pipelineId,
    stageId: o.pipelineStageId || null,
    status: o.status,
    monetaryValue:
      o.monetaryValue === null
        ? null
        : decimal(o.monetaryValue, 2, 'opportunities', o.id, 'monetaryValue'),
    source: o.source ?? null,
    createdAt: iso(o.createdAt, 'opportunities', o.id, 'createdAt'),
    updatedAt: isoOrNull(o.updatedAt, 'opportunities', o.id, 'updatedAt'),
    lastStatusChangeAt: isoOrNull(
      o.lastStatusChangeAt,
      'opportunities',
      o.id,
      'lastStatusChangeAt',
    ),
  };
}

/** The columns every payments row shares (contact names/emails and provider snapshots are dropped). */
function paymentToRow(
  entity: 'transactions' | 'orders' | 'subscriptions',
  p: GhlOrder | GhlTransaction | GhlSubscription,
) {
  return {
    id: p._id,
    status: p.status,
    liveMode: p.liveMode,
    amount: decimal(p.amount, 4, entity, p._id, 'amount'),
    currency: p.currency.toUpperCase(),
    createdAt: iso(p.createdAt, entity, p._id, 'createdAt'),
    updatedAt: isoOrNull(p.updatedAt, entity, p._id, 'updatedAt'),
  };
}

/** Transaction → row. */
export function transactionToRow(t: GhlTransaction): TransactionRow {
  return {
    ...paymentToRow('transactions', t),
    amountRefunded: decimal(t.amountRefunded ?? 0, 4, 'transactions', t._id, 'amountRefunded'),
    entitySourceType: t.entitySourceType ?? null,
  };
}

/** Order → row. */
export function orderToRow(o: GhlOrder): OrderRow {
  return { ...paymentToRow('orders', o), sourceType: o.sourceType ?? null };
}

/** Subscription → row. */
export function subscriptionToRow(s: GhlSubscription): SubscriptionRow {
  return {
    ...paymentToRow('subscriptions', s),
    entitySourceType: s.entitySourceType ?? null,
  };
}

/** Pipeline → row with its stages; a stage without a position gets its index in GHL's order. */
export function pipelineToRow(p: GhlPipeline): PipelineRow {
  return {
    id: p.id,
    name: p.name,
    stages: p.stages.map((stage, index) => ({
      id: stage.id,
      pipelineId: p.id,
      name: stage.name,
      position:
        typeof stage.position === 'number' && Number.isInteger(stage.position)
          ? stage.position
          : index,
    })),
  };
}

/** Keeps the last occurrence of each id (one statement must not upsert a row twice). */
export function dedupeById<T extends { id: string }>(rows: ReadonlyArray<T>): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()];
}
