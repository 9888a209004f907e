import { defineConfig } from 'prisma/config';

// The CLI is used offline for `generate` only; migrations run through scripts/db-migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/agency_pulse' },
});
