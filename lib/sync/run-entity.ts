import { setMaxListeners } from 'node:events';
import type { Page } from '@/lib/ghl/client';
import {
  beginEntityRun,
  completeEntityRun,
  loadCheckpoint,
  pageProgressCte,
  savePageProgress,
  type Checkpoint,
  type Lane,
  type Progress,
} from './checkpoints';
import type { SyncContext } from './context';
import type { EntityDefinition, ReadTier } from './entities/definition';
import { refreshRecord } from './refresh-record';
import { readAhead } from './read-ahead';
import { rereadUnseen } from './reread-unseen';
import { createTouchedSet } from './touched';
import { dedupeById } from './transform';
import type { SyncEntity, SyncMode } from './types';

/** Raised when the run's AbortSignal fired between pages; the checkpoint keeps what was committed. */
export class SyncAbortedError extends Error {
  override name = 'SyncAbortedError';
  constructor() {
    super('The sync was stopped; it resumes from the last committed page next time.');
  }
}

export type EntityRunOptions = { mode: SyncMode; runId: string | null; signal?: AbortSignal };
export type EntityRunResult = {
  records: number;
  deleted: number;
  resumed: boolean;
  mode: SyncMode;
};

type Start = {
  mode: SyncMode;
  runStartedAt: Date;
  progress: Progress;
  resumed: boolean;
  recordsBefore: number;
};

/**
 * Continues an interrupted run when its checkpoint allows (same mode, or a full run that an
 * incremental request may finish), else starts a fresh one and commits that before any request.
 */
async function startOrResume(
  ctx: SyncContext,
  def: { entity: SyncEntity; supportsUpdatedSince: boolean; incrementalTier?: ReadTier | 'none' },
  locationId: string,
  cp: Checkpoint | null,
  options: EntityRunOptions,
): Promise<Start> {
  if (
    cp?.progress &&
    cp.runStartedAt &&
    cp.mode &&
    (cp.mode === options.mode || cp.mode === 'full')
  ) {
    // An `open` read decides what closed from the ids it listed, which a crash lost: list again.
    const progress =
      cp.progress.tier === 'open' ? { ...cp.progress, page: null, done: false } : cp.progress;
    return {
      mode: cp.mode,
      runStartedAt: cp.runStartedAt,
      progress,
      resumed: true,
      recordsBefore: cp.recordsSeen,
    };
  }
  const runStartedAt = ctx.now();
  const isLaterIncremental = options.mode === 'incremental' && Boolean(cp?.lastSuccessAt);
  const canFilter = def.supportsUpdatedSince && isLaterIncremental && cp?.watermark;
  const tier =
    isLaterIncremental && def.incrementalTier !== 'none' ? (def.incrementalTier ?? null) : null;
  let since =
    canFilter && cp?.watermark
      ? new Date(cp.watermark.getTime() - ctx.overlapMs).toISOString()
      : null;
  if (tier === 'recent')
    since = new Date(runStartedAt.getTime() - ctx.recentPaymentsDays * 86_400_000).toISOString();
  const progress: Progress = {
    page: null,
    done: false,
    since,
    tier,
    lanes: null,
    maxUpdated: null,
    pages: 0,
  };
  await beginEntityRun(
    ctx.db,
    { locationId, entity: def.entity },
    { runId: options.runId, mode: options.mode, runStartedAt, progress },
  );
  return { mode: options.mode, runStartedAt, progress, resumed: false, recordsBefore: 0 };
}

