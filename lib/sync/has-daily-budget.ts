import type { SyncContext } from './context';

/**
 * Requests of a location's daily budget kept for the polling sync: single-record reads (webhook
 * hints) stop below this, so a flood of events can never spend what the safety net needs.
 */
export const DAILY_RESERVE_FOR_POLLING = 5_000;

/**
 * Whether a location may spend a request on a hint: false once GHL's `X-RateLimit-Daily-Remaining`
 * (as the shared limiter last saw it for this location's credential) is below the reserve.
 * Unknown (no call yet in this process) counts as enough; the limiter still stops at 0.
 */
export async function hasDailyBudget(
  ctx: Pick<SyncContext, 'ghl' | 'credentials'>,
  locationId: string,
  reserve = DAILY_RESERVE_FOR_POLLING,
): Promise<boolean> {
  const { token } = await ctx.credentials.tokenForLocation(locationId);
  const remaining = ctx.ghl.rateLimitState(token, locationId)?.dailyRemaining ?? null;
  return remaining === null || remaining >= reserve;
}
