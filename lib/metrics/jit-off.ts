import 'server-only';
import { Prisma } from '@/lib/db/generated/client';

/**
 * Two columns for the first statement of a report's transaction (the one that reads the data
 * version, so it costs no round trip of its own): `SET LOCAL jit = off` and no parallel workers,
 * until the transaction ends. At agency scale PostgreSQL planned the report statements above its
 * JIT threshold, and compiling them took longer (~136 ms measured) than running them; the stored
 * sums leave each statement tens of thousands of rows at most, where starting parallel workers
 * costs more than it saves (most of all on a busy machine).
 */
export function jitOff(): Prisma.Sql {
  return Prisma.sql`set_config('jit', 'off', true) AS jit,
    set_config('max_parallel_workers_per_gather', '0', true) AS parallel_workers`;
}
