import { groupDigits } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { StatCard } from '@/components/ui/stat-card';
import styles from './dashboard.module.css';

/**
 * One location's opportunity money: won value in the period and the open pipeline now. Both are in
 * the location's own currency (GHL stores no currency on opportunities), the same on each of its
 * currency rows, so they are read from the first. The roll-up has no such cards: amounts of
 * different locations may be in different currencies and are never added up.
 */
export function OpportunityValueCards({ row }: { row: LocationsReportRow }) {
  const unavailable = row.unavailable.includes('opportunities');
  const currency = row.locationCurrency ?? '';
  // In the currency's own minor units, with its code (¥ has no decimals).
  const value = (amount: string | null) =>
    unavailable || amount === null ? (
      'Unavailable'
    ) : (
      <>
        {groupDigits(formatMoney(amount, currency))}
        {currency ? <span className={styles.currencyTag}>{currency}</span> : null}
      </>
    );
  const note = unavailable
    ? 'Opportunities could not be read for this location.'
    : currency
      ? `In the location's own currency, ${currency}`
      : "In the location's own currency";
  return (
    <section aria-labelledby="opportunity-value-heading" className={styles.kpiSection}>
      <h3 id="opportunity-value-heading" className={styles.subheading}>
        Opportunity value
      </h3>
      <dl className={styles.moneyGrid}>
        <StatCard
          className={`${styles.kpi} ${styles.money}`}
          label="Won value"
          value={value(row.wonValue)}
          note={note}
        />
        <StatCard
          className={`${styles.kpi} ${styles.money}`}
          label="Open pipeline"
          value={value(row.openPipelineValue)}
          note={note}
        />
      </dl>
    </section>
  );
}
