import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { groupDigits, isNegativeDecimal } from '@/lib/metrics/decimal';
import { formatCount, formatInstant, formatRate } from '@/lib/metrics/format-report-value';
import type { ReportColumn } from './report-columns';
import { UnavailableValue } from './unavailable-value';
import styles from './dashboard.module.css';

/** One table cell's content (not the location name, which is the row header). */
export function MetricCell({ row, column }: { row: LocationsReportRow; column: ReportColumn }) {
  const value = row[column.id];
  const isUnavailable = column.entity !== undefined && row.unavailable.includes(column.entity);

  if (column.id === 'currency') {
    if (isUnavailable)
      return <UnavailableValue entity="transactions" locationName={row.locationName} />;
    return value ? (
      <span className={styles.currency}>{value}</span>
    ) : (
      <span className={styles.none}>none</span>
    );
  }
  if (column.id === 'dataAsOf') {
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
  if (value === null || Array.isArray(value)) {
    if (column.id === 'winRate' && !isUnavailable) {
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
      return (
        <span className={isNegativeDecimal(value as string) ? styles.negative : undefined}>
          {groupDigits(value as string)}
        </span>
      );
    case 'rate':
      return <>{formatRate(value as string)}</>;
    default:
      return <>{String(value)}</>;
  }
}
