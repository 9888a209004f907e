import { applyMigrations } from '@/lib/db/migrate';
import { requireDatabaseUrl } from '@/lib/env';
import { runMain } from './lib/run-main';

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL without Prisma's (downloaded) engine.
await runMain(async () => {
  const { applied, alreadyApplied } = await applyMigrations(requireDatabaseUrl());
  for (const name of applied) console.log(`applied ${name}`);
  console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already up to date`);
});
