import { afterAll, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '@/lib/db/client';

export type TestDatabase = { url: string; db: Db; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database of its own for one test file (a clone of the template that
 * tests/global-setup.ts migrated for this run). Call `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base)
    throw new Error(
      'TEST_DATABASE_URL is unset: run tests through vitest (tests/global-setup.ts).',
    );
  const template = process.env.TEST_TEMPLATE_DB;
  if (!template)
    throw new Error('TEST_TEMPLATE_DB is unset: run tests through vitest (tests/global-setup.ts).');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
  await admin.connect();
  try {
    // Two files cloning the template at the same instant can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(base, name);
  const db = createDb(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      const client = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Registers a fresh database for the enclosing test file (or describe block): created before
 * its tests, dropped after. Read `.db` / `.url` inside tests and hooks, not at import time.
 */
export function useTestDatabase(): Pick<TestDatabase, 'db' | 'url'> {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
  });
  afterAll(async () => {
    await current?.drop();
  });
  const ready = (): TestDatabase => {
    if (!current) throw new Error('The test database exists only inside tests and hooks.');
    return current;
  };
  return {
    get db() {
      return ready().db;
    },
    get url() {
      return ready().url;
    },
  };
}
