import { seedE2eDatabase } from './fixtures/seed-e2e-database';

/**
 * Seeds the database the web server uses (DATABASE_URL, migrated by scripts/test-all.sh) with the
 * e2e locations and users. Refuses a database that is not on this machine.
 */
export default async function globalSetup(): Promise<void> {
  await seedE2eDatabase(process.env.DATABASE_URL ?? '');
}
