'use client';

import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { ChartFigure } from './chart-figure';
import { shortDay } from './chart-day';

// recharts is loaded after the page, in the browser only (a ResponsiveContainer has no size to
// draw at on the server anyway): it was half of the overview's first-load JavaScript.
const DailyBarPlot = dynamic(() => import('./daily-bar-plot').then((m) => m.DailyBarPlot), {
  ssr: false,
});

/**
 * One day's (or week's, or month's, starting on `day`) amount as an exact decimal string (drawn as
 * a number, shown as the string); `label` and `tick` as in LineTrendChart.
 */
export type BarPoint = { day: string; value: string; label?: string; tick?: string };

/**
 * A bar chart of one daily amount (e.g. net payments in one currency). Bars are drawn from the
 * numeric value of the decimal strings; every label, tooltip and the screen-reader table show
 * the exact strings. Negative days (refunds exceeding payments) are drawn below the axis in red.
 */
export function DailyBarChart({
  id,
  title,
  summary,
  valueLabel,
  points,
  formatValue,
  controls,
  rowHeader,
}: {
  id: string;
  title: string;
  summary: string;
  valueLabel: string;
  points: readonly BarPoint[];
  formatValue: (value: string) => string;
  controls?: ReactNode;
  /** What a bar is, for the screen-reader table: "Day" (default), "Week", "Month". */
  rowHeader?: string;
}) {
  const exact = new Map(points.map((point) => [point.day, point.value]));
  const labels = new Map(points.map((point) => [point.day, point.label ?? shortDay(point.day)]));
  const ticks = new Map(points.map((point) => [point.day, point.tick ?? shortDay(point.day)]));
  const data = points.map((point) => ({ day: point.day, amount: Number(point.value) }));
  return (
    <ChartFigure
      id={id}
      title={title}
      aside={controls}
      summary={summary}
      table={{
        rowHeader,
        columns: [valueLabel],
        rows: points.map((point) => ({
          key: point.day,
          header: point.label ?? point.day,
          cells: [formatValue(point.value)],
        })),
      }}
    >
      <DailyBarPlot
        data={data}
        exact={exact}
        labels={labels}
        ticks={ticks}
        valueLabel={valueLabel}
        formatValue={formatValue}
      />
    </ChartFigure>
  );
}
