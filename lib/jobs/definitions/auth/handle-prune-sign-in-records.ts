import type { z } from 'zod';
import { pruneRevokedSessions } from '@/lib/auth/prune-revoked-sessions';
import { pruneSignInFailures } from '@/lib/auth/sign-in-throttle';
import type { JobContext } from '../../types';
import type { pruneSignInRecordsPayload } from './prune-sign-in-records';

/** Deletes stale sign-in failure rows and ended revoked sessions; logs how many went. */
export async function handlePruneSignInRecords(
  _payload: z.output<typeof pruneSignInRecordsPayload>,
  ctx: JobContext,
): Promise<{ failures: number; revokedSessions: number }> {
  const failures = await pruneSignInFailures(ctx.services.sync.db);
  const revokedSessions = await pruneRevokedSessions(ctx.services.sync.db);
  ctx.log(`pruned ${failures} sign-in failure rows, ${revokedSessions} ended revoked sessions`);
  return { failures, revokedSessions };
}
