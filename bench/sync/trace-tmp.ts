import { startLocalPostgres } from '@/scripts/lib/local-postgres';
import { createSyncRuntime } from '@/lib/sync/create-sync-context';
import { runSync } from '@/lib/sync/run-sync';
import { freshDatabase, startSim, type SimStats } from './common';

const base = (await startLocalPostgres({ name: 'bench', port: 55234, fast: true })).url;
const sim = await startSim(1, { contacts: 10_000, opportunities: 5_000, transactions: 5_000, orders: 0, subscriptions: 0 }, 100_000, 300);
const target = await freshDatabase(base, 'bench_trace');
const t0 = performance.now();
const ms = () => ((performance.now() - t0) / 1000).toFixed(2);
const runtime = await createSyncRuntime({
  db: target.db, databaseUrl: target.url,
  ghl: { baseUrl: sim.url, agencyToken: sim.agencyToken, companyId: sim.companyId },
  encryptionKey: null,
  events: {
    onPage: (e) => { if (e.pages % 5 === 0 || e.pages < 3) console.log(ms(), 'page', e.entity, e.pages); },
    onEntity: (e) => console.log(ms(), 'entity', e.outcome.entity, e.outcome.status, e.outcome.records),
  },
  overrides: { cursorsPerEntity: Number(process.env.CURSORS ?? 4) },
});
const r = await runSync(runtime.ctx, { mode: 'full', concurrency: 1, trigger: 'bench' });
console.log(ms(), 'done', r.status, runtime.callLog.totals.calls, JSON.stringify(await sim.admin<SimStats>('/__sim/stats')).slice(0, 300));
await runtime.close(); sim.stop(); await target.drop(); process.exit(0);
