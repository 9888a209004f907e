import { env } from '@/lib/env';
import { startWorker } from '@/lib/jobs/start-worker';
import { createSyncRuntimeFromEnv } from '@/lib/sync/create-sync-context';
import { runMain } from './lib/run-main';

// `npm run worker`: the pg-boss worker of every job in lib/jobs/registry.ts. Run as many as you
// like against one database.
await runMain(async () => {
  // Listen before anything else: a SIGTERM during start-up must stop cleanly too, not kill.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const settings = env();
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const runtime = await createSyncRuntimeFromEnv({ log });
  const worker = await startWorker({
    services: { sync: runtime.ctx },
    databaseUrl: runtime.ctx.databaseUrl,
    settings,
    log,
    onJob: ({ queue, jobId, result, error, willRetry }) => {
      if (error)
        log(
          `${queue} ${jobId} failed (${willRetry ? 'will be retried' : 'not retried'}): ${error instanceof Error ? error.message : String(error)}`,
        );
      else log(`${queue} ${jobId} ${JSON.stringify(result)}`);
    },
  });
  log(
    `sync worker started: concurrency ${settings.SYNC_CONCURRENCY}, incremental every ${settings.SYNC_INCREMENTAL_EVERY_MINUTES} min, ` +
      `full reconcile on "${settings.SYNC_FULL_CRON}" (UTC)`,
  );
  await stopRequested;
  log('stopping: running syncs stop after their current page and resume later');
  await worker.stop();
  await runtime.close();
  return 0;
});
