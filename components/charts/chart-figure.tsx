import type { ComponentProps, ReactNode } from 'react';
import { ChartDataTable } from './chart-data-table';
import styles from './charts.module.css';

/**
 * The frame every daily chart shares: a labelled figure with its title (and `aside`: legend or
 * controls), the text summary, the plot (hidden from screen readers, which get `table` instead).
 */
export function ChartFigure({
  id,
  title,
  aside,
  summary,
  table,
  children,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  summary: string;
  table: Omit<ComponentProps<typeof ChartDataTable>, 'caption'>;
  /** The plot: a lazily loaded recharts chart in a ResponsiveContainer (`*-plot.tsx`). */
  children: ReactNode;
}) {
  return (
    <figure
      className={styles.figure}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-chart={id}
    >
      <div className={styles.head}>
        <h3 id={`${id}-title`} className={styles.title}>
          {title}
        </h3>
        {aside}
      </div>
      <p id={`${id}-summary`} className={styles.summary}>
        {summary}
      </p>
      <div className={styles.plot} aria-hidden="true">
        {children}
      </div>
      <ChartDataTable caption={`The data of the chart “${title}”`} {...table} />
    </figure>
  );
}
