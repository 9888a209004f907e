import { getSessionUser } from '@/lib/auth/get-session-user';
import { scopeReportParams } from '@/lib/auth/scope-report-params';
import type { SessionUser } from '@/lib/auth/session-user';
import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { jsonError } from '@/lib/query/api-error';

export type ReportRequestAuthorization =
  | { ok: true; user: SessionUser; params: LocationsReportParams }
  | { ok: false; response: Response };

/**
 * The shared front half of the report routes: session (401 when signed out — checked first, so
 * strangers learn nothing, not even about bad parameters), then `?from&to[&location=ID…]` through
 * the report's own zod params (400 naming the field), then the user's locations (404 when any
 * requested location is not theirs). On success the params are already restricted to the user.
 */
export async function authorizeReportRequest(
  request: Request,
): Promise<ReportRequestAuthorization> {
  const user = await getSessionUser();
  if (!user)
    return { ok: false, response: jsonError(401, 'unauthenticated', 'Sign in to see reports.') };

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
    return { ok: false, response: jsonError(400, 'bad_request', error.message) };
  }

  const scoped = scopeReportParams(user, params);
  if (!scoped) return { ok: false, response: jsonError(404, 'not_found', 'No such location.') };
  return { ok: true, user, params: scoped };
}
