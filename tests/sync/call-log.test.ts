import { describe, expect, it } from 'vitest';
import type { GhlCallEvent } from '@/lib/ghl/types';
import { createCallLog } from '@/lib/sync/call-log';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();

const event = (over: Partial<GhlCallEvent>): GhlCallEvent => ({
  endpoint: 'GET /opportunities/search',
  locationId: 'loc_1',
  status: 200,
  durationMs: 10,
  tokenKind: 'location',
  tokenFingerprint: 'abcdef012345',
  rateLimitRemaining: 90,
  rateLimitMax: 100,
  dailyRemaining: 1000,
  attempt: 1,
  traceId: null,
  ...over,
});

describe('call log', () => {
  it('aggregates per token, location, endpoint, status and hour, adding to stored counts', async () => {
    const log = createCallLog(t.db);
    log.record(event({}));
    log.record(event({ rateLimitRemaining: 40, durationMs: 30 }));
    log.record(event({ status: 429 }));
    log.record(event({ status: null, locationId: null, endpoint: 'GET /locations/search' }));
    await log.flush();
    log.record(event({ rateLimitRemaining: 60 }));
    await log.stop();
    const rows = await t.db.apiCallLog.findMany({
      orderBy: [{ endpoint: 'asc' }, { status: 'asc' }],
    });
    expect(
      rows.map((r) => [r.endpoint, r.locationId, r.status, r.count, r.totalMs, r.minRemaining]),
    ).toEqual([
      ['GET /locations/search', '', 0, 1, 10, 90],
      ['GET /opportunities/search', 'loc_1', 200, 3, 50, 40],
      ['GET /opportunities/search', 'loc_1', 429, 1, 10, 90],
    ]);
    expect(rows[0]?.hour.getUTCMinutes()).toBe(0);
    expect(log.totals.calls).toBe(5);
  });
});
