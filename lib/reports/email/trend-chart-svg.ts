import type { DailyCountsPoint } from '@/lib/metrics/get-daily-series';
import { formatCount, formatDay } from '@/lib/metrics/format-report-value';
import { escapeHtml } from '@/lib/reports/email/escape-html';

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 200;

/** A chart to embed: its SVG and the text that stands in for it (alt text). */
export type TrendChart = { svg: string; alt: string };

/**
 * The daily trend of new contacts as an SVG bar chart (inline attributes only, a system font), to
 * be rasterised for email clients that show no SVG. A day whose value is unavailable has no bar
 * (never a 0 bar); the alt text says the totals in words.
 */
export function trendChartSvg(points: readonly DailyCountsPoint[]): TrendChart {
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const pad = { left: 44, right: 12, top: 24, bottom: 28 };
  const known = points.filter((p) => p.newContacts !== null);
  const max = Math.max(1, ...known.map((p) => p.newContacts ?? 0));
  const band = (W - pad.left - pad.right) / Math.max(1, points.length);
  const barWidth = Math.max(1, Math.min(28, band * 0.7));
  const y = (value: number) => pad.top + (H - pad.top - pad.bottom) * (1 - value / max);
  const bars = points
    .map((p, i) => {
      if (p.newContacts === null) return '';
      const x = pad.left + i * band + (band - barWidth) / 2;
      const top = y(p.newContacts);
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(H - pad.bottom - top).toFixed(1)}" fill="#2563eb"/>`;
    })
    .join('');
  const first = points[0]?.day ?? '';
  const last = points.at(-1)?.day ?? '';
  const text = (x: number, yy: number, anchor: string, content: string) =>
    `<text x="${x}" y="${yy}" text-anchor="${anchor}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#52606d">${escapeHtml(content)}</text>`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    text(pad.left, 14, 'start', 'New contacts per day'),
    `<line x1="${pad.left}" y1="${H - pad.bottom}" x2="${W - pad.right}" y2="${H - pad.bottom}" stroke="#d9e2ec"/>`,
    `<line x1="${pad.left}" y1="${y(max)}" x2="${W - pad.right}" y2="${y(max)}" stroke="#eef2f6"/>`,
    text(pad.left - 6, y(max) + 4, 'end', formatCount(max)),
    text(pad.left - 6, H - pad.bottom + 4, 'end', '0'),
    bars,
    text(pad.left, H - 8, 'start', formatDay(first)),
    text(W - pad.right, H - 8, 'end', formatDay(last)),
    '</svg>',
  ].join('');

  const total = known.reduce((sum, p) => sum + (p.newContacts ?? 0), 0);
  const peak = known.reduce<DailyCountsPoint | null>(
    (best, p) => (best === null || (p.newContacts ?? 0) > (best.newContacts ?? 0) ? p : best),
    null,
  );
  const alt =
    known.length === 0
      ? 'New contacts per day: unavailable (contacts could not be read).'
      : `New contacts per day, ${formatDay(first)} to ${formatDay(last)}: ${formatCount(total)} in total, at most ${formatCount(peak?.newContacts ?? 0)} on ${formatDay(peak?.day ?? first)}.`;
  return { svg, alt };
}
