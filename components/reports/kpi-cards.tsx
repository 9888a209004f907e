import type { ReactNode } from 'react';
import { StatCard } from '@/components/ui/stat-card';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import { groupDigits } from '@/lib/metrics/decimal';
import { comparableTotal, currenciesToCompare, previousNet } from '@/lib/metrics/compare-summaries';
import { formatCount, formatPeriod, formatRate } from '@/lib/metrics/format-report-value';
import { LOCATIONS_REPORT_COLUMNS } from '@/lib/metrics/locations-report-columns';
import { rangeLengthDays, type ReportRange } from '@/lib/metrics/report-range';
import type { CountTotal, ReportSummary } from '@/lib/metrics/summarize-report';
import { ChangeNote } from './change-note';
import styles from './dashboard.module.css';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The previous period's totals for the same locations: `summary` undefined while it loads,
 * `isError` when it could not be loaded (the cards then show no comparison).
 */
export type KpiComparison = {
  range: ReportRange;
  /** "Compared with the same period last year"; absent: "Compared with the previous N days". */
  label?: string;
  summary: ReportSummary | undefined;
  isError: boolean;
};

/** The plain count cards, from the registry: location-wide counts summed once per location. */
const COUNT_CARDS = LOCATIONS_REPORT_COLUMNS.flatMap((column) =>
  'card' in column && column.total === 'per-location'
    ? [{ label: column.card, key: column.key, entity: column.entity }]
    : [],
);

function countValue(total: CountTotal, locations: number, what: string) {
  if (locations > 0 && total.unavailable === locations) {
    return (
      <span
        title={`Unavailable: ${what} could not be read for any location shown. Run npm run cli -- status.`}
      >
        <span aria-hidden="true">—</span>
        <VisuallyHidden>
          Unavailable: {what} could not be read for any location shown
        </VisuallyHidden>
      </span>
    );
  }
  return formatCount(total.total);
}

function excluded(total: CountTotal, what: string) {
  if (total.unavailable === 0) return null;
  return (
    <span className={styles.kpiWarning}>
      Excludes {plural(total.unavailable, 'location')} whose {what} could not be read
    </span>
  );
}

/** Both notes of a card: the comparison (when asked for) above the exclusion warning or the hint. */
function notes(change: ReactNode, rest: ReactNode): ReactNode {
  if (!change) return rest;
  return (
    <>
      {change}
      {rest}
    </>
  );
}

/**
 * The KPI cards over the locations on screen: counts summed across locations, and payments per
 * currency (never added across currencies). Won value and open pipeline have no currency in the
 * data (GHL keeps them in each location's currency), so they are compared in the table only.
 * With `comparison`, each period metric also shows its previous-period value and change; money
 * is compared per currency only (docs/metrics.md, "Previous period").
 */
