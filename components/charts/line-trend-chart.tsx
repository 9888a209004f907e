'use client';

import dynamic from 'next/dynamic';
import { ChartFigure } from './chart-figure';
import { shortDay } from './chart-day';
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
/**
 * One day (or week, or month, starting on `day`): a value per series key; null = unavailable (drawn
 * as a gap, never as 0). `label` names it in the tooltip and the table ("2026-10-05 – 2026-10-11"),
 * `tick` on the axis ("Oct 5"); both default to the day.
 */
export type TrendPoint = {
  day: string;
  label?: string;
  tick?: string;
  values: Record<string, number | null>;
};

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
  rowHeader,
}: {
  id: string;
  title: string;
  summary: string;
  series: readonly TrendSeries[];
  points: readonly TrendPoint[];
  /** What a point is, for the screen-reader table: "Day" (default), "Week", "Month". */
  rowHeader?: string;
}) {
  const data = points.map((point) => ({ day: point.day, ...point.values }));
  const labels = new Map(points.map((point) => [point.day, point.label ?? shortDay(point.day)]));
  const ticks = new Map(points.map((point) => [point.day, point.tick ?? shortDay(point.day)]));
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
        rowHeader,
        columns: series.map((s) => s.tableLabel ?? s.label),
        rows: points.map((point) => ({
          key: point.day,
          header: point.label ?? point.day,
          cells: series.map((s) => {
            const value = point.values[s.key];
            return value === null || value === undefined ? 'unavailable' : formatNumber(value);
          }),
        })),
      }}
    >
      <LineTrendPlot
        data={data}
        series={series}
        labels={labels}
        ticks={ticks}
        hasDots={points.length <= 31}
      />
    </ChartFigure>
  );
}
