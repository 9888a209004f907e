import 'server-only';

import PgBoss from 'pg-boss';
import { requireDatabaseUrl } from '@/lib/env';

export type BossOptions = {
  /** Default: DATABASE_URL (lib/env). pg-boss keeps its tables in the `pgboss` schema there. */
  databaseUrl?: string;
  /** Whether this instance turns due schedules into jobs (workers do; enqueuers need not). */
  schedule?: boolean;
  /** Shown in pg_stat_activity. Default 'agency-pulse'. */
  applicationName?: string;
  log?: (line: string) => void;
};

/** A started pg-boss instance on the app's database: the only place one is created. */
export async function createBoss(options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl ?? requireDatabaseUrl(),
    application_name: options.applicationName ?? 'agency-pulse',
    schedule: options.schedule ?? false,
  });
  boss.on('error', (error) => options.log?.(`pg-boss: ${error.message}`));
  await boss.start();
  return boss;
}

let shared: Promise<PgBoss> | undefined;

/** The process's pg-boss for sending jobs (the app, the CLI), started on first use. */
export function getBoss(): Promise<PgBoss> {
  shared ??= createBoss().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** Stops the shared instance, if one was started (end of a CLI command, test teardown). */
export async function stopBoss(): Promise<void> {
  const boss = shared;
  shared = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true });
}
