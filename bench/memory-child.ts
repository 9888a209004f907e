// The process bench/sync.ts (4) measures: one full sync (or, with B_BASELINE, just the loaded code
// and one query), bundled by scripts/build-bin.mjs and run on bare node like npm run cli / worker.
// Prints one JSON line.
import { createDb } from '@/lib/db/client';
import { createSyncRuntime } from '@/lib/sync/create-sync-context';
import { runSync } from '@/lib/sync/run-sync';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const databaseUrl = need('B_DB');
const db = createDb(databaseUrl);
if (process.env.B_BASELINE) {
  await db.$queryRaw`SELECT 1`;
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const runtime = await createSyncRuntime({
    db,
    databaseUrl,
    ghl: { baseUrl: need('B_SIM'), agencyToken: need('B_TOKEN'), companyId: need('B_COMPANY') },
    encryptionKey: null,
  });
  const started = performance.now();
  let maxHeap = 0;
  const sampler = setInterval(() => {
    maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
  }, 100);
  const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 1, trigger: 'bench' });
  clearInterval(sampler);
  await runtime.close();
  console.log(
    JSON.stringify({
      status: result.status,
      seconds: (performance.now() - started) / 1000,
      contacts: result.locations[0]?.entities[0]?.records,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      maxHeapMb: maxHeap / 2 ** 20,
    }),
  );
}
await db.$disconnect();
