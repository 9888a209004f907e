import { beforeAll } from 'vitest';
import { useTestDatabase, type TestDatabase } from '@/tests/db';
import { state } from '@/tests/signed-in';

/**
 * A fresh database for the enclosing test file (tests/db.ts `useTestDatabase`) that the swapped
 * `db()` returns (`state.db`, see tests/signed-in.ts), seeded before its tests.
 */
export function useSignedInDatabase(
  seed: (t: Pick<TestDatabase, 'db' | 'url'>) => Promise<void> = async () => undefined,
): Pick<TestDatabase, 'db' | 'url'> {
  const t = useTestDatabase();
  // Registered after useTestDatabase's own beforeAll, so it runs once the database exists.
  beforeAll(async () => {
    state.db = t.db;
    await seed(t);
  });
  return t;
}
