import 'server-only';

import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';

export type SyncProgress = {
  runId: string;
  mode: string;
  /** running | ok | partial | failed */
  status: string;
  /** `web` (Sync now), `schedule`, `cli`… */
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  isRunning: boolean;
  /** 0 until the agency job has discovered the locations. */
  locationsTotal: number;
  locationsDone: number;
  /** Records read by this run so far (entities in flight and those it finished). */
  records: number;
  /** GHL requests logged since the hour the run started (the call log is hourly, per token). */
  requests: number;
  /** One line per location problem, as the run recorded them. */
  problems: string[];
};

type Row = {
  id: string;
  mode: string;
  status: string;
  trigger: string;
  started_at: Date;
  finished_at: Date | null;
  locations_total: number;
  locations_done: number;
  error: string | null;
  records: number;
  requests: number;
};

/**
 * Progress of one sync run (or the latest when `runId` is omitted), read from the database only,
 * so any page (after a reload too) sees what the worker is doing: locations done of total, records
 * read, GHL requests and problems as they are recorded. Null when there is no such run.
 */
export async function getSyncProgress(db: Db, runId?: string | null): Promise<SyncProgress | null> {
  const which = runId
    ? Prisma.sql`r.id = ${runId}::uuid`
    : Prisma.sql`r.id = (SELECT id FROM sync_runs ORDER BY started_at DESC LIMIT 1)`;
  const [row] = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.mode, r.status, r.trigger, r.started_at, r.finished_at,
           r.locations_total, r.locations_done, r.error,
           (SELECT COALESCE(SUM(c.records_seen), 0)::int FROM sync_checkpoints c
             WHERE c.run_id = r.id
                OR (c.run_id IS NULL AND c.last_success_at >= r.started_at
                    AND (r.finished_at IS NULL OR c.last_success_at <= r.finished_at))) AS records,
           (SELECT COALESCE(SUM(l.count), 0)::int FROM api_call_log l
             WHERE l.hour >= date_trunc('hour', r.started_at)
               AND (r.finished_at IS NULL OR l.hour <= r.finished_at)) AS requests
    FROM sync_runs r WHERE ${which}`;
  if (!row) return null;
  return {
    runId: row.id,
    mode: row.mode,
    status: row.status,
    trigger: row.trigger,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    isRunning: row.status === 'running',
    locationsTotal: row.locations_total,
    locationsDone: row.locations_done,
    records: row.records,
    requests: row.requests,
    problems: row.error ? row.error.split('\n').filter((line) => line.trim() !== '') : [],
  };
}
