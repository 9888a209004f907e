import { createElement } from 'react';
import { render } from '@react-email/render';
import { ReportEmail } from '@/lib/reports/email/report-email';
import type { ReportEmailContent } from '@/lib/reports/email/report-email-content';

/**
 * The email's two parts from one content object, so they cannot disagree: the HTML from the
 * React Email template (`report-email.tsx`, inline styles, every text escaped by React) and a
 * plain-text part with the same values, one per line.
 *
 * React Email renders with `react-dom/server`, which React refuses under the `react-server`
 * condition: the worker, the CLI and Vitest run without it; Next loads `@react-email/*` as
 * server-external packages (next.config.ts), so they get Node's own resolution there too.
 */

/** The HTML part (an XHTML document, as React Email writes it). */
export function renderReportHtml(content: ReportEmailContent): Promise<string> {
  return render(createElement(ReportEmail, { content }));
}

/** The plain-text part: the same values, one per line. */
export function renderReportText(content: ReportEmailContent): string {
  const lines: string[] = [content.heading, content.periodText];
  if (content.comparisonText) lines.push(content.comparisonText);
  if (content.warning) lines.push('', `WARNING: ${content.warning}`);
  lines.push('', 'Totals');
  for (const kpi of content.kpis) {
    const extra = [kpi.change, kpi.note].filter(Boolean).join('; ');
    lines.push(`- ${kpi.label}: ${kpi.value.text}${extra ? ` (${extra})` : ''}`);
  }
  if (content.chart) lines.push('', `Trend: ${content.chart.alt}`);
  lines.push('', 'Locations');
  for (const row of content.rows) {
    const [name, ...rest] = row.cells;
    const fields = rest.map((cell, i) => `${content.columns[i + 1]?.label}: ${cell.text}`);
    lines.push(`- ${name?.text}: ${fields.join(', ')}`);
  }
  if (content.more)
    lines.push(
      `and ${content.more.count} more ${content.more.count === 1 ? 'row' : 'rows'}: ${content.more.url}`,
    );
  lines.push('', 'Data as of');
  for (const item of content.dataAsOf) lines.push(`- ${item.locationName}: ${item.text}`);
  if (content.notes.length) {
    lines.push('', 'Why some values are —');
    for (const note of content.notes) lines.push(`- ${note}`);
  }
  lines.push('', `Open this report in Agency Pulse: ${content.dashboardUrl}`, '');
  return lines.join('\n');
}
