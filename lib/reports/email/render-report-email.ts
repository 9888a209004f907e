import { escapeHtml } from '@/lib/reports/email/escape-html';
import { CHART_HEIGHT, CHART_WIDTH } from '@/lib/reports/email/trend-chart-svg';
import type { ReportEmailContent, ShownValue } from '@/lib/reports/email/report-email-content';

/**
 * The email's two parts from its content: HTML with inline styles only (mail clients drop
 * <style> blocks and classes), tables for layout, every text escaped; and a plain-text part
 * with the same numbers. Server-side strings, no React: one render per email keeps a burst of
 * thousands fast.
 */

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background:#f4f5f7;${FONT};color:#1f2933`,
  card: 'max-width:680px;margin:0 auto;background:#ffffff;padding:24px',
  h1: 'font-size:20px;margin:0 0 4px 0',
  muted: 'color:#52606d;font-size:13px;margin:0 0 12px 0',
  warning:
    'background:#fff4e5;border:1px solid #f0b35a;color:#7a4a00;padding:10px 12px;font-size:14px;margin:12px 0',
  kpiCell: 'padding:8px 12px 8px 0;vertical-align:top;width:33%',
  kpiLabel: 'font-size:12px;color:#52606d;margin:0',
  kpiValue: 'font-size:22px;font-weight:bold;margin:2px 0',
  kpiChange: 'font-size:12px;color:#334e68;margin:0',
  kpiNote: 'font-size:12px;color:#9a5b00;margin:0',
  table: 'border-collapse:collapse;width:100%;font-size:13px;margin-top:16px',
  th: 'text-align:left;border-bottom:2px solid #d9e2ec;padding:6px 8px;white-space:nowrap',
  td: 'border-bottom:1px solid #e4e7eb;padding:6px 8px;white-space:nowrap',
  link: 'color:#2563eb',
  small: 'font-size:12px;color:#52606d',
};

function value(shown: ShownValue): string {
  const text = escapeHtml(shown.text);
  return shown.reason ? `<span title="${escapeHtml(shown.reason)}">${text}</span>` : text;
}

/** The HTML part. */
export function renderReportHtml(content: ReportEmailContent): string {
  const kpiCells = content.kpis.map(
    (kpi) =>
      `<td style="${S.kpiCell}"><p style="${S.kpiLabel}">${escapeHtml(kpi.label)}</p>` +
      `<p style="${S.kpiValue}">${value(kpi.value)}</p>` +
      (kpi.change ? `<p style="${S.kpiChange}">${escapeHtml(kpi.change)}</p>` : '') +
      (kpi.note ? `<p style="${S.kpiNote}">${escapeHtml(kpi.note)}</p>` : '') +
      `</td>`,
  );
  const kpiRows: string[] = [];
  for (let i = 0; i < kpiCells.length; i += 3)
    kpiRows.push(`<tr>${kpiCells.slice(i, i + 3).join('')}</tr>`);

  const header = content.columns
    .map((column) => `<th style="${S.th}">${escapeHtml(column.label)}</th>`)
    .join('');
  const body = content.rows
    .map(
      (row) =>
        `<tr>${row.cells.map((cell) => `<td style="${S.td}">${value(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  const more = content.more
    ? `<p style="${S.small}">and ${content.more.count} more ${content.more.count === 1 ? 'row' : 'rows'}: <a style="${S.link}" href="${escapeHtml(content.more.url)}">see every location in the dashboard</a></p>`
    : '';
  const asOf = content.dataAsOf
    .map((item) => `${escapeHtml(item.locationName)}: ${escapeHtml(item.text)}`)
    .join('<br>');
  const notes = content.notes.length
    ? `<p style="${S.small}"><strong>Why some values are —</strong><br>${content.notes.map(escapeHtml).join('<br>')}</p>`
    : '';

  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="${S.body}"><div style="${S.card}">`,
    `<h1 style="${S.h1}">${escapeHtml(content.heading)}</h1>`,
    `<p style="${S.muted}">${escapeHtml(content.periodText)}${content.comparisonText ? ` · ${escapeHtml(content.comparisonText)}` : ''}</p>`,
    content.warning ? `<p style="${S.warning}">${escapeHtml(content.warning)}</p>` : '',
    `<table role="presentation" style="width:100%;border-collapse:collapse">${kpiRows.join('')}</table>`,
    content.chart
      ? `<p style="margin:16px 0 0 0"><img src="cid:${escapeHtml(content.chart.cid)}" alt="${escapeHtml(content.chart.alt)}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" style="display:block;max-width:100%;height:auto;border:0"></p>`
      : '',
    `<table style="${S.table}"><thead><tr>${header}</tr></thead><tbody>${body}</tbody></table>`,
    more,
    `<p style="${S.small}"><strong>Data as of</strong><br>${asOf}</p>`,
    notes,
    `<p><a style="${S.link}" href="${escapeHtml(content.dashboardUrl)}">Open this report in Agency Pulse</a></p>`,
    '</div></body></html>',
  ].join('\n');
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
