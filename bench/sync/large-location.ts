// (8) a large location at 300 ms per response: several cursors per entity against the floor the
// budget alone imposes.
import { DEFAULT_CURSORS_PER_ENTITY } from '@/lib/sync/context';
import { BIG_LOCATION_LATENCY_MS, bigLocationRuns, f, out } from './common';

/**
 * One large location, full sync into a fresh database at GHL's real latency: first with one
 * cursor per entity (three entities at once, as (5)), then with the default split reads
 * (opportunities by status, contacts by `dateAdded` range, payments by offset range). The floor
 * is the time the budget alone imposes at its steady rate, requests / 10 per second; the burst
 * floor of (1) and (5), (ceil(requests / 100) - 1) x 10 s, lets the first 100 go at once and is
 * printed beside it (for 125 requests it is 10 s, which a second of latency-bound start and tail
 * already exceeds by 10%).
 */
export async function largeLocation(base: string) {
  const latencyMs = BIG_LOCATION_LATENCY_MS;
  const runs = await bigLocationRuns(base, 'bench_large', [
    { cursorsPerEntity: 1 },
    { cursorsPerEntity: DEFAULT_CURSORS_PER_ENTITY },
  ]);
  const [one, split] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const burstFloorOf = (requests: number) => (Math.ceil(requests / 100) - 1) * 10;
  const floor = split.requests / 10;
  out(
    `(8) large location: 1 location x (10,000 contacts, 5,000 opportunities, 5,000 transactions), ${latencyMs} ms per response, full sync, up to ${split.cursorsPerEntity} cursors per entity`,
  );
  out(
    `    ${f(split.requests)} requests (one cursor per entity: ${f(one.requests)}); floor ${f(floor, 1)} s (burst floor ${burstFloorOf(split.requests)} s); one cursor per entity ${f(one.seconds, 1)} s (wall / floor ${f(one.seconds / (one.requests / 10), 2)}, / burst floor ${f(one.seconds / burstFloorOf(one.requests), 2)}); several: wall / burst floor ${f(split.seconds / burstFloorOf(split.requests), 2)}; sync process CPU ${f(split.cpuSeconds, 1)} s`,
  );
  out(
    `    several cursors per entity: wall time ${f(split.seconds, 1)} s; wall / floor = ${f(split.seconds / floor, 2)} (goal <= 1.15); 429s received: ${split.rateLimited} (goal 0)`,
  );
}
