import 'server-only';
import type { OrderRow, SubscriptionRow, TransactionRow } from '../transform';
import { Prisma } from '@/lib/db/generated/client';
import {
  COUNT_ONLY,
  instantsOf,
  type ChangedInstants,
  type Deleted,
  type PageWrite,
  type Sql,
} from './sql';

/**
 * Upserts one page of transactions in one statement (with the page's checkpoint CTE); returns old
 * and new `createdAt` of rows that are new or whose status, mode, amounts or currency changed
 * (what the payment rollups read).
 */
export async function upsertTransactions(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<TransactionRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  const changed = await sql.$queryRaw<ChangedInstants[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.liveMode)}::boolean[], ${rows.map((r) => r.amount)}::numeric[],
        ${rows.map((r) => r.amountRefunded)}::numeric[], ${rows.map((r) => r.currency)}::text[],
        ${rows.map((r) => r.createdAt)}::timestamptz[], ${rows.map((r) => r.updatedAt)}::timestamptz[],
        ${rows.map((r) => r.entitySourceType)}::text[]
      ) AS u(id, status, live_mode, amount, amount_refunded, currency, created_at, updated_at, entity_source_type)
    ), old AS (
      SELECT t.id, t.status, t.live_mode, t.amount, t.amount_refunded, t.currency, t.created_at FROM transactions t
      WHERE t.location_id = ${locationId} AND t.id IN (SELECT id FROM input)
    ), up AS (
      INSERT INTO transactions AS t (location_id, id, status, live_mode, amount, amount_refunded, currency,
        created_at, updated_at, entity_source_type, seen_at)
      SELECT ${locationId}, id, status, live_mode, amount, amount_refunded, currency,
        created_at, updated_at, entity_source_type, ${write.seenAt} FROM input
      ON CONFLICT (location_id, id) DO UPDATE SET
        status = EXCLUDED.status, live_mode = EXCLUDED.live_mode, amount = EXCLUDED.amount,
        amount_refunded = EXCLUDED.amount_refunded, currency = EXCLUDED.currency,
        created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        entity_source_type = EXCLUDED.entity_source_type, seen_at = EXCLUDED.seen_at
      WHERE ${write.rewriteUnchanged}
        OR (t.status, t.live_mode, t.amount, t.amount_refunded, t.currency, t.created_at, t.updated_at, t.entity_source_type)
           IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.live_mode, EXCLUDED.amount, EXCLUDED.amount_refunded,
             EXCLUDED.currency, EXCLUDED.created_at, EXCLUDED.updated_at, EXCLUDED.entity_source_type)
      RETURNING id, status, live_mode, amount, amount_refunded, currency, created_at
    )${write.also}
    ${
      write.wantInstants
        ? Prisma.sql`
    SELECT old.created_at AS old_a, up.created_at AS new_a
      FROM up LEFT JOIN old ON old.id = up.id
      WHERE old.id IS NULL
         OR (old.status, old.live_mode, old.amount, old.amount_refunded, old.currency, old.created_at)
            IS DISTINCT FROM (up.status, up.live_mode, up.amount, up.amount_refunded, up.currency, up.created_at)`
        : COUNT_ONLY
    }`;
  return write.wantInstants ? instantsOf(changed) : [];
}

/** Upserts one page of orders (not part of the daily rollups, so nothing is returned). */
export async function upsertOrders(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<OrderRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  await sql.$queryRaw`
    WITH up AS (
      INSERT INTO orders AS o (location_id, id, status, live_mode, amount, currency, created_at, updated_at, source_type, seen_at)
      SELECT ${locationId}, u.*, ${write.seenAt} FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.liveMode)}::boolean[], ${rows.map((r) => r.amount)}::numeric[],
        ${rows.map((r) => r.currency)}::text[], ${rows.map((r) => r.createdAt)}::timestamptz[],
        ${rows.map((r) => r.updatedAt)}::timestamptz[], ${rows.map((r) => r.sourceType)}::text[]
      ) AS u(id, status, live_mode, amount, currency, created_at, updated_at, source_type)
      ON CONFLICT (location_id, id) DO UPDATE SET
        status = EXCLUDED.status, live_mode = EXCLUDED.live_mode, amount = EXCLUDED.amount,
        currency = EXCLUDED.currency, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        source_type = EXCLUDED.source_type, seen_at = EXCLUDED.seen_at
      WHERE ${write.rewriteUnchanged}
        OR (o.status, o.live_mode, o.amount, o.currency, o.created_at, o.updated_at, o.source_type)
           IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.live_mode, EXCLUDED.amount, EXCLUDED.currency,
             EXCLUDED.created_at, EXCLUDED.updated_at, EXCLUDED.source_type)
      RETURNING 1
    )${write.also}
    SELECT count(*) FROM up`;
  return [];
}

/** Upserts one page of subscriptions (not part of the daily rollups, so nothing is returned). */
export async function upsertSubscriptions(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<SubscriptionRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  await sql.$queryRaw`
    WITH up AS (
      INSERT INTO subscriptions AS s (location_id, id, status, live_mode, amount, currency, created_at, updated_at, entity_source_type, seen_at)
      SELECT ${locationId}, u.*, ${write.seenAt} FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.liveMode)}::boolean[], ${rows.map((r) => r.amount)}::numeric[],
        ${rows.map((r) => r.currency)}::text[], ${rows.map((r) => r.createdAt)}::timestamptz[],
        ${rows.map((r) => r.updatedAt)}::timestamptz[], ${rows.map((r) => r.entitySourceType)}::text[]
      ) AS u(id, status, live_mode, amount, currency, created_at, updated_at, entity_source_type)
      ON CONFLICT (location_id, id) DO UPDATE SET
        status = EXCLUDED.status, live_mode = EXCLUDED.live_mode, amount = EXCLUDED.amount,
        currency = EXCLUDED.currency, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
        entity_source_type = EXCLUDED.entity_source_type, seen_at = EXCLUDED.seen_at
      WHERE ${write.rewriteUnchanged}
        OR (s.status, s.live_mode, s.amount, s.currency, s.created_at, s.updated_at, s.entity_source_type)
           IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.live_mode, EXCLUDED.amount, EXCLUDED.currency,
             EXCLUDED.created_at, EXCLUDED.updated_at, EXCLUDED.entity_source_type)
      RETURNING 1
    )${write.also}
    SELECT count(*) FROM up`;
  return [];
}

/** Deletes transactions a complete read did not see; returns their `createdAt` instants. */
export async function deleteUnseenTransactions(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const rows = await sql.$queryRaw<Array<{ old_a: Date }>>`
    DELETE FROM transactions WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}
    RETURNING created_at AS old_a`;
  return { count: rows.length, instants: instantsOf(rows) };
}

/** Deletes orders a complete read did not see. */
export async function deleteUnseenOrders(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const count =
    await sql.$executeRaw`DELETE FROM orders WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}`;
  return { count, instants: [] };
}

/** Deletes subscriptions a complete read did not see. */
export async function deleteUnseenSubscriptions(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const count =
    await sql.$executeRaw`DELETE FROM subscriptions WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}`;
  return { count, instants: [] };
}
