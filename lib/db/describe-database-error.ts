import 'server-only';

import { Prisma } from '@/lib/db/generated/client';

/**
 * One short line for a database failure, for the CLI (the web answers `internal` through
 * lib/handle-error.ts and logs it redacted): PostgreSQL's own reason and SQLSTATE code, never
 * Prisma's multi-line text with the statement. Null when `error` is not a database error.
 */
export function describeDatabaseError(error: unknown): string | null {
  if (
    !(error instanceof Prisma.PrismaClientKnownRequestError) &&
    !(error instanceof Prisma.PrismaClientUnknownRequestError) &&
    !(error instanceof Prisma.PrismaClientInitializationError) &&
    !(error instanceof Prisma.PrismaClientRustPanicError)
  )
    return null;
  const text = error.message;
  const code = /Code: `([0-9A-Z]{5})`/.exec(text)?.[1];
  const reason = /Message: `([^`\n]{1,300})`/.exec(text)?.[1];
  if (code || reason)
    return `the database refused the request: ${reason ?? 'unknown reason'}${code ? ` (SQLSTATE ${code})` : ''}`;
  if (error instanceof Prisma.PrismaClientInitializationError)
    return 'cannot reach the database: check DATABASE_URL and that PostgreSQL is running';
  const known = error instanceof Prisma.PrismaClientKnownRequestError ? ` (${error.code})` : '';
  return `the database refused the request${known}`;
}
