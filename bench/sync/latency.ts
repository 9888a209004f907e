// (5) latency-bound: one big location at 300 ms per response, one cursor per entity.
import { DEFAULT_ENTITY_CONCURRENCY } from '@/lib/sync/context';
import { BIG_LOCATION_LATENCY_MS, bigLocationRuns, f, out } from './common';

/** One big location at a realistic latency: does the sync use the budget, or wait on the network? */
export async function latencyBound(base: string) {
  const latencyMs = BIG_LOCATION_LATENCY_MS;
  const runs = await bigLocationRuns(base, 'bench_latency', [
    { entityConcurrency: 1, cursorsPerEntity: 1 },
    { entityConcurrency: DEFAULT_ENTITY_CONCURRENCY, cursorsPerEntity: 1 },
  ]);
  const [one, many] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const floor = (Math.ceil(many.requests / 100) - 1) * 10;
  out(
    `(5) latency-bound: 1 location x (10,000 contacts, 5,000 opportunities, 5,000 transactions), ${latencyMs} ms per response, full sync`,
  );
  out(`    ${f(many.requests)} requests; budget floor ${floor} s`);
  out(
    `    one entity at a time: ${f(one.seconds, 1)} s (wall / floor ${f(one.seconds / floor, 2)}); ${many.entityConcurrency} at once: ${f(many.seconds, 1)} s (wall / floor ${f(many.seconds / floor, 2)}); ${f(one.seconds / many.seconds, 2)}x faster; 429s ${one.rateLimited} / ${many.rateLimited}`,
  );
}
