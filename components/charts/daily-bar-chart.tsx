'use client';

import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from './chart-figure';
import { chartMargin, dayAxisProps, gridProps, tooltipStyle, valueAxisProps } from './chart-axes';
import { shortDay } from './chart-day';

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
      {/* No keyboard layer: the plot is aria-hidden, its table is what assistive tech reads. */}
      <BarChart data={data} margin={chartMargin} accessibilityLayer={false}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayAxisProps} tickFormatter={(day: string) => ticks.get(day) ?? day} />
        <YAxis
          {...valueAxisProps}
          width={56}
          tickFormatter={(v: number) => v.toLocaleString('en-US')}
        />
        <ReferenceLine y={0} stroke="#cdd3dd" />
        <Tooltip
          cursor={{ fill: 'rgba(44, 92, 197, 0.06)' }}
          labelFormatter={(label) => labels.get(String(label)) ?? String(label)}
          formatter={(_value, _name, item) => [
            formatValue(exact.get(String(item.payload?.day)) ?? '0'),
            valueLabel,
          ]}
          contentStyle={tooltipStyle}
        />
        <Bar
          dataKey="amount"
          name={valueLabel}
          radius={[3, 3, 0, 0]}
          maxBarSize={28}
          isAnimationActive={false}
        >
          {data.map((point) => (
            <Cell key={point.day} fill={point.amount < 0 ? '#b42318' : '#2c5cc5'} />
          ))}
        </Bar>
      </BarChart>
    </ChartFigure>
  );
}
