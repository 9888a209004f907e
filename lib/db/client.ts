import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { requireDatabaseUrl } from '@/lib/env';

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { agencyPulseDb?: PrismaClient };

/**
 * Interactive transactions: Prisma's defaults (wait 2 s for a connection, give up after 5 s) failed
 * a demo's first sync with P2028 on a busy 2-core machine, where a location's writes and rollup
 * recompute queue behind other locations. A slow transaction is worth finishing; a stuck one still
 * ends, and every write here is idempotent, so the job's retry resumes it.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

/** Creates a Prisma client for a given database URL (tests and scripts that manage their own). */
export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString }),
    transactionOptions: TRANSACTION_OPTIONS,
  });
}

/** The process-wide Prisma client on DATABASE_URL (kept across Next.js hot reloads). */
export function db(): PrismaClient {
  globalForDb.agencyPulseDb ??= createDb(requireDatabaseUrl());
  return globalForDb.agencyPulseDb;
}
