import { createDb } from '@/lib/db/client';
import { requireDatabaseUrl } from '@/lib/env';
import { syncStatusLines } from '@/lib/metrics/format-sync-health';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { connectionStatusLine } from '@/lib/oauth/connection-status-line';
import { getOAuthConnectionStatus } from '@/lib/oauth/get-connection-status';
import type { CliIo } from '../lib/cli-io';

/**
 * `npm run cli -- status`: per location (archived ones last) the last complete sync, its
 * freshness and access problems with fixes — the same query and wording as `/health`.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('usage: npm run cli -- status\n');
    return 1;
  }
  const db = createDb(requireDatabaseUrl());
  try {
    const health = await getSyncHealth(db, { includeArchived: true });
    io.stdout.write(`${connectionStatusLine(await getOAuthConnectionStatus(db))}\n`);
    for (const line of syncStatusLines(health)) io.stdout.write(`${line}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
