import 'server-only';
import type { Db } from '@/lib/db/client';
import {
  getOpportunitiesBreakdown,
  type OpportunitiesBreakdownResult,
} from '@/lib/metrics/get-opportunities-breakdown';
import {
  getPaymentsBreakdown,
  type PaymentsBreakdownResult,
} from '@/lib/metrics/get-payments-breakdown';
import { getPipelineView, type PipelineViewResult } from '@/lib/metrics/get-pipeline-view';
import type { LocationPeriodParams } from '@/lib/metrics/read-location-scope';

export type LocationBreakdownsParams = LocationPeriodParams;

/** The drill-down's breakdowns of one location and period, as one API answer. */
export type LocationBreakdownsResult = {
  locationId: string;
  from: string;
  to: string;
  pipelines: NonNullable<PipelineViewResult>;
  opportunities: NonNullable<OpportunitiesBreakdownResult>;
  payments: NonNullable<PaymentsBreakdownResult>;
} | null;

/**
 * What the drill-down shows below its cards and charts, read together so the page makes one
 * request: the pipeline view, opportunities by status and source, payments by currency and
 * source (each defined in its own file and in docs/metrics.md). Null when the location does not
 * exist or is archived; throws ReportParamsError on a bad period. Does not check who asks.
 *
 * @param db a Prisma client
 * @param params `{ locationId, from, to }`
 */
export async function getLocationBreakdowns(
  db: Db,
  params: LocationBreakdownsParams,
): Promise<LocationBreakdownsResult> {
  const [pipelines, opportunities, payments] = await Promise.all([
    getPipelineView(db, params),
    getOpportunitiesBreakdown(db, params),
    getPaymentsBreakdown(db, params),
  ]);
  if (!pipelines || !opportunities || !payments) return null;
  return {
    locationId: pipelines.locationId,
    from: pipelines.from,
    to: pipelines.to,
    pipelines,
    opportunities,
    payments,
  };
}
