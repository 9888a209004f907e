import { StatCard } from '@/components/ui/stat-card';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import { formatCount, formatRate, groupDigits } from './format';
import type { CountTotal, ReportSummary } from './summarize-report';
import styles from './dashboard.module.css';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

function countValue(total: CountTotal, locations: number, what: string) {
  if (locations > 0 && total.unavailable === locations) {
    return (
      <span title={`Unavailable: ${what} could not be read for any location shown. Run npm run cli -- status.`}>
        <span aria-hidden="true">—</span>
        <VisuallyHidden>Unavailable: {what} could not be read for any location shown</VisuallyHidden>
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

/**
 * The KPI cards over the locations on screen: counts summed across locations, and payments per
 * currency (never added across currencies). Won value and open pipeline have no currency in the
 * data (GHL keeps them in each location's currency), so they are compared in the table only.
 */
export function KpiCards({ summary }: { summary: ReportSummary }) {
  const { counts, locations } = summary;
  const card = styles.kpi;
  return (
    <section aria-labelledby="kpi-heading" className={styles.kpiSection}>
      <h2 id="kpi-heading" className="sr-only">
        Totals across the {plural(locations, 'location')} shown
      </h2>
      <dl className={styles.kpiGrid}>
        <StatCard
          className={card}
          label="Locations"
          value={formatCount(locations)}
          note={summary.partialLocations > 0 ? <span className={styles.kpiWarning}>{plural(summary.partialLocations, 'location')} with partial data</span> : 'all data available'}
        />
        <StatCard className={card} label="New contacts" value={countValue(counts.newContacts, locations, 'contacts')} note={excluded(counts.newContacts, 'contacts')} />
        <StatCard className={card} label="Total contacts" value={countValue(counts.totalContacts, locations, 'contacts')} note={excluded(counts.totalContacts, 'contacts')} />
        <StatCard
          className={card}
          label="Opportunities created"
          value={countValue(counts.opportunitiesCreated, locations, 'opportunities')}
          note={excluded(counts.opportunitiesCreated, 'opportunities')}
        />
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
          note={excluded(counts.opportunitiesWon, 'opportunities') ?? (summary.winRate ? `win rate ${formatRate(summary.winRate)}` : 'none won or lost')}
        />
        <StatCard
          className={card}
          label="Active subscriptions"
          value={countValue(counts.activeSubscriptions, locations, 'subscriptions')}
          note={excluded(counts.activeSubscriptions, 'subscriptions')}
        />
        <StatCard
          className={card}
          label="Payments"
          value={countValue(summary.payments, locations, 'payments')}
          note={excluded(summary.payments, 'payments') ?? 'live, in every currency'}
        />
      </dl>

      <h3 className={styles.subheading}>Net payments by currency</h3>
      {summary.currencies.length === 0 ? (
        <p className={styles.kpiEmpty}>
          {summary.payments.unavailable === locations && locations > 0
            ? 'Payments could not be read for any location shown (npm run cli -- status explains why).'
            : 'No payments in this period.'}
        </p>
      ) : (
        <dl className={styles.moneyGrid}>
          {summary.currencies.map((money) => (
            <StatCard
              key={money.currency}
              className={`${card} ${styles.money}`}
              label={
                <>
                  Net payments <span className={styles.currencyTag}>{money.currency}</span>
                </>
              }
              value={groupDigits(money.net)}
              note={
                <>
                  gross {groupDigits(money.gross)} · refunded {groupDigits(money.refunded)} · {plural(money.paymentsCount, 'payment')} ·{' '}
                  {plural(money.locations, 'location')}
                </>
              }
            />
          ))}
        </dl>
      )}
      {summary.payments.unavailable > 0 && summary.currencies.length > 0 ? (
        <p className={styles.kpiWarning}>
          Excludes {plural(summary.payments.unavailable, 'location')} whose payments could not be read.
        </p>
      ) : null}
    </section>
  );
}
