import type { z } from 'zod';
import { pruneSignInFailures } from '@/lib/auth/sign-in-throttle';
import type { JobContext } from '../../types';
import type { pruneSignInFailuresPayload } from './prune-sign-in-failures';

/** Deletes the stale sign-in failure rows and logs how many went. */
export async function handlePruneSignInFailures(
  _payload: z.output<typeof pruneSignInFailuresPayload>,
  ctx: JobContext,
): Promise<{ deleted: number }> {
  const deleted = await pruneSignInFailures(ctx.services.sync.db);
  ctx.log(`pruned ${deleted} stale sign-in failure rows`);
  return { deleted };
}
