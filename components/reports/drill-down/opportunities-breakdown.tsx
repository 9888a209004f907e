import { groupDigits } from '@/lib/metrics/decimal';
import type { OpportunitiesBreakdownResult } from '@/lib/metrics/get-opportunities-breakdown';
import styles from './drill-down.module.css';

const STATUS_LABELS: Record<string, string> = {
  open: 'Open (now)',
  won: 'Won',
  lost: 'Lost',
  abandoned: 'Abandoned',
};

/** Opportunities by status and by source, as two tables. */
export function OpportunitiesBreakdown({
  breakdown,
}: {
  breakdown: NonNullable<OpportunitiesBreakdownResult>;
}) {
  return (
    <div className={styles.grid}>
      <div className={styles.card}>
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="By status">
          <table className={styles.table} data-table="by-status">
            <caption>By status</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  In period
                </th>
                <th scope="col" className={styles.num}>
                  Value
                </th>
                <th scope="col" className={styles.num}>
                  Created
                  <span className="sr-only"> in the period, with this status now</span>
                </th>
                <th scope="col" className={styles.num}>
                  Created value
                </th>
              </tr>
            </thead>
            <tbody>
              {breakdown.byStatus.map((row) => (
                <tr key={row.status} data-status={row.status}>
                  <th scope="row">{STATUS_LABELS[row.status] ?? row.status}</th>
                  <td className={styles.num}>{row.count}</td>
                  <td className={styles.num}>{groupDigits(row.value)}</td>
                  <td className={styles.num}>{row.createdCount}</td>
                  <td className={styles.num}>{groupDigits(row.createdValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className={styles.note}>
          In period: open now; won, lost and abandoned by their status change in the period.
          Created: opportunities created in the period, by their status now.
        </p>
      </div>
      <div className={styles.card}>
        {breakdown.bySource.length === 0 ? (
          <p className={styles.empty}>
            No opportunity was created, won or lost in this period, so there is no source to show.
          </p>
        ) : (
          <div className={styles.scroll} tabIndex={0} role="region" aria-label="By source">
            <table className={styles.table} data-table="by-source">
              <caption>By source</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col" className={styles.num}>
                    Created
                  </th>
                  <th scope="col" className={styles.num}>
                    Won
                  </th>
                  <th scope="col" className={styles.num}>
                    Won value
                  </th>
                  <th scope="col" className={styles.num}>
                    Lost
                  </th>
                </tr>
              </thead>
              <tbody>
                {breakdown.bySource.map((row) => (
                  <tr key={row.source ?? ''} data-source={row.source ?? ''}>
                    <th scope="row">
                      {row.source ?? <span className={styles.unknown}>No source</span>}
                    </th>
                    <td className={styles.num}>{row.created}</td>
                    <td className={styles.num}>{row.won}</td>
                    <td className={styles.num}>{groupDigits(row.wonValue)}</td>
                    <td className={styles.num}>{row.lost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
