'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartMargin, dayAxisProps, gridProps, tooltipStyle, valueAxisProps } from './chart-axes';

/**
 * The drawing of DailyBarChart, alone in its module so recharts loads after the page (it is
 * most of the page's JavaScript; the title, summary and table render without it).
 */
export function DailyBarPlot({
  data,
  exact,
  labels,
  ticks,
  valueLabel,
  formatValue,
}: {
  data: { day: string; amount: number }[];
  /** The exact decimal string of each day, for the tooltip. */
  exact: ReadonlyMap<string, string>;
  /** The tooltip's label and the axis tick of each point (a day, a week or a month). */
  labels: ReadonlyMap<string, string>;
  ticks: ReadonlyMap<string, string>;
  valueLabel: string;
  formatValue: (value: string) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 240 }}>
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
    </ResponsiveContainer>
  );
}
