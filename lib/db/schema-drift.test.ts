import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { readExpectedSchema } from '@/tests/prisma-schema';
import { Prisma } from './generated/client';

/** The covering indexes the migrations create (prisma/schema.prisma names them in a comment). */
const COVERING_INDEXES = [
  {
    name: 'daily_rollups_series_idx',
    key: ['location_id', 'day', 'currency'],
    include: [
      'new_contacts',
      'opportunities_created',
      'opportunities_won',
      'opportunities_lost',
      'payments_count',
      'payments_gross',
      'payments_refunded',
    ],
  },
];

// Migrations are hand-written SQL (Prisma's migrate engine cannot be downloaded here), so this test
// is what keeps prisma/migrations and prisma/schema.prisma describing the same database.
describe('migrated database vs prisma/schema.prisma', () => {
  let testDb: TestDatabase;
  let client: pg.Client;
  const expected = readExpectedSchema();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await testDb?.drop();
  });

  it('has exactly the tables and columns the schema declares, with their types and nullability', async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      is_nullable: string;
    }>(`
      SELECT c.table_name, c.column_name, c.is_nullable,
             format_type(a.atttypid, a.atttypmod) AS type
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                         AND a.attname = c.column_name
      WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'
      ORDER BY c.table_name, c.ordinal_position`);
    const actual = new Map<string, { name: string; type: string; nullable: boolean }[]>();
    for (const row of rows) {
      const list = actual.get(row.table_name) ?? [];
      list.push({ name: row.column_name, type: row.type, nullable: row.is_nullable === 'YES' });
      actual.set(row.table_name, list);
    }
    const sortByName = (list: { name: string }[]) =>
      [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect([...actual.keys()].sort()).toEqual([...expected.tables.keys()].sort());
    for (const [table, columns] of expected.tables) {
      expect(sortByName(actual.get(table) ?? []), `columns of ${table}`).toEqual(
        sortByName(columns),
      );
    }
  });

  it('has exactly the primary keys, unique constraints and indexes the schema declares', async () => {
    const { rows } = await client.query<{
      name: string;
      table: string;
      columns: string[];
      unique: boolean;
      primary: boolean;
      key_columns: number;
    }>(`
      SELECT ix.relname AS name, t.relname AS table, i.indisunique AS unique,
             i.indisprimary AS primary, i.indnkeyatts AS key_columns,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_class ix ON ix.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname <> '_prisma_migrations'
      GROUP BY ix.relname, t.relname, i.indexrelid, i.indisunique, i.indisprimary, i.indnkeyatts`);
    const key = (index: { table: string; columns: string[]; unique: boolean; primary: boolean }) =>
      `${index.table}(${index.columns.join(',')}) unique=${index.unique} primary=${index.primary}`;
    // Covering indexes (INCLUDE …) cannot be written in Prisma's schema language: each is listed
    // here with its key and included columns, and must exist exactly so.
    const covering = rows.filter((row) => row.key_columns < row.columns.length);
    expect(
      covering.map((row) => ({
        name: row.name,
        key: row.columns.slice(0, row.key_columns),
        include: row.columns.slice(row.key_columns),
      })),
    ).toEqual(COVERING_INDEXES);
    expect(
      rows
        .filter((row) => row.key_columns === row.columns.length)
        .map(key)
        .sort(),
    ).toEqual(expected.indexes.map(key).sort());
  });

  it('matches the generated Prisma client (run npm run prisma:generate after editing the schema)', () => {
    const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
    const generated = Object.fromEntries(
      Object.values(Prisma.ModelName).map((model) => [
        model,
        Object.keys(namespace[`${model}ScalarFieldEnum`] ?? {}).sort(),
      ]),
    );
    const fromSchema = Object.fromEntries(
      [...expected.models].map(([model, fields]) => [model, [...fields].sort()]),
    );
    expect(generated).toEqual(fromSchema);
  });
});