function laterIso(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * Syncs one entity of one location: pages are fetched (one page read ahead), transformed, and
 * upserted in bulk together with the checkpoint (one statement per page); then, after a complete
 * read in a full run, rows GHL no longer lists are deleted, the rollups of the touched days
 * recomputed, and the checkpoint closed. A large complete read goes on after its first page as
 * several cursors at once (`def.split`), each with its own position in the checkpoint. Throws
 * GhlError / TransformError / SyncAbortedError for the caller to classify; whatever was committed
 * stays and is resumed from.
 */
export async function runEntity<R, Row extends { id: string }, C>(
  ctx: SyncContext,
  def: EntityDefinition<R, Row, C>,
  locationId: string,
  options: EntityRunOptions,
): Promise<EntityRunResult> {
  const key = { locationId, entity: def.entity };
  const cp = await loadCheckpoint(ctx.db, locationId, def.entity);
  const start = await startOrResume(ctx, def, locationId, cp, options);
  let progress = start.progress;
  // Touched instants of pages committed before a crash are lost, and a first sync touches every
  // day anyway: both recompute the whole location.
  const recomputeAll = start.resumed || !cp?.lastSuccessAt;
  const touched = createTouchedSet();
  let records = start.recordsBefore;
  // Tier `open`: the ids the open pages listed; cached open records not among them closed since.
  const listed = progress.tier === 'open' && !progress.done ? new Set<string>() : null;
  // Pages of parallel cursors are written one at a time: each statement carries the whole
  // checkpoint (every cursor's committed position), so they must not overtake one another.
  const writes = createSerial();

  /** Writes one page with the checkpoint moved past it: by the single cursor or lane `lane`. */
  const commit = (
    page: Page<R, C>,
    at: { lane: number | null; split?: Lane[]; isClosing?: boolean },
  ) =>
    writes.run(async () => {
      const rows = dedupeById(page.items.map((item) => def.toRow(item)));
      if (listed) for (const row of rows) listed.add(row.id);
      let maxUpdated = progress.maxUpdated;
      if (def.updatedAtOf)
        for (const row of rows) maxUpdated = laterIso(maxUpdated, def.updatedAtOf(row));
      const lanes =
        at.lane === null
          ? (at.split ?? progress.lanes)
          : (progress.lanes ?? []).map((l, i) =>
              i === at.lane ? { ...l, page: page.next, done: page.next === null } : l,
            );
      const next: Progress = {
        ...progress,
        page: at.lane === null ? page.next : progress.page,
        done:
          at.lane === null ? page.next === null && !at.split : (lanes ?? []).every((l) => l.done),
        lanes,
        maxUpdated,
        pages: progress.pages + (at.isClosing ? 0 : 1),
      };
      // Rows and cursor commit together (one statement), so a crash never loses or repeats a page.
      let instants: Date[] = [];
      if (rows.length === 0) await savePageProgress(ctx.db, key, next, 0);
      else {
        instants = await def.upsert(ctx.db, locationId, rows, {
          seenAt: start.runStartedAt,
          rewriteUnchanged: start.mode === 'full' || def.reconcileEveryRun,
          also: pageProgressCte(key, next, rows.length),
          wantInstants: def.feedsRollups && !recomputeAll,
        });
      }
      if (!recomputeAll) touched.add(instants);
      progress = next;
      records += rows.length;
      return { records, pages: next.pages };
    });
  const notify = (at: { records: number; pages: number }) =>
    ctx.events.onPage?.({ locationId, entity: def.entity, ...at });

  if (!progress.done && progress.lanes === null) {
    const parsedCursor = progress.page === null ? null : def.cursorSchema.safeParse(progress.page);
    const cursor = parsedCursor?.success ? parsedCursor.data : null;
    if (parsedCursor && !parsedCursor.success) progress = { ...progress, page: null };
    const source = def.fetch(ctx.ghl, locationId, {
      cursor,
      updatedSince: progress.since ? new Date(progress.since) : null,
      tier: progress.tier,
      signal: options.signal,
    });
    const pages = source[Symbol.asyncIterator]();
    const maySplit =
      def.split !== undefined &&
      ctx.cursorsPerEntity > 1 &&
      cursor === null &&
      progress.since === null &&
      progress.tier === null;
    if (def.split && maySplit) {
      // The first page alone (not read ahead: a split does not go on from it), then the plan.
      const head = await pages.next();
      if (options.signal?.aborted) throw new SyncAbortedError();
      if (!head.done) {
        const planned = def.split.plan(head.value, {
          maxLanes: ctx.cursorsPerEntity,
          now: ctx.now(),
        });
        const split = planned?.map((lane) => ({ ...lane, done: false }));
        await notify(await commit(head.value, { lane: null, split }));
        if (split) await pages.return?.();
      }
    }
    if (progress.lanes === null && !progress.done) {
      for await (const page of readAhead({ [Symbol.asyncIterator]: () => pages })) {
        if (options.signal?.aborted) throw new SyncAbortedError();
        await notify(await commit(page, { lane: null }));
      }
    }
  }
  if (!progress.done && progress.lanes !== null) {
    await readLanes(ctx, def, locationId, options.signal, {
      lanes: () => progress.lanes ?? [],
      onPage: async (page, lane) => notify(await commit(page, { lane })),
      // A lane that met its partner: marked done without a page.
      close: (lane) => commit({ items: [], next: null }, { lane, isClosing: true }),
    });
  }
  if (options.signal?.aborted) throw new SyncAbortedError();
  if (listed && def.entity === 'opportunities') {
    const closed = await rereadUnlistedOpen(ctx, locationId, listed, options.signal);
    records += closed.records;
    if (!recomputeAll) touched.add(closed.instants);
  }

  let deleted = 0;
  const isCompleteRead = progress.since === null && progress.tier === null;
  if (isCompleteRead && (start.mode === 'full' || def.reconcileEveryRun)) {
    // Several cursors can miss a record that moved between them mid-read: re-read by id first.
    if (progress.lanes !== null && def.entity !== 'pipelines') {
      const reread = await rereadUnseen(
        ctx,
        def.entity,
        locationId,
        start.runStartedAt,
        options.signal,
      );
      records += reread.records;
      deleted += reread.deleted;
      touched.add(reread.instants);
    }
    const gone = await def.deleteUnseen(ctx.db, locationId, start.runStartedAt);
    deleted += gone.count;
    touched.add(gone.instants);
  }
  if (def.feedsRollups && (recomputeAll || touched.size > 0)) {
    await ctx.recompute(ctx.db, locationId, recomputeAll ? 'all' : touched.toDates());
  }
  const watermark = progress.maxUpdated ? new Date(progress.maxUpdated) : (cp?.watermark ?? null);
  const keptWatermark =
    cp?.watermark && watermark && cp.watermark > watermark ? cp.watermark : watermark;
  await completeEntityRun(ctx.db, key, {
    mode: start.mode,
    watermark: keptWatermark,
    finishedAt: ctx.now(),
  });
  return { records, deleted, resumed: start.resumed, mode: start.mode };
}

/**
 * Reads the unfinished lanes of a split read at once, each from its own committed position,
 * handing every page to `onPage` (which commits it); a lane the others have covered
 * (`split.isCovered`) is closed and stops. The first failure stops the other lanes (their
 * requests in flight are aborted) and is thrown; committed pages stay.
 */
async function readLanes<R, Row extends { id: string }, C>(
  ctx: SyncContext,
  def: EntityDefinition<R, Row, C>,
  locationId: string,
  signal: AbortSignal | undefined,
  io: {
    /** The lanes as committed so far. */
    lanes: () => readonly Lane[];
    onPage: (page: Page<R, C>, lane: number) => Promise<unknown>;
    close: (lane: number) => Promise<unknown>;
  },
): Promise<void> {
  const split = def.split;
  if (!split) throw new Error(`${def.entity}: a split read was stored but this entity has none`);
  const stop = new AbortController();
  const laneSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  // Every request of every lane listens to it while it waits for the limiter.
  setMaxListeners(0, laneSignal);
  let failure: { error: unknown } | null = null;
  const isCovered = (index: number) => split.isCovered?.(io.lanes(), index) ?? false;
  await Promise.all(
    io.lanes().map(async (lane, index) => {
      if (lane.done) return;
      // A stored position that no longer parses restarts the lane at its start (a superset).
      const parsed = def.cursorSchema.safeParse(lane.page);
      const page = lane.page !== null && parsed.success ? parsed.data : null;
      try {
        if (isCovered(index)) {
          await io.close(index);
          return;
        }
        // No read-ahead: the lanes are the parallelism, and a lane that meets its partner then
        // wastes no page in flight.
        const pages = split.fetchLane(ctx.ghl, locationId, { scope: lane.scope, page }, laneSignal);
        for await (const next of pages) {
          if (signal?.aborted || failure) throw new SyncAbortedError();
          await io.onPage(next, index);
          if (!io.lanes()[index]?.done && isCovered(index)) {
            await io.close(index);
            break;
          }
        }
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
    }),
  );
  if (failure) throw (failure as { error: unknown }).error;
}

/** Runs async tasks one after another, in the order they were handed in. */
function createSerial() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * The second half of a tier-`open` opportunities read: every cached deal still marked open that
 * the open pages did not list has left the open set (won, lost, abandoned) or was deleted since
 * the last run. Each is re-read by id (one request; 404 removes the row). Returns the records
 * re-read and the instants whose days may have changed.
 */
async function rereadUnlistedOpen(
  ctx: SyncContext,
  locationId: string,
  listed: ReadonlySet<string>,
  signal: AbortSignal | undefined,
): Promise<{ records: number; instants: Date[] }> {
  const ids = [...listed];
  const rows = await ctx.db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM opportunities
    WHERE location_id = ${locationId} AND status = 'open' AND NOT (id = ANY(${ids}::text[]))
    ORDER BY id`;
  const instants: Date[] = [];
  let records = 0;
  // A few at once: the limiter spaces them within the location's budget.
  const queue = rows.map((r) => r.id);
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (signal?.aborted) throw new SyncAbortedError();
      const result = await refreshRecord(
        ctx,
        { locationId, entity: 'opportunities', recordId: id, action: 'upsert' },
        { signal },
      );
      records++;
      instants.push(...result.instants);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
  return { records, instants };
}
