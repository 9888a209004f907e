'use client';

import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { ChartFigure } from './chart-figure';

// recharts is loaded after the page, in the browser only (a ResponsiveContainer has no size to
// draw at on the server anyway): it was half of the overview's first-load JavaScript.
const DailyBarPlot = dynamic(() => import('./daily-bar-plot').then((m) => m.DailyBarPlot), {
  ssr: false,
});

/** One day's amount as an exact decimal string (drawn as a number, shown as the string). */
export type BarPoint = { day: string; value: string };

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
}: {
  id: string;
  title: string;
  summary: string;
  valueLabel: string;
  points: readonly BarPoint[];
  formatValue: (value: string) => string;
  controls?: ReactNode;
}) {
  const exact = new Map(points.map((point) => [point.day, point.value]));
  const data = points.map((point) => ({ day: point.day, amount: Number(point.value) }));
  return (
    <ChartFigure
      id={id}
      title={title}
      aside={controls}
      summary={summary}
      table={{
        columns: [valueLabel],
        rows: points.map((point) => ({
          key: point.day,
          header: point.day,
          cells: [formatValue(point.value)],
        })),
      }}
    >
      <DailyBarPlot data={data} exact={exact} valueLabel={valueLabel} formatValue={formatValue} />
    </ChartFigure>
  );
}
