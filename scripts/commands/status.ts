import { createDb } from '@/lib/db/client';
import { env, requireDatabaseUrl } from '@/lib/env';
import { getSyncStatus, type LocationSyncStatus } from '@/lib/sync/get-sync-status';
import type { CliIo } from '../lib/cli-io';

function ago(from: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - from.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

const iso = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;

function describe(l: LocationSyncStatus, now: Date): string[] {
  const when = l.lastSyncedAt
    ? `last complete sync ${iso(l.lastSyncedAt)} (${ago(l.lastSyncedAt, now)}, ${l.freshness})`
    : 'never synced completely';
  const token = l.hasOwnToken ? 'own token' : 'agency token';
  const lines = [
    `${l.archivedAt ? '[archived] ' : ''}${l.id}  ${JSON.stringify(l.name)}  ${when}; ${token}`,
  ];
  if (l.lastFullSyncAt) lines.push(`    last full reconcile ${iso(l.lastFullSyncAt)}`);
  if (l.inProgress.length > 0)
    lines.push(
      `    unfinished (running now, or interrupted and resumed by the next sync): ${l.inProgress.join(', ')}`,
    );
  if (l.neverSynced.length > 0 && l.problems.length === 0 && l.lastSyncedAt === null)
    lines.push(`    not synced yet: ${l.neverSynced.join(', ')}`);
  for (const p of l.problems) {
    const said = p.message ? ` — GHL said: "${p.message}"` : '';
    const trace = p.traceId ? `, traceId ${p.traceId}` : '';
    lines.push(
      `    ${p.entities.join(', ')}: ${p.status}${said} (${p.tokenKind ?? '?'} token${trace}, ${iso(p.seenAt)})`,
    );
    lines.push(`      fix: ${p.fix}`);
  }
  return lines;
}

/** `npm run cli -- status`: per location the last sync, its freshness and access problems with fixes. */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.length > 0) {
    io.stderr.write('usage: npm run cli -- status\n');
    return 1;
  }
  const db = createDb(requireDatabaseUrl());
  try {
    const now = new Date();
    const status = await getSyncStatus(db, {
      now,
      incrementalEveryMinutes: env().SYNC_INCREMENTAL_EVERY_MINUTES,
    });
    const out = (line: string) => io.stdout.write(`${line}\n`);
    if (status.lastRun) {
      const r = status.lastRun;
      const end = r.finishedAt
        ? `finished ${ago(r.finishedAt, now)}`
        : `started ${ago(r.startedAt, now)}, still running`;
      out(
        `Last sync run: ${r.mode} (${r.trigger}), ${r.status}, ${end}; ${r.locationsDone}/${r.locationsTotal} locations.`,
      );
    } else out('No sync has run yet: npm run cli -- sync');
    if (status.locations.length === 0) {
      out('No locations known yet.');
      return 0;
    }
    const active = status.locations.filter((l) => !l.archivedAt);
    const withProblems = active.filter((l) => l.problems.length > 0).length;
    const stale = active.filter((l) => l.freshness !== 'fresh').length;
    out(
      `${active.length} active location(s): ${withProblems} with access problems, ${stale} stale or never synced.`,
    );
    out('');
    for (const l of status.locations) for (const line of describe(l, now)) out(line);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
