import 'server-only';
import type { Db } from '@/lib/db/client';

/**
 * `SET LOCAL jit = off`, the first statement of a report's transaction. The report statements
 * are planned above PostgreSQL's JIT cost threshold at agency scale, and compiling them took
 * longer (~136 ms measured) than running them; the setting ends with the transaction.
 */
export function jitOff(db: Db) {
  return db.$executeRaw`SET LOCAL jit = off`;
}
