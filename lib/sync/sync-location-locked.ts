import type { SyncContext } from './context';
import { LocationBusyError, lockLocation, tryLockLocation } from './location-lock';
import { syncLocation, type SyncLocationOptions } from './sync-location';
import type { LocationOutcome } from './types';

/**
 * `syncLocation` under the location's advisory lock. With `waitForLock` (the CLI) it waits for a
 * concurrent sync of the same location to finish; without (job handlers) it throws
 * LocationBusyError so the job is retried later instead of holding a worker slot.
 */
export async function syncLocationLocked(
  ctx: SyncContext,
  location: { id: string; name: string },
  options: SyncLocationOptions & { waitForLock: boolean },
): Promise<LocationOutcome> {
  const lock = options.waitForLock
    ? await lockLocation(ctx.databaseUrl, location.id, {
        signal: options.signal,
        onWait: () =>
          ctx.events.log?.(`waiting: location ${location.id} is being synced by another process`),
      })
    : await tryLockLocation(ctx.databaseUrl, location.id);
  if (!lock) throw new LocationBusyError(location.id);
  try {
    return await syncLocation(ctx, location, options);
  } finally {
    await lock.release();
  }
}
