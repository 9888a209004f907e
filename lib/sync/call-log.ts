import 'server-only';
import type { Db } from '@/lib/db/client';
import type { GhlCallEvent } from '@/lib/ghl/types';

/**
 * GHL keeps no call log for a PIT, so the sync keeps one: the client's `onCall` events are
 * aggregated in memory per (token fingerprint, location, endpoint, status, hour) and flushed into
 * `api_call_log` with one bulk upsert that adds to the stored counts — every `flushEveryMs` and at
 * the end. Company-level calls are logged under location '' and network failures under status 0.
 */
export type CallLog = {
  /** Pass as the client's `onCall`. Synchronous and cheap. */
  record(event: GhlCallEvent): void;
  /** Writes what was aggregated so far (no-op when nothing is pending). */
  flush(): Promise<void>;
  /** Starts periodic flushing; `stop()` flushes one last time. */
  start(): void;
  stop(): Promise<void>;
  /** Calls recorded since creation (for progress lines and benches). */
  readonly totals: { calls: number; byStatus: Map<number, number> };
};

type Bucket = {
  fingerprint: string;
  locationId: string;
  endpoint: string;
  status: number;
  hour: Date;
  count: number;
  totalMs: number;
  minRemaining: number | null;
  minDailyRemaining: number | null;
};

const HOUR_MS = 3_600_000;

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/** Creates an aggregating call log writing to `db`. */
export function createCallLog(
  db: Db,
  options: { flushEveryMs?: number; onError?: (error: unknown) => void } = {},
): CallLog {
  let pending = new Map<string, Bucket>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const totals = { calls: 0, byStatus: new Map<number, number>() };

  const write = async (buckets: Bucket[]) => {
    if (buckets.length === 0) return;
    await db.$executeRaw`
      INSERT INTO api_call_log (token_fingerprint, location_id, endpoint, status, hour, count, total_ms, min_remaining, min_daily_remaining)
      SELECT * FROM unnest(
        ${buckets.map((b) => b.fingerprint)}::text[], ${buckets.map((b) => b.locationId)}::text[],
        ${buckets.map((b) => b.endpoint)}::text[], ${buckets.map((b) => b.status)}::int[],
        ${buckets.map((b) => b.hour.toISOString())}::timestamptz[], ${buckets.map((b) => b.count)}::int[],
        ${buckets.map((b) => Math.round(b.totalMs))}::int[], ${buckets.map((b) => b.minRemaining)}::int[],
        ${buckets.map((b) => b.minDailyRemaining)}::int[]
      )
      ON CONFLICT (token_fingerprint, location_id, endpoint, status, hour) DO UPDATE SET
        count = api_call_log.count + EXCLUDED.count,
        total_ms = api_call_log.total_ms + EXCLUDED.total_ms,
        min_remaining = LEAST(api_call_log.min_remaining, EXCLUDED.min_remaining),
        min_daily_remaining = LEAST(api_call_log.min_daily_remaining, EXCLUDED.min_daily_remaining)`;
  };

  const flush = (): Promise<void> => {
    const batch = [...pending.values()];
    pending = new Map();
    // Serialise flushes so two writes never race on the same rows; a failed batch is merged back.
    flushing = flushing.then(() =>
      write(batch).catch((error: unknown) => {
        for (const b of batch) merge(b);
        options.onError?.(error);
      }),
    );
    return flushing;
  };

  const merge = (b: Bucket) => {
    const key = `${b.fingerprint}|${b.locationId}|${b.endpoint}|${b.status}|${b.hour.getTime()}`;
    const existing = pending.get(key);
    if (!existing) {
      pending.set(key, { ...b });
      return;
    }
    existing.count += b.count;
    existing.totalMs += b.totalMs;
    existing.minRemaining = minOf(existing.minRemaining, b.minRemaining);
    existing.minDailyRemaining = minOf(existing.minDailyRemaining, b.minDailyRemaining);
  };

  return {
    totals,
    record(event) {
      const status = event.status ?? 0;
      totals.calls += 1;
      totals.byStatus.set(status, (totals.byStatus.get(status) ?? 0) + 1);
      merge({
        fingerprint: event.tokenFingerprint,
        locationId: event.locationId ?? '',
        endpoint: event.endpoint,
        status,
        hour: new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS),
        count: 1,
        totalMs: event.durationMs,
        minRemaining: event.rateLimitRemaining,
        minDailyRemaining: event.dailyRemaining,
      });
    },
    flush,
    start() {
      if (timer) return;
      timer = setInterval(() => void flush(), options.flushEveryMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
    },
  };
}
