// (5) latency-bound: one big location at 300 ms per response, one cursor per entity.
import { DEFAULT_ENTITY_CONCURRENCY } from '@/lib/sync/context';
import { f, freshDatabase, out, startSim, timedSync, type SimStats } from './common';

/** One big location at a realistic latency: does the sync use the budget, or wait on the network? */
export async function latencyBound(base: string) {
  const latencyMs = 300;
  const sizes = {
    contacts: 10_000,
    opportunities: 5_000,
    transactions: 5_000,
    orders: 0,
    subscriptions: 0,
  };
  const sim = await startSim(1, sizes, 100_000, latencyMs);
  try {
    const runs = [];
    for (const entityConcurrency of [1, DEFAULT_ENTITY_CONCURRENCY]) {
      const target = await freshDatabase(base, 'bench_latency');
      try {
        await sim.admin('/__sim/reset-stats', {});
        const run = await timedSync(target, sim, 'full', 1, {
          entityConcurrency,
          cursorsPerEntity: 1,
        });
        const stats = await sim.admin<SimStats>('/__sim/stats');
        runs.push({ entityConcurrency, ...run, rateLimited: stats.rateLimited });
      } finally {
        await target.drop();
      }
    }
    const [one, many] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const floor = (Math.ceil(many.requests / 100) - 1) * 10;
    out(
      `(5) latency-bound: 1 location x (10,000 contacts, 5,000 opportunities, 5,000 transactions), ${latencyMs} ms per response, full sync`,
    );
    out(`    ${f(many.requests)} requests; budget floor ${floor} s`);
    out(
      `    one entity at a time: ${f(one.seconds, 1)} s (wall / floor ${f(one.seconds / floor, 2)}); ${many.entityConcurrency} at once: ${f(many.seconds, 1)} s (wall / floor ${f(many.seconds / floor, 2)}); ${f(one.seconds / many.seconds, 2)}x faster; 429s ${one.rateLimited} / ${many.rateLimited}`,
    );
  } finally {
    sim.stop();
  }
}
