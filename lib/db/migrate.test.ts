import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { applyMigrations, MigrationError } from './migrate';

describe('applyMigrations', () => {
  let testDb: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    await mkdir(path.join(dir, '20990101000000_extra'));
    await writeFile(
      path.join(dir, '20990101000000_extra', 'migration.sql'),
      'CREATE TABLE "extra" ("id" TEXT PRIMARY KEY);',
    );
  });
  afterAll(async () => testDb?.drop());

  it('records the committed migrations in _prisma_migrations with their checksums', async () => {
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"',
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    // The template was migrated already: a second run applies nothing.
    expect((await applyMigrations(testDb.url)).applied).toEqual([]);
  });

  it('applies a new migration once, then refuses when its file changes afterwards', async () => {
    expect((await applyMigrations(testDb.url, dir)).applied).toEqual(['20990101000000_extra']);
    expect((await applyMigrations(testDb.url, dir)).applied).toEqual([]);
    await writeFile(
      path.join(dir, '20990101000000_extra', 'migration.sql'),
      'CREATE TABLE "extra2" ("id" TEXT);',
    );
    await expect(applyMigrations(testDb.url, dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(testDb.url, dir)).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration and leaves no record of it', async () => {
    await mkdir(path.join(dir, '20990102000000_broken'));
    await writeFile(
      path.join(dir, '20990102000000_broken', 'migration.sql'),
      'CREATE TABLE "half" ("id" TEXT); SELECT * FROM missing_table;',
    );
    await writeFile(
      path.join(dir, '20990101000000_extra', 'migration.sql'),
      'CREATE TABLE "extra" ("id" TEXT PRIMARY KEY);',
    );
    await expect(applyMigrations(testDb.url, dir)).rejects.toThrow(
      /20990102000000_broken failed and was rolled back/,
    );
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('public.half') AS t`);
    const recorded = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '20990102000000_broken'`,
    );
    await client.end();
    expect(half.rows[0].t).toBeNull();
    expect(recorded.rowCount).toBe(0);
  });
});
