import 'server-only';
import type { Db } from '@/lib/db/client';
import { accessFix } from './access-fix';
import { SYNC_ENTITIES, type AccessStatus, type SyncEntity } from './types';

export type AccessProblemStatus = {
  entities: SyncEntity[];
  status: Exclude<AccessStatus, 'ok'>;
  message: string | null;
  traceId: string | null;
  tokenKind: string | null;
  seenAt: Date;
  fix: string;
};

export type LocationSyncStatus = {
  id: string;
  name: string;
  archivedAt: Date | null;
  lastSyncedAt: Date | null;
  lastFullSyncAt: Date | null;
  /** `fresh` within twice the incremental interval, else `stale`; `never` before a complete sync. */
  freshness: 'fresh' | 'stale' | 'never';
  hasOwnToken: boolean;
  /** Entities (without an access problem) whose run is in progress or was interrupted; it resumes. */
  inProgress: SyncEntity[];
  /** Entities never synced successfully and with no recorded problem yet. */
  neverSynced: SyncEntity[];
  problems: AccessProblemStatus[];
};

export type SyncStatus = {
  lastRun: {
    mode: string;
    status: string;
    trigger: string;
    startedAt: Date;
    finishedAt: Date | null;
    locationsTotal: number;
    locationsDone: number;
    error: string | null;
  } | null;
  locations: LocationSyncStatus[];
};

/**
 * Everything `npm run cli -- status` shows: per location the last complete sync, its freshness,
 * interrupted entities and access problems grouped by status with GHL's words and the fix.
 */
export async function getSyncStatus(
  db: Db,
  options: { now: Date; incrementalEveryMinutes: number },
): Promise<SyncStatus> {
  const [locations, access, checkpoints, tokens, lastRun] = await Promise.all([
    db.location.findMany({
      orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }],
    }),
    db.locationAccess.findMany({ where: { status: { not: 'ok' } }, orderBy: { entity: 'asc' } }),
    db.syncCheckpoint.findMany({
      select: { locationId: true, entity: true, runStartedAt: true, lastSuccessAt: true },
    }),
    db.locationToken.findMany({ select: { locationId: true } }),
    db.syncRun.findFirst({ orderBy: { startedAt: 'desc' } }),
  ]);
  const staleAfterMs = 2 * options.incrementalEveryMinutes * 60_000;
  const withToken = new Set(tokens.map((t) => t.locationId));

  return {
    lastRun: lastRun
      ? {
          mode: lastRun.mode,
          status: lastRun.status,
          trigger: lastRun.trigger,
          startedAt: lastRun.startedAt,
          finishedAt: lastRun.finishedAt,
          locationsTotal: lastRun.locationsTotal,
          locationsDone: lastRun.locationsDone,
          error: lastRun.error,
        }
      : null,
    locations: locations.map((l) => {
      const mine = access.filter((a) => a.locationId === l.id);
      const groups = new Map<string, AccessProblemStatus>();
      for (const a of mine) {
        const status = a.status as Exclude<AccessStatus, 'ok'>;
        const key = `${status}\u0000${a.message ?? ''}`;
        const entity = a.entity as SyncEntity;
        const group = groups.get(key);
        if (group) group.entities.push(entity);
        else {
          const tokenKind =
            a.tokenKind === 'agency' || a.tokenKind === 'location' ? a.tokenKind : null;
          groups.set(key, {
            entities: [entity],
            status,
            message: a.message,
            traceId: a.traceId,
            tokenKind: a.tokenKind,
            seenAt: a.seenAt,
            fix: accessFix(status, l.id, entity, tokenKind),
          });
        }
      }
      const cps = checkpoints.filter((c) => c.locationId === l.id);
      const problemEntities = new Set(mine.map((a) => a.entity));
      const synced = new Set(cps.filter((c) => c.lastSuccessAt).map((c) => c.entity));
      const age = l.lastSyncedAt ? options.now.getTime() - l.lastSyncedAt.getTime() : null;
      return {
        id: l.id,
        name: l.name,
        archivedAt: l.archivedAt,
        lastSyncedAt: l.lastSyncedAt,
        lastFullSyncAt: l.lastFullSyncAt,
        freshness: age === null ? 'never' : age <= staleAfterMs ? 'fresh' : 'stale',
        hasOwnToken: withToken.has(l.id),
        inProgress: cps
          .filter((c) => c.runStartedAt && !problemEntities.has(c.entity))
          .map((c) => c.entity as SyncEntity),
        neverSynced: SYNC_ENTITIES.filter((e) => !synced.has(e) && !problemEntities.has(e)),
        problems: [...groups.values()],
      };
    }),
  };
}
