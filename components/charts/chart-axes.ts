import { shortDay } from './chart-day';

// Axis and grid styling shared by every daily chart (spread onto recharts' own elements, which
// recharts finds by type, so they cannot be wrapped in components of ours).
const tick = { fontSize: 11, fill: '#5b6472' };

export const chartMargin = { top: 8, right: 12, bottom: 0, left: 0 };
export const gridProps = { stroke: '#e2e6ed', vertical: false } as const;

/** The x axis of a dense daily series: one `day` per point, labelled "Oct 5". */
export const dayAxisProps = {
  dataKey: 'day',
  tickFormatter: shortDay,
  tick,
  tickLine: false,
  axisLine: { stroke: '#cdd3dd' },
  minTickGap: 24,
} as const;

/** The value axis, without its width and formatter (each chart's numbers differ). */
export const valueAxisProps = { tick, tickLine: false, axisLine: false } as const;

/** The tooltip box. */
export const tooltipStyle = { borderRadius: 8, borderColor: '#e2e6ed', fontSize: 12 };
