import 'server-only';

import type { Db } from '@/lib/db/client';
import { getDailyCountsByLocation } from '@/lib/metrics/get-daily-counts-by-location';
import type { DailyCountsPoint } from '@/lib/metrics/get-daily-series';
import { getLocationsReport, type LocationsReportResult } from '@/lib/metrics/get-locations-report';
import type { ReportRange } from '@/lib/metrics/report-range';

/** What one burst email shows: its location's report, the comparison's, and its daily counts. */
export type BurstLocationData = {
  report: LocationsReportResult;
  previous: LocationsReportResult | null;
  counts: DailyCountsPoint[];
};

export type BurstDataRequest = {
  scheduleId: string;
  period: ReportRange;
  compared: ReportRange | null;
  locationId: string;
};

/**
 * A burst sends one email per location, each of which used to read its location's numbers with
 * three report statements (the period, the comparison, the daily series): 1,000 emails, 3,000
 * statements, about half of the sender's CPU and of PostgreSQL's. Instead, the first email of a
 * batch reads the numbers of up to BATCH_SIZE locations of the same burst that still wait for
 * their email (unrendered deliveries of that schedule and period), with the same lib/metrics
 * functions and the same parameters but a list of locations — each location's rows are exactly
 * what the one-location call returns (a test checks it) — and the others take theirs from it.
 *
 * Each location's numbers are handed out once and kept at most MAX_AGE_MS: a retry, a freshness
 * recheck or a second worker reads again; an email shows numbers at most that old (its "data as
 * of" is read with them). Concurrent emails share a batch still being read. Memory is bounded:
 * at most MAX_BATCHES batches, each of at most BATCH_SIZE locations.
 */
const BATCH_SIZE = 250;
const MAX_AGE_MS = 60_000;
const MAX_BATCHES = 8;
/** A batch reads at most this many (location, day) points for the charts. */
const MAX_POINTS = 25_000;

type Batch = {
  key: string;
  readAt: number;
  /** Locations whose data is still to be handed out. */
  waiting: Set<string>;
  data: Promise<Map<string, BurstLocationData>>;
};
const batches: Batch[] = [];

const keyOf = (request: BurstDataRequest) =>
  JSON.stringify([request.scheduleId, request.period, request.compared]);

function dropBatch(batch: Batch): void {
  const at = batches.indexOf(batch);
  if (at >= 0) batches.splice(at, 1);
}

async function readBatch(
  db: Db,
  request: BurstDataRequest,
  locationIds: string[],
): Promise<Map<string, BurstLocationData>> {
  const { period, compared } = request;
  const [report, previous, counts] = await Promise.all([
    getLocationsReport(db, { ...period, locationIds }),
    compared ? getLocationsReport(db, { ...compared, locationIds }) : null,
    getDailyCountsByLocation(db, { ...period, locationIds }),
  ]);
  const rowsOf = (result: LocationsReportResult) => {
    const byLocation = new Map<string, LocationsReportResult['rows']>();
    for (const row of result.rows)
      byLocation.set(row.locationId, [...(byLocation.get(row.locationId) ?? []), row]);
    return (id: string): LocationsReportResult => ({
      from: result.from,
      to: result.to,
      rows: byLocation.get(id) ?? [],
    });
  };
  const reportOf = rowsOf(report);
  const previousOf = previous ? rowsOf(previous) : null;
  return new Map(
    locationIds.map((id) => [
      id,
      { report: reportOf(id), previous: previousOf?.(id) ?? null, counts: counts.get(id) ?? [] },
    ]),
  );
}

/** The burst's other locations still waiting for their email, in the order they are sent. */
async function waitingLocations(
  db: Db,
  request: BurstDataRequest,
  limit: number,
  now: number,
): Promise<string[]> {
  const rows = await db.reportDelivery.findMany({
    where: {
      scheduleId: request.scheduleId,
      periodFrom: new Date(`${request.period.from}T00:00:00Z`),
      periodTo: new Date(`${request.period.to}T00:00:00Z`),
      subject: null,
      status: { in: ['queued', 'held', 'sending'] },
      nextAttemptAt: { lte: new Date(now + MAX_AGE_MS) },
      locationKey: { not: request.locationId },
    },
    select: { locationKey: true },
    orderBy: [{ nextAttemptAt: 'asc' }, { locationKey: 'asc' }],
    take: limit,
  });
  return rows.map((row) => row.locationKey).filter((key) => key && !key.startsWith('test:'));
}

/** The batch holding this location's numbers still to be handed out, taken out of it. */
function take(key: string, locationId: string, now: number): Batch | null {
  for (const batch of [...batches]) {
    if (now - batch.readAt > MAX_AGE_MS) {
      dropBatch(batch);
      continue;
    }
    if (batch.key !== key || !batch.waiting.delete(locationId)) continue;
    if (batch.waiting.size === 0) dropBatch(batch);
    return batch;
  }
  return null;
}

/** Per burst, the email choosing the next batch; the others wait for it, then look again. */
const choosing = new Map<string, Promise<unknown>>();

/**
 * One burst email's numbers (see above): from a batch already read for its burst, or by reading
 * a new batch of this location and the burst's other waiting ones.
 */
export async function readBurstLocationData(
  db: Db,
  request: BurstDataRequest,
  now: number = Date.now(),
): Promise<BurstLocationData> {
  const key = keyOf(request);
  for (;;) {
    const batch = take(key, request.locationId, now);
    if (batch) {
      // A batch that failed: this email reads its own below.
      const data = await batch.data.then(
        (read) => read.get(request.locationId),
        () => undefined,
      );
      if (data) return data;
      break;
    }
    const other = choosing.get(key);
    if (!other) break;
    await other;
  }
  const days =
    (Date.parse(`${request.period.to}T00:00:00Z`) -
      Date.parse(`${request.period.from}T00:00:00Z`)) /
      86_400_000 +
    1;
  const size = Math.max(1, Math.min(BATCH_SIZE, Math.floor(MAX_POINTS / days)));
  let release = () => {};
  choosing.set(key, new Promise<void>((resolve) => (release = resolve)));
  let others: string[] = [];
  try {
    // Not those another batch still holds for their emails.
    const held = new Set(batches.filter((b) => b.key === key).flatMap((b) => [...b.waiting]));
    if (size > 1)
      others = (await waitingLocations(db, request, size - 1 + held.size, now))
        .filter((id) => !held.has(id))
        .slice(0, size - 1);
  } catch {
    // Only this email's numbers, then.
  }
  const batch: Batch = {
    key,
    readAt: now,
    waiting: new Set(others),
    data: readBatch(db, request, [request.locationId, ...others]),
  };
  if (others.length > 0) {
    batch.data.catch(() => dropBatch(batch)); // the others then read their own
    batches.push(batch);
    if (batches.length > MAX_BATCHES) batches.shift();
  }
  choosing.delete(key);
  release();
  return (await batch.data).get(request.locationId)!;
}
