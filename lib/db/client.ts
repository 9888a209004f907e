import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { requireDatabaseUrl } from '@/lib/env';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { agencyPulseDb?: PrismaClient };

/** Creates a Prisma client for a given database URL (tests and scripts that manage their own). */
export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

/** The process-wide Prisma client on DATABASE_URL (kept across Next.js hot reloads). */
export function db(): PrismaClient {
  globalForDb.agencyPulseDb ??= createDb(requireDatabaseUrl());
  return globalForDb.agencyPulseDb;
}
