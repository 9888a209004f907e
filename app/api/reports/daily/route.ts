import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { ReportParamsError } from '@/lib/metrics/locations-report-params';

export const dynamic = 'force-dynamic';

/** Dense daily series for the charts: `?from&to[&location=ID…]`, the user's locations only. */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  try {
    const series = await getDailySeries(db(), params);
    return Response.json(series, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    // A period longer than the daily series allows: the caller's input, not our failure.
    if (error instanceof ReportParamsError) throw new AppError('invalid_input', error.message);
    throw error;
  }
});
