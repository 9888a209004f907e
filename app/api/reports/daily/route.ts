import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { bucketSeries } from '@/lib/metrics/bucket-series';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { parseReportControls, ReportParamsError } from '@/lib/metrics/locations-report-params';

export const dynamic = 'force-dynamic';

/**
 * Dense daily series for the charts: `?from&to[&location=ID…]`, the user's locations only;
 * `&granularity=week|month` groups the days (docs/metrics.md, "Chart buckets").
 */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  try {
    const { granularity } = parseReportControls(new URL(request.url).searchParams);
    const series = await getDailySeries(db(), params);
    const body = granularity === 'day' ? series : bucketSeries(series, granularity);
    return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    // A period longer than the daily series allows, or an unknown grouping: the caller's input.
    if (error instanceof ReportParamsError) throw new AppError('invalid_input', error.message);
    throw error;
  }
});
