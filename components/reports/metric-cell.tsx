import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { groupDigits, isNegativeDecimal } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import { formatCount, formatInstant, formatRate } from '@/lib/metrics/format-report-value';
import type { LocationsReportColumn } from '@/lib/metrics/locations-report-columns';
import { UnavailableValue } from './unavailable-value';
import styles from './dashboard.module.css';

/**
 * An exact decimal amount in its currency's minor units with the code after it ("1,453,184 JPY",
 * "66,000.00 USD"); an unknown currency (`''`) gets 2 decimals, no code, and says so on hover.
 */
export function MoneyAmount({ value, currency }: { value: string; currency: string }) {
  return (
    <span
      className={isNegativeDecimal(value) ? styles.negative : undefined}
      title={currency ? undefined : "In the location's own currency (not known yet)"}
    >
      {groupDigits(formatMoney(value, currency))}
      {currency ? (
        <>
          {' '}
          <span className={styles.amountCurrency}>{currency}</span>
        </>
      ) : null}
    </span>
  );
}

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
    case 'money': {
      // Every amount carries its currency's code and minor units (¥1,453,184 has no decimals),
      // so it stays readable however far the table is scrolled sideways: payments are in the
      // row's currency, won value and open pipeline in the location's own (when known).
      const currency =
        'currency' in column && column.currency === 'row'
          ? row.currency
          : (row.locationCurrency ?? '');
      return <MoneyAmount value={value as string} currency={currency} />;
    }
    case 'rate':
      return <>{formatRate(value as string)}</>;
    default:
      return <>{String(value)}</>;
  }
}
