import { applyMigrations } from '@/lib/db/migrate';
import { startLocalPostgres, stopLocalPostgres } from './local-postgres';

export type LocalDatabase = { url: string; startedHere: boolean; stop: () => void };

/**
 * The database a dev or demo run uses: DATABASE_URL when set (nothing is started), otherwise this
 * checkout's own PostgreSQL server `name` (reused when it already runs; else started now on `port`
 * or the next free one, and stopped by `stop()`). Migrations are applied.
 */
export async function ensureLocalDatabase(options: {
  name: string;
  port: number;
  existingUrl?: string;
}): Promise<LocalDatabase> {
  if (options.existingUrl) {
    await applyMigrations(options.existingUrl);
    return { url: options.existingUrl, startedHere: false, stop: () => undefined };
  }
  const server = await startLocalPostgres({ name: options.name, port: options.port });
  await applyMigrations(server.url);
  return {
    url: server.url,
    startedHere: server.started,
    stop: () => {
      if (server.started) stopLocalPostgres({ name: options.name });
    },
  };
}
