import 'server-only';
import { Prisma } from '@/lib/db/generated/client';
import type { RecordEntity } from '@/lib/ghl/client';
import type { SyncContext } from './context';
import { refreshRecord } from './refresh-record';

const TABLES: Record<RecordEntity, Prisma.Sql> = {
  contacts: Prisma.sql`contacts`,
  opportunities: Prisma.sql`opportunities`,
  transactions: Prisma.sql`transactions`,
  orders: Prisma.sql`orders`,
  subscriptions: Prisma.sql`subscriptions`,
};

/** Records re-read at once: the limiter spaces them within the location's budget. */
const AT_ONCE = 4;

/**
 * Before a split full read deletes what it did not see: re-reads by id every cached row of the
 * entity whose `seen_at` is older than the run (one request each). Several cursors can miss a
 * record that moved between them mid-read (a deal that changed status, a payment shifted past an
 * offset range); a 404 deletes the row, anything else is written with the run's `seen_at`, so
 * the reconcile after it deletes only what GHL no longer has. Returns the rows re-read, the rows
 * deleted, and the instants whose days the caller recomputes.
 */
export async function rereadUnseen(
  ctx: SyncContext,
  entity: RecordEntity,
  locationId: string,
  runStartedAt: Date,
  signal: AbortSignal | undefined,
): Promise<{ records: number; deleted: number; instants: Date[] }> {
  const rows = await ctx.db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM ${TABLES[entity]}
    WHERE location_id = ${locationId} AND seen_at < ${runStartedAt} ORDER BY id`;
  const queue = rows.map((r) => r.id);
  const instants: Date[] = [];
  let records = 0;
  let deleted = 0;
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const result = await refreshRecord(
        ctx,
        { locationId, entity, recordId: id, action: 'upsert' },
        { signal, seenAt: runStartedAt },
      );
      if (result.outcome === 'deleted') deleted++;
      else records++;
      instants.push(...result.instants);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, queue.length) }, worker));
  return { records, deleted, instants };
}
