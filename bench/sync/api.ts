// (1) API-bound: is the sync bound by the budget (100 requests / 10 s per location) alone?
import { f, freshDatabase, out, startSim, timedSync, type SimStats } from './common';

export async function apiBound(base: string) {
  const sim = await startSim(
    3,
    { contacts: 0, opportunities: 30_000, transactions: 0, orders: 0, subscriptions: 0 },
    100_000,
  );
  const target = await freshDatabase(base, 'bench_api');
  try {
    const run = await timedSync(target, sim, 'incremental', 3);
    const stats = await sim.admin<SimStats>('/__sim/stats');
    const busiest = Math.max(...sim.locations.map((id) => stats.byLocation[id] ?? 0));
    const floor = (Math.ceil(busiest / 100) - 1) * 10;
    out('(1) API-bound: 3 locations x 30,000 opportunities, in parallel');
    out(
      `    busiest location: ${busiest} requests; budget floor (ceil(n/100) - 1) x 10 s = ${floor} s`,
    );
    out(
      `    wall time ${f(run.seconds, 1)} s; wall / floor = ${f(run.seconds / floor, 2)} (goal <= 1.15); 429s received: ${stats.rateLimited} (goal 0)`,
    );
  } finally {
    sim.stop();
    await target.drop();
  }
}
