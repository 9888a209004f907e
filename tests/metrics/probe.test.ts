import { afterAll, beforeAll, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(async () => { await t.drop(); });

it('probe', async () => {
  const db = t.db;
  console.log(await db.$queryRaw`SELECT version()`);
  let s = performance.now();
  const r1 = await db.$queryRaw`SELECT count(*) AS n FROM pg_timezone_names`;
  console.log('tznames', r1, performance.now() - s);
  s = performance.now();
  await db.$queryRaw`SELECT count(*) AS n FROM pg_timezone_names WHERE name = 'Asia/Kolkata'`;
  console.log('tznames2', performance.now() - s);
  try { await db.$queryRaw`SELECT now() AT TIME ZONE 'Bad/Zone'`; } catch (e) { console.log('bad tz', String(e).slice(0, 300)); }
  const ids = ['a', 'b'];
  console.log(await db.$queryRaw`SELECT x FROM unnest(${ids}::text[]) x WHERE x = ANY(${ids})`);
  const dates = [new Date('2024-01-01T00:00:00Z')];
  console.log(await db.$queryRaw`SELECT x, x::text AS t, 1.50::numeric(18,2) AS n, count(*) AS c, 3::int AS i FROM unnest(${dates}::timestamptz[]) x GROUP BY x`);
  console.log(await db.$executeRaw`SELECT pg_advisory_xact_lock(1, hashtext('x'))`);
  console.log(Object.keys(Prisma).filter((k) => /sql|join|raw|empty/i.test(k)));
});
