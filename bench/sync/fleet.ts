// (7) fleet: one incremental pass over 5,000 locations at 300 ms per response, one process.
import { f, freshDatabase, out, startSim, timedSync, type SimStats } from './common';

/** (7) A whole agency of 5,000 locations: one incremental pass at 300 ms per response, one process. */
export async function fleetBound(base: string) {
  const latencyMs = 300;
  const concurrency = Number(process.env.BENCH_FLEET_CONCURRENCY ?? 64);
  const sizes = { contacts: 20, opportunities: 10, transactions: 10, orders: 1, subscriptions: 1 };
  const sim = await startSim(5_000, sizes, 300_000, 0);
  const target = await freshDatabase(base, 'bench_fleet');
  try {
    const setup = await timedSync(target, sim, 'full', concurrency);
    await sim.admin('/__sim/churn', { fraction: 0.01 });
    await sim.admin('/__sim/prepare', {});
    await sim.admin('/__sim/config', { latencyMs });
    await sim.admin('/__sim/reset-stats', {});
    const run = await timedSync(target, sim, 'incremental', concurrency);
    const stats = await sim.admin<SimStats>('/__sim/stats');
    out(
      `(7) fleet: 5,000 locations x (20 contacts, 10 opportunities, 10 transactions, 1 order, 1 subscription), 1% changed, ${latencyMs} ms per response, one process, ${concurrency} locations at a time (SYNC_CONCURRENCY)`,
    );
    out(
      `    incremental pass: ${f(run.requests)} requests in ${f(run.seconds, 1)} s = ${f(run.seconds / 60, 2)} min (goal <= 5 min, full size, not extrapolated); 429s ${stats.rateLimited}; sync process CPU ${f(run.cpuSeconds, 1)} s (setup full sync at 0 ms: ${f(setup.seconds, 1)} s)`,
    );
  } finally {
    sim.stop();
    await target.drop();
  }
}
