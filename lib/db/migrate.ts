import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** Prisma's own advisory lock id, so this runner and `prisma migrate deploy` never interleave. */
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_PRISMA_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[]; alreadyApplied: string[] };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The default folder: prisma/migrations at the repository root. */
export const defaultMigrationsDir = path.resolve(import.meta.dirname, '../../prisma/migrations');

/**
 * Applies the committed SQL migrations (Prisma's folder layout) that the database lacks, each in
 * its own transaction, and records them in `_prisma_migrations` exactly as Prisma Migrate does
 * (sha256 checksum of migration.sql), so `prisma migrate status|deploy` agree where they can run.
 * A recorded migration whose file changed since, or one that failed half-way, stops the run.
 */
export async function applyMigrations(
  connectionString: string,
  migrationsDir: string = defaultMigrationsDir,
): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_PRISMA_TABLE);
    const names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const recorded = new Map(
      rows.filter((row) => !row.rolled_back_at).map((row) => [row.migration_name, row]),
    );

    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const name of names) {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const existing = recorded.get(name);
      if (existing) {
        if (!existing.finished_at) {
          throw new MigrationError(
            `Migration ${name} started earlier but never finished; fix the database by hand, then mark it rolled back.`,
          );
        }
        if (existing.checksum !== checksum) {
          throw new MigrationError(
            `Migration ${name} was changed after it was applied (checksum differs); add a new migration instead.`,
          );
        }
        result.alreadyApplied.push(name);
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
          [id, checksum, name],
        );
        await client.query(sql);
        await client.query(
          'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${name} failed and was rolled back: ${reason}`);
      }
      result.applied.push(name);
    }
    return result;
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK])
      .catch(() => undefined);
    await client.end();
  }
}
