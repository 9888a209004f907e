import { expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();

it('lets an interactive transaction run past Prisma’s default 5 s limit (a busy sync’s writes)', async () => {
  const done = await t.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_sleep(5.5)`;
    return tx.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
  });
  expect(done).toEqual([{ one: 1 }]);
}, 30_000);