export function KpiCards({
  summary,
  comparison,
  showLocations = true,
}: {
  summary: ReportSummary;
  comparison?: KpiComparison;
  /** Off on a single location's page, where "1 location" says nothing. */
  showLocations?: boolean;
}) {
  const { counts, locations } = summary;
  const card = styles.kpi;
  const before = comparison?.summary;
  const change = (pick: (s: ReportSummary) => CountTotal, isInline = false) => {
    if (!comparison) return null;
    const previous = before
      ? comparableTotal(pick(before), before.locations)
      : comparison.isError
        ? null
        : undefined;
    return (
      <ChangeNote
        current={comparableTotal(pick(summary), locations)}
        previous={previous}
        isInline={isInline}
      />
    );
  };
  const moneyChange = (currency: string, current: string) => {
    if (!comparison) return null;
    if (!before)
      return <ChangeNote current={current} previous={comparison.isError ? null : undefined} />;
    // Availability is today's, so both periods leave out the same locations.
    return <ChangeNote current={current} previous={previousNet(before, currency)} />;
  };
  // A currency paid in only in the previous period still gets a card (0 now), so a drop shows.
  const shownCurrencies = currenciesToCompare(summary, before);

  return (
    <section aria-labelledby="kpi-heading" className={styles.kpiSection}>
      <h2 id="kpi-heading" className="sr-only">
        Totals across the {plural(locations, 'location')} shown
      </h2>
      {comparison ? (
        <p className={styles.compareNote}>
          {comparison.label ??
            `Compared with the previous ${plural(rangeLengthDays(comparison.range), 'day')}`}
          : {formatPeriod(comparison.range)}
        </p>
      ) : null}
      <dl className={styles.kpiGrid}>
        {showLocations ? (
          <StatCard
            className={card}
            label="Locations"
            value={formatCount(locations)}
            note={
              summary.partialLocations > 0 ? (
                <span className={styles.kpiWarning}>
                  {plural(summary.partialLocations, 'location')} with partial data
                </span>
              ) : (
                'all data available'
              )
            }
          />
        ) : null}
        {COUNT_CARDS.map(({ label, key, entity }) => (
          <StatCard
            key={key}
            className={card}
            label={label}
            value={countValue(counts[key], locations, entity)}
            note={notes(
              change((s) => s.counts[key]),
              excluded(counts[key], entity),
            )}
          />
        ))}
        <StatCard
          className={card}
          label="Won / lost"
          value={
            counts.opportunitiesWon.unavailable === locations && locations > 0 ? (
              countValue(counts.opportunitiesWon, locations, 'opportunities')
            ) : (
              <>
                {formatCount(counts.opportunitiesWon.total)}
                <span className={styles.kpiSlash}> / </span>
                {formatCount(counts.opportunitiesLost.total)}
              </>
            )
          }
          note={notes(
            comparison ? (
              <span className={styles.changeLine}>
                won {change((s) => s.counts.opportunitiesWon, true)}
              </span>
            ) : null,
            excluded(counts.opportunitiesWon, 'opportunities') ??
              (summary.winRate ? `win rate ${formatRate(summary.winRate)}` : 'none won or lost'),
          )}
        />
        <StatCard
          className={card}
          label="Active subscriptions"
          value={countValue(counts.activeSubscriptions, locations, 'subscriptions')}
          note={notes(
            comparison ? (
              <span className={styles.change}>active now (a snapshot, no previous value)</span>
            ) : null,
            excluded(counts.activeSubscriptions, 'subscriptions'),
          )}
        />
        <StatCard
          className={card}
          label="Payments"
          value={countValue(summary.payments, locations, 'payments')}
          note={notes(
            change((s) => s.payments),
            excluded(summary.payments, 'payments') ?? 'live, in every currency',
          )}
        />
      </dl>

      <h3 className={styles.subheading}>Net payments by currency</h3>
      {shownCurrencies.length === 0 ? (
        <p className={styles.kpiEmpty}>
          {summary.payments.unavailable === locations && locations > 0
            ? 'Payments could not be read for any location shown (npm run cli -- status explains why).'
            : 'No payments in this period.'}
        </p>
      ) : (
        <dl className={styles.moneyGrid}>
          {shownCurrencies.map((money) => (
            <StatCard
              key={money.currency}
              className={`${card} ${styles.money}`}
              label={
                <>
                  Net payments <span className={styles.currencyTag}>{money.currency}</span>
                </>
              }
              value={groupDigits(money.net)}
              note={notes(
                moneyChange(money.currency, money.net),
                <>
                  gross {groupDigits(money.gross)} · refunded {groupDigits(money.refunded)} ·{' '}
                  {plural(money.paymentsCount, 'payment')}
                  {showLocations ? ` · ${plural(money.locations, 'location')}` : null}
                </>,
              )}
            />
          ))}
        </dl>
      )}
      {summary.payments.unavailable > 0 && shownCurrencies.length > 0 ? (
        <p className={styles.kpiWarning}>
          Excludes {plural(summary.payments.unavailable, 'location')} whose payments could not be
          read.
        </p>
      ) : null}
    </section>
  );
}
