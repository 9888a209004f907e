'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LoadError } from '@/components/ui/load-error';
import type { EntityAccess } from '@/lib/metrics/get-location-detail';
import { locationsReportParamsSchema } from '@/lib/metrics/locations-report-params';
import type { ReportRange } from '@/lib/metrics/report-range';
import { locationBreakdownsQueryOptions } from '@/lib/query/location-breakdowns-query';
import { BreakdownSection } from './breakdown-section';
import { OpportunitiesBreakdown } from './opportunities-breakdown';
import { PaymentsBreakdown } from './payments-breakdown';
import { PipelineView } from './pipeline-view';
import styles from './drill-down.module.css';

/**
 * The drill-down's breakdowns below the cards and charts: the pipeline view, opportunities by
 * status and source, payments by currency and source (definitions in docs/metrics.md). One query;
 * each section has its own loading and unavailable state.
 */
export function LocationBreakdowns({
  range,
  locationId,
  entities,
}: {
  range: ReportRange;
  locationId: string;
  entities: EntityAccess[];
}) {
  const isValid = locationsReportParamsSchema.safeParse(range).success;
  const query = useQuery({
    ...locationBreakdownsQueryOptions(range, locationId),
    placeholderData: keepPreviousData,
    enabled: isValid,
  });
  // A bad period is explained once, above, by the report's own error.
  if (!isValid) return null;
  if (query.isError)
    return (
      <LoadError
        error={query.error}
        onRetry={() => void query.refetch()}
        what="the pipeline and source breakdowns"
      />
    );
  const data = query.data;
  const access = (entity: EntityAccess['entity']) => entities.find((e) => e.entity === entity);
  const state = (isAvailable: boolean | undefined) =>
    isAvailable === undefined ? 'loading' : isAvailable ? 'ready' : 'unavailable';
  return (
    <div className={styles.sections} aria-busy={query.isFetching}>
      <BreakdownSection
        id="pipeline-view"
        title="Pipelines"
        note="Open opportunities per stage now, in stage order; won and lost in the period. GoHighLevel keeps only the current stage, so there are no stage-to-stage rates."
        state={state(data?.pipelines.isAvailable)}
        access={access('opportunities')}
      >
        {data ? <PipelineView view={data.pipelines} /> : null}
      </BreakdownSection>
      <BreakdownSection
        id="opportunities-breakdown"
        title="Opportunities by status and source"
        note="Values in the location's own currency. Open is a snapshot; won, lost and abandoned by their status change in the period."
        state={state(data?.opportunities.isAvailable)}
        access={access('opportunities')}
      >
        {data ? <OpportunitiesBreakdown breakdown={data.opportunities} /> : null}
      </BreakdownSection>
      <BreakdownSection
        id="payments-breakdown"
        title="Payments by currency and source"
        note="Payments created in the period, net of refunds; never added up across currencies."
        state={state(data?.payments.isAvailable)}
        access={access('transactions')}
      >
        {data ? <PaymentsBreakdown breakdown={data.payments} /> : null}
      </BreakdownSection>
    </div>
  );
}
