'use client';

import dynamic from 'next/dynamic';
import { ChartFigure } from './chart-figure';
import styles from './charts.module.css';

// recharts is loaded after the page, in the browser only (see daily-bar-chart.tsx).
const LineTrendPlot = dynamic(() => import('./line-trend-plot').then((m) => m.LineTrendPlot), {
  ssr: false,
});

export type TrendSeries = {
  key: string;
  label: string;
  color: string;
  /** The column name in the screen-reader table, when it should differ from the legend's. */
  tableLabel?: string;
};
/** One day: a value per series key; null = unavailable (drawn as a gap, never as 0). */
export type TrendPoint = { day: string; values: Record<string, number | null> };

const formatNumber = (value: number) => value.toLocaleString('en-US');

/**
 * A line chart of daily counts. Draws exactly the points it is given (the server fills every
 * day); the title, the text summary and a screen-reader table carry the same information.
 */
export function LineTrendChart({
  id,
  title,
  summary,
  series,
  points,
}: {
  id: string;
  title: string;
  summary: string;
  series: readonly TrendSeries[];
  points: readonly TrendPoint[];
}) {
  const data = points.map((point) => ({ day: point.day, ...point.values }));
  return (
    <ChartFigure
      id={id}
      title={title}
      aside={
        <ul className={styles.legend} aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className={styles.swatch} style={{ background: s.color }} />
              {s.label}
            </li>
          ))}
        </ul>
      }
      summary={summary}
      table={{
        columns: series.map((s) => s.tableLabel ?? s.label),
        rows: points.map((point) => ({
          key: point.day,
          header: point.day,
          cells: series.map((s) => {
            const value = point.values[s.key];
            return value === null || value === undefined ? 'unavailable' : formatNumber(value);
          }),
        })),
      }}
    >
      <LineTrendPlot data={data} series={series} hasDots={points.length <= 31} />
    </ChartFigure>
  );
}
