import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';

/**
 * One PostgreSQL for the whole Vitest run. Uses DATABASE_URL when set (it must point at a local
 * server: tests create and drop databases), otherwise starts the project's own test server.
 * Migrations go into a template database; each test file clones it (tests/db.ts), so files run
 * in parallel without sharing rows.
 */
export default async function setup() {
  let baseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!baseUrl) {
    // This checkout's 'test' server, on TEST_PG_PORT (default 54330) or the next free port; left
    // running afterwards so the next run starts in milliseconds (npm run pg -- stop test).
    // `npm test` starts it itself (on a port the system picks) and stops it at the end.
    const port = Number(process.env.TEST_PG_PORT ?? 54330);
    baseUrl = (await startLocalPostgres({ name: 'test', port, fast: true })).url;
  }
  const host = new URL(baseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
  // One template per run, so runs started side by side never drop each other's template.
  const template = `template_${process.pid}`;
  const templateUrl = withDatabase(baseUrl, template);
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await applyMigrations(templateUrl);

  process.env.TEST_DATABASE_URL = baseUrl;
  process.env.TEST_TEMPLATE_DB = template;
  process.env.DATABASE_URL = templateUrl;
  return async () => {
    const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
