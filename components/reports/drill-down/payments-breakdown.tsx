import { groupDigits } from '@/lib/metrics/decimal';
import type { PaymentsBreakdownResult } from '@/lib/metrics/get-payments-breakdown';
import styles from './drill-down.module.css';

/** Payments per currency (never added up across currencies), each split by source. */
export function PaymentsBreakdown({
  breakdown,
}: {
  breakdown: NonNullable<PaymentsBreakdownResult>;
}) {
  if (breakdown.currencies.length === 0)
    return <p className={`${styles.card} ${styles.empty}`}>No payments in this period.</p>;
  return (
    <div className={styles.grid}>
      {breakdown.currencies.map((currency) => {
        const money = (amount: string) => `${groupDigits(amount)} ${currency.currency}`;
        return (
          <div className={styles.card} key={currency.currency} data-currency={currency.currency}>
            <div
              className={styles.scroll}
              tabIndex={0}
              role="region"
              aria-label={`Payments in ${currency.currency}`}
            >
              <table className={styles.table}>
                <caption>Payments in {currency.currency}, by source</caption>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col" className={styles.num}>
                      Payments
                    </th>
                    <th scope="col" className={styles.num}>
                      Gross
                    </th>
                    <th scope="col" className={styles.num}>
                      Refunded
                    </th>
                    <th scope="col" className={styles.num}>
                      Net
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {currency.sources.map((source) => (
                    <tr key={source.source ?? ''} data-source={source.source ?? ''}>
                      <th scope="row">
                        {source.source ?? <span className={styles.unknown}>No source</span>}
                      </th>
                      <td className={styles.num}>{source.count}</td>
                      <td className={styles.num}>{money(source.gross)}</td>
                      <td className={styles.num}>{money(source.refunded)}</td>
                      <td className={styles.num}>{money(source.net)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-total={currency.currency}>
                    <th scope="row">All sources</th>
                    <td className={styles.num}>{currency.count}</td>
                    <td className={styles.num}>{money(currency.gross)}</td>
                    <td className={styles.num}>{money(currency.refunded)}</td>
                    <td className={styles.num}>{money(currency.net)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </div>
        );
      })}
    </div>
  );
}
