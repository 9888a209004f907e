import 'server-only';

import type PgBoss from 'pg-boss';
import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { finishSyncRun } from '@/lib/sync/sync-runs';
import type { SyncMode } from '@/lib/sync/types';
import { syncAgency } from './definitions/sync/sync-agency';
import { syncLocation } from './definitions/sync/sync-location';
import { enqueue } from './enqueue';

/**
 * A run still `running` after this long is taken for abandoned (a worker killed mid-run never
 * closes it): it no longer blocks "Sync now". The location job's own expiry is as long.
 */
export const STALE_RUN_MS = 2 * 60 * 60 * 1000;

export type SyncNowRequest = { mode: SyncMode; locationId: string | null };

export type SyncNowResult =
  | { status: 'queued'; runId: string }
  /** Refused: a sync runs already (this one, whose progress the page then follows). */
  | { status: 'already_running'; runId: string; startedAt: string; trigger: string };

/**
 * "Sync now" for the agency or one location: opens a sync_runs row (the page follows it, also
 * after a reload), audits the request and queues the job that reports to that run. Refused while
 * any sync runs (scheduled, CLI or another press): the check and the new run happen under one
 * transaction-scoped advisory lock, so two presses at once queue one sync. Throws AppError
 * `not_found` for an unknown or archived location. `boss` is for tests.
 */
export async function requestSyncNow(
  db: Db,
  actor: AuditActor,
  request: SyncNowRequest,
  options: { boss?: PgBoss; now?: Date } = {},
): Promise<SyncNowResult> {
  const now = options.now ?? new Date();
  const opened = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agency-pulse:sync-now'))`;
    const running = await tx.syncRun.findFirst({
      where: { status: 'running', startedAt: { gt: new Date(now.getTime() - STALE_RUN_MS) } },
      orderBy: { startedAt: 'desc' },
    });
    if (running)
      return {
        status: 'already_running' as const,
        runId: running.id,
        startedAt: running.startedAt.toISOString(),
        trigger: running.trigger,
      };
    let label: string | null = null;
    if (request.locationId) {
      const location = await tx.location.findFirst({
        where: { id: request.locationId, archivedAt: null },
        select: { name: true },
      });
      if (!location) throw new AppError('not_found', 'No such location.');
      label = location.name;
    }
    const run = await tx.syncRun.create({
      data: {
        mode: request.mode,
        status: 'running',
        trigger: 'web',
        startedAt: now,
        // One location is known up front; the agency job sets its total after discovery.
        locationsTotal: request.locationId ? 1 : 0,
      },
    });
    await writeAuditEntry(tx, {
      actor,
      action: 'sync.request',
      target: request.locationId
        ? { type: 'location', id: request.locationId, label }
        : { type: 'sync', id: null, label: 'the agency' },
      after: {
        mode: request.mode,
        scope: request.locationId ? 'location' : 'agency',
        runId: run.id,
      },
    });
    return { status: 'queued' as const, runId: run.id };
  });
  if (opened.status === 'already_running') return opened;

  try {
    const jobId = request.locationId
      ? await enqueue(
          syncLocation,
          { locationId: request.locationId, mode: request.mode, runId: opened.runId },
          { boss: options.boss },
        )
      : await enqueue(
          syncAgency,
          { mode: request.mode, trigger: 'web', runId: opened.runId },
          { boss: options.boss },
        );
    if (jobId === null) {
      // pg-boss kept an identical job already queued (e.g. a scheduled one about to start).
      await finishSyncRun(db, opened.runId, 'failed', 'a sync of the same kind was already queued');
      throw new AppError(
        'conflict',
        'A sync of the same kind is already queued and starts shortly; follow it on this page.',
      );
    }
    return opened;
  } catch (error) {
    if (!(error instanceof AppError))
      await finishSyncRun(db, opened.runId, 'failed', 'could not queue the sync job');
    throw error;
  }
}
