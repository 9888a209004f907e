'use client';

import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartMargin, dayAxisProps, gridProps, tooltipStyle, valueAxisProps } from './chart-axes';
import type { TrendSeries } from './line-trend-chart';

const formatNumber = (value: number) => value.toLocaleString('en-US');

/**
 * The drawing of LineTrendChart, alone in its module so recharts loads after the page (it is
 * most of the page's JavaScript; the title, summary and table render without it).
 */
export function LineTrendPlot({
  data,
  series,
  labels,
  ticks,
  hasDots,
}: {
  data: Record<string, string | number | null>[];
  series: readonly TrendSeries[];
  /** The tooltip's label and the axis tick of each point (a day, a week or a month). */
  labels: ReadonlyMap<string, string>;
  ticks: ReadonlyMap<string, string>;
  hasDots: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
      {/* No keyboard layer: the plot is aria-hidden, its table is what assistive tech reads. */}
      <LineChart data={data} margin={chartMargin} accessibilityLayer={false}>
        <CartesianGrid {...gridProps} />
        <XAxis {...dayAxisProps} tickFormatter={(day: string) => ticks.get(day) ?? day} />
        <YAxis allowDecimals={false} {...valueAxisProps} width={40} tickFormatter={formatNumber} />
        <Tooltip
          labelFormatter={(label) => labels.get(String(label)) ?? String(label)}
          formatter={(value, name) => [
            typeof value === 'number' ? formatNumber(value) : String(value ?? '—'),
            name,
          ]}
          contentStyle={tooltipStyle}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            dot={hasDots ? { r: 2.5 } : false}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
