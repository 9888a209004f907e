import { getSessionUser } from '@/lib/auth/get-session-user';
import { scopeReportParams } from '@/lib/auth/scope-report-params';
import type { SessionUser } from '@/lib/auth/session-user';
import { AppError } from '@/lib/errors';
import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';

export type ReportRequestAuthorization = { user: SessionUser; params: LocationsReportParams };

/**
 * The shared front half of the report routes: session (`unauthenticated` when signed out —
 * checked first, so strangers learn nothing, not even about bad parameters), then
 * `?from&to[&location=ID…]` through the report's own zod params (`invalid_input` naming the
 * field), then the user's locations (`not_found` when any requested location is not theirs).
 * Throws those as AppErrors (the route's `route()` wrapper answers them); on success the params
 * are already restricted to the user.
 */
export async function authorizeReportRequest(
  request: Request,
): Promise<ReportRequestAuthorization> {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to see reports.');

  const search = new URL(request.url).searchParams;
  const requested = search.getAll('location').filter((id) => id.trim() !== '');
  let params: LocationsReportParams;
  try {
    params = parseLocationsReportParams({
      from: search.get('from') ?? undefined,
      to: search.get('to') ?? undefined,
      locationIds: requested.length > 0 ? requested : undefined,
    });
  } catch (error) {
    if (!(error instanceof ReportParamsError)) throw error;
    throw new AppError('invalid_input', error.message);
  }

  const scoped = scopeReportParams(user, params);
  if (!scoped) throw new AppError('not_found', 'No such location.');
  return { user, params: scoped };
}
