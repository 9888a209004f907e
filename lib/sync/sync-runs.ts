import 'server-only';
import type { Db } from '@/lib/db/client';
import type { SyncMode } from './types';

/**
 * `sync_runs` bookkeeping: one row per CLI run or scheduled tick. Location jobs report in with
 * `recordLocationDone`; the last one closes the run (`ok`, or `partial` when any location had a
 * problem, whose summary accumulates in `error`).
 */

/** Opens a run in status `running`. */
export async function createSyncRun(db: Db, mode: SyncMode, trigger: string): Promise<string> {
  const run = await db.syncRun.create({ data: { mode, trigger, status: 'running' } });
  return run.id;
}

/**
 * Sets how many locations the run covers; closes it when that many already reported in (or 0).
 * Jobs may finish before the enqueuer lowers the total to what it could queue.
 */
export async function setRunTotal(db: Db, runId: string, total: number): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_runs SET locations_total = ${total},
      status = CASE WHEN status = 'running' AND locations_done >= ${total}
        THEN (CASE WHEN error IS NULL THEN 'ok' ELSE 'partial' END) ELSE status END,
      finished_at = CASE WHEN status = 'running' AND locations_done >= ${total} THEN now() ELSE finished_at END
    WHERE id = ${runId}::uuid`;
}

/**
 * Counts one location as done (at most `locations_total`); `problem` (one line) marks the run
 * partial. Closes the run when the last location reports in.
 */
export async function recordLocationDone(
  db: Db,
  runId: string,
  problem: string | null,
): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_runs SET
      locations_done = LEAST(locations_done + 1, locations_total),
      error = CASE WHEN ${problem}::text IS NULL THEN error ELSE left(COALESCE(error || E'\n', '') || ${problem}::text, 20000) END,
      status = CASE WHEN locations_done + 1 >= locations_total
        THEN (CASE WHEN error IS NULL AND ${problem}::text IS NULL THEN 'ok' ELSE 'partial' END) ELSE status END,
      finished_at = CASE WHEN locations_done + 1 >= locations_total THEN now() ELSE finished_at END
    WHERE id = ${runId}::uuid AND status = 'running'`;
}

/** Closes a run explicitly (the CLI at its end; `failed` with the fatal message). */
export async function finishSyncRun(
  db: Db,
  runId: string,
  status: 'ok' | 'partial' | 'failed',
  error: string | null,
): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_runs SET status = ${status}, finished_at = now(),
      error = CASE WHEN ${error}::text IS NULL THEN error ELSE left(COALESCE(error || E'\n', '') || ${error}::text, 20000) END
    WHERE id = ${runId}::uuid`;
}
