import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { groupDigits, isNegativeDecimal } from '@/lib/metrics/decimal';
import { formatCount, formatInstant, formatRate } from '@/lib/metrics/format-report-value';
import type { LocationsReportColumn } from '@/lib/metrics/locations-report-columns';
import { UnavailableValue } from './unavailable-value';
import styles from './dashboard.module.css';

/** One table cell's content (not the location name, which is the row header). */
export function MetricCell({
  row,
  column,
}: {
  row: LocationsReportRow;
  column: LocationsReportColumn;
}) {
  const value = row[column.key];
  const isUnavailable = column.entity !== undefined && row.unavailable.includes(column.entity);

  if (column.key === 'currency') {
    if (isUnavailable)
      return <UnavailableValue entity="transactions" locationName={row.locationName} />;
    return value ? (
      <span className={styles.currency}>{value}</span>
    ) : (
      <span className={styles.none}>none</span>
    );
  }
  if (column.key === 'dataAsOf') {
    if (!row.dataAsOf) {
      return (
        <span
          className={styles.none}
          title="This location has not finished a complete sync yet (npm run cli -- status)."
        >
          never
        </span>
      );
    }
    return (
      <time dateTime={row.dataAsOf} title={row.dataAsOf}>
        {formatInstant(row.dataAsOf)}
      </time>
    );
  }
  if (value === null) {
    if (column.key === 'winRate' && !isUnavailable) {
      return (
        <span className={styles.none} title="No opportunity was won or lost in the period">
          n/a
        </span>
      );
    }
    return column.entity ? (
      <UnavailableValue entity={column.entity} locationName={row.locationName} />
    ) : null;
  }
  switch (column.kind) {
    case 'count':
      return <>{formatCount(value as number)}</>;
    case 'money':
      // Amounts in the payment currency carry its code, so it stays readable however far the
      // table is scrolled sideways from the Currency column.
      return (
        <span className={isNegativeDecimal(value as string) ? styles.negative : undefined}>
          {groupDigits(value as string)}
          {'currency' in column && column.currency === 'row' && row.currency ? (
            <>
              {' '}
              <span className={styles.amountCurrency}>{row.currency}</span>
            </>
          ) : null}
        </span>
      );
    case 'rate':
      return <>{formatRate(value as string)}</>;
    default:
      return <>{String(value)}</>;
  }
}
