import 'server-only';
import type { Db } from '@/lib/db/client';

/**
 * The first statement of a report's transaction: `SET LOCAL jit = off` and no parallel workers,
 * until the transaction ends. At agency scale PostgreSQL planned the report statements above its
 * JIT threshold, and compiling them took longer (~136 ms measured) than running them; the stored
 * sums leave each statement tens of thousands of rows at most, where starting parallel workers
 * costs more than it saves (most of all on a busy machine).
 */
export function jitOff(db: Db) {
  return db.$executeRaw`SELECT set_config('jit', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true)`;
}
