'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { ENTITY_NAMES } from '@/lib/metrics/entity-labels';
import { formatInstant, formatPeriod } from '@/lib/metrics/format-report-value';
import type { EntityAccess, LocationDetailResult } from '@/lib/metrics/get-location-detail';
import { reportSearchParams } from '@/lib/metrics/report-range';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { ComparisonNameContext } from './change-note';
import { CsvDownloadLink } from './csv-download-link';
import { accessReasonText } from './drill-down/access-reason-text';
import { LocationBreakdowns } from './drill-down/location-breakdowns';
import { FreshnessBanner } from './freshness-banner';
import { KpiCards } from './kpi-cards';
import { OpportunityValueCards } from './opportunity-value-cards';
import { PeriodPicker } from './period-picker';
import { ReportError, ReportSkeleton } from './report-states';
import { TrendCharts } from './trend-charts';
import { useReportRange } from './use-report-range';
import { useReportWithPrevious } from './use-report-with-previous';
import styles from './dashboard.module.css';

function AccessReason({ access }: { access: EntityAccess }) {
  const name = ENTITY_NAMES[access.entity];
  return (
    <li data-entity={access.entity}>
      <strong>{name[0]!.toUpperCase() + name.slice(1)}</strong>
      {access.status !== 'ok' && access.status !== 'unknown' ? (
        <code className={styles.accessStatus}>{access.status}</code>
      ) : (
        ' '
      )}
      {accessReasonText(access)}
      {access.message ? <> — GoHighLevel said: “{access.message}”</> : null}
      {access.lastSuccessAt ? (
        <span className="muted"> (last read {formatInstant(access.lastSuccessAt)})</span>
      ) : null}
    </li>
  );
}

/**
 * One location's drill-down: who it is, how fresh its data is and what could not be read (and
 * why), then the same KPI cards with the previous period and the same charts, for that location
 * only, then where in the pipeline and from which source (components/reports/drill-down). The period lives in the URL and the picker is the dashboard's.
 */
export function LocationView({
  detail,
  today,
  staleAfterMinutes,
}: {
  detail: NonNullable<LocationDetailResult>;
  today: string;
  /** A location not synced completely for longer is stale (the freshness banner). */
  staleAfterMinutes: number;
}) {
  const { range, setRange, controls, setControls } = useReportRange(today);
  const scope = useMemo(() => ({ locationId: detail.locationId }), [detail.locationId]);
  const { query, previousQuery, previousRange, comparisonName, comparisonLabel } =
    useReportWithPrevious(range, scope, controls.comparison);
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const summary = useMemo(() => summarizeReport(rows), [rows]);
  const previousSummary = useMemo(
    () => (previousQuery.data ? summarizeReport(previousQuery.data.rows) : undefined),
    [previousQuery.data],
  );
  const unavailable = detail.entities.filter((entity) => !entity.isAvailable);
  const isUpdating = query.isFetching && query.isPlaceholderData;

  let content: ReactNode;
  if (query.isPending) content = <ReportSkeleton />;
  else if (query.isError)
    content = <ReportError error={query.error} onRetry={() => void query.refetch()} />;
  else if (rows.length === 0) {
    content = (
      <div className={`card ${styles.empty}`}>
        <h2>No data for this location</h2>
        <p className="muted">It may have left the agency since this page was opened.</p>
      </div>
    );
  } else {
    content = (
      <>
        <FreshnessBanner rows={rows} staleAfterMinutes={staleAfterMinutes} />
        <KpiCards
          summary={summary}
          showLocations={false}
          comparison={
            previousRange
              ? {
                  range: previousRange,
                  label: comparisonLabel,
                  summary: previousSummary,
                  isError: previousQuery.isError,
                }
              : undefined
          }
        />
        {rows[0] ? <OpportunityValueCards row={rows[0]} /> : null}
        <TrendCharts
          range={range}
          scope={scope}
          granularity={controls.granularity}
          comparison={previousRange ? { range: previousRange, name: comparisonName } : undefined}
        />
        <LocationBreakdowns
          range={range}
          locationId={detail.locationId}
          entities={detail.entities}
        />
      </>
    );
  }

  return (
    <main className={styles.page}>
      <div>
        <Link
          prefetch={false}
          href={`/?${reportSearchParams(range, controls)}`}
          className={styles.backLink}
        >
          ← All locations
        </Link>
      </div>
      <div className={styles.pageHead}>
        <div>
          <h1>{detail.name}</h1>
          <dl className={styles.detailMeta}>
            <div>
              <dt>Time zone</dt>
              <dd>{detail.timezone || 'not set (days counted in UTC)'}</dd>
            </div>
            <div>
              <dt>Data as of</dt>
              <dd>
                {detail.dataAsOf ? (
                  <time dateTime={detail.dataAsOf}>{formatInstant(detail.dataAsOf)}</time>
                ) : (
                  'never fully synced'
                )}
              </dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>
                {formatPeriod(range)}, local days
                {isUpdating ? (
                  <span className={styles.updating} role="status">
                    Updating…
                  </span>
                ) : null}
              </dd>
            </div>
          </dl>
        </div>
        <CsvDownloadLink
          range={range}
          scope={scope}
          isDisabled={query.isPending || query.isError}
        />
      </div>
      {unavailable.length > 0 ? (
        <section
          className="alert alert-warning"
          aria-labelledby="unavailable-heading"
          role="region"
        >
          <div style={{ flex: 1 }}>
            <h2 id="unavailable-heading" className="alert-title">
              Some of this location&apos;s data could not be read
            </h2>
            <p>
              Its numbers show as “—” (unavailable), never as 0. <code>npm run cli -- status</code>{' '}
              shows how to fix it.
            </p>
            <ul className={styles.accessList}>
              {unavailable.map((access) => (
                <AccessReason key={access.entity} access={access} />
              ))}
            </ul>
          </div>
        </section>
      ) : null}
      <PeriodPicker
        range={range}
        today={today}
        onChange={setRange}
        controls={controls}
        onControlsChange={setControls}
      />
      <div className={styles.content} aria-busy={isUpdating || query.isPending}>
        <ComparisonNameContext.Provider value={comparisonName}>
          {content}
        </ComparisonNameContext.Provider>
      </div>
    </main>
  );
}
