import { describeDatabaseError } from '@/lib/db/describe-database-error';
import { EnvError } from '@/lib/env';
import { processIo, type CliCommand } from './lib/cli-io';

// `npm run cli -- <command> …`: one file per command in scripts/commands/, loaded on demand.
const commands: Record<string, () => Promise<{ run: CliCommand }>> = {
  sync: () => import('./commands/sync'),
  status: () => import('./commands/status'),
  'location-token': () => import('./commands/location-token'),
  export: () => import('./commands/export'),
  user: () => import('./commands/user'),
};

const usage = `usage: npm run cli -- <command>   (into a file: npm run -s cli -- export … > f.csv)
  sync [--full] [--location ID]          sync every location (or one) from GHL into the cache
  status                                 last sync, freshness and access problems per location
  location-token set|list|remove [ID]    manage a sub-account's own Private Integration Token
  export locations|daily --from YYYY-MM-DD --to YYYY-MM-DD [--location ID] [--bom]
  user add|list|set|remove …             who can sign in to the dashboard (password from stdin)`;

const [name, ...args] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  console.error(name ? `unknown command "${name}"\n${usage}` : usage);
  process.exitCode = name ? 1 : 0;
} else {
  try {
    const { run } = await load();
    process.exitCode = await run(args, processIo());
  } catch (error) {
    // A database failure in one line, without Prisma's statement dump.
    const message =
      describeDatabaseError(error) ?? (error instanceof Error ? error.message : String(error));
    console.error(error instanceof EnvError ? message : `error: ${message}`);
    process.exitCode = 1;
  }
}
