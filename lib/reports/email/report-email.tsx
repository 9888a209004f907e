// The React Email components this template uses, each from its own package (the versions
// @react-email/components 1.0.12 pins). That barrel also loads Tailwind, Prism and a Markdown
// parser: +33 MB RSS and ~1.5 s of start-up in every process that sends.
import { Body } from '@react-email/body';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Html } from '@react-email/html';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Text } from '@react-email/text';
import type { CSSProperties } from 'react';
import type { ReportEmailContent, ShownValue } from '@/lib/reports/email/report-email-content';
import { CHART_HEIGHT, CHART_WIDTH } from '@/lib/reports/email/trend-chart-svg';

/**
 * The report email as React Email components. Inline styles only (mail clients drop <style>
 * blocks and classes) and tables for layout; React escapes every text and attribute. Texts are
 * built as one string before they reach JSX, so no `<!-- -->` separator splits a value.
 */

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const S = {
  body: { margin: 0, padding: 0, background: '#f4f5f7', fontFamily: FONT, color: '#1f2933' },
  card: { maxWidth: '680px', margin: '0 auto', background: '#ffffff', padding: '24px' },
  h1: { fontSize: '20px', margin: '0 0 4px 0' },
  muted: { color: '#52606d', fontSize: '13px', margin: '0 0 12px 0' },
  warning: {
    background: '#fff4e5',
    border: '1px solid #f0b35a',
    color: '#7a4a00',
    padding: '10px 12px',
    fontSize: '14px',
    margin: '12px 0',
  },
  kpiCell: { padding: '8px 12px 8px 0', verticalAlign: 'top', width: '33%' },
  kpiLabel: { fontSize: '12px', color: '#52606d', margin: 0 },
  kpiValue: { fontSize: '22px', fontWeight: 'bold', margin: '2px 0' },
  kpiChange: { fontSize: '12px', color: '#334e68', margin: 0 },
  kpiNote: { fontSize: '12px', color: '#9a5b00', margin: 0 },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: '13px', marginTop: '16px' },
  th: {
    textAlign: 'left',
    borderBottom: '2px solid #d9e2ec',
    padding: '6px 8px',
    whiteSpace: 'nowrap',
  },
  td: { borderBottom: '1px solid #e4e7eb', padding: '6px 8px', whiteSpace: 'nowrap' },
  link: { color: '#2563eb' },
  small: { fontSize: '12px', color: '#52606d', lineHeight: '18px', margin: '12px 0' },
  chart: { display: 'block', maxWidth: '100%', height: 'auto', border: 0 },
} satisfies Record<string, CSSProperties>;

function Value({ shown }: { shown: ShownValue }) {
  return shown.reason ? <span title={shown.reason}>{shown.text}</span> : <>{shown.text}</>;
}

/** Lines of text separated by <br>, each one text node. */
function Lines({ lines }: { lines: readonly string[] }) {
  return lines.map((line, i) => (
    <span key={i}>
      {i > 0 ? <br /> : null}
      {line}
    </span>
  ));
}

/** The whole email; render it with `renderReportHtml`. */
export function ReportEmail({ content }: { content: ReportEmailContent }) {
  const kpiRows: ReportEmailContent['kpis'][] = [];
  for (let i = 0; i < content.kpis.length; i += 3) kpiRows.push(content.kpis.slice(i, i + 3));
  const period = content.comparisonText
    ? `${content.periodText} · ${content.comparisonText}`
    : content.periodText;
  const more = content.more
    ? `and ${content.more.count} more ${content.more.count === 1 ? 'row' : 'rows'}: `
    : null;
  return (
    <Html lang="en">
      <Head>
        <meta name="viewport" content="width=device-width" />
        <title>{content.subject}</title>
      </Head>
      <Preview>{`${content.heading}, ${period}`}</Preview>
      <Body style={S.body}>
        <Container style={S.card}>
          <Heading as="h1" style={S.h1}>
            {content.heading}
          </Heading>
          <Text style={S.muted}>{period}</Text>
          {content.warning ? <Text style={S.warning}>{content.warning}</Text> : null}
          <table role="presentation" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              {kpiRows.map((row, r) => (
                <tr key={r}>
                  {row.map((kpi) => (
                    <td key={kpi.label} style={S.kpiCell}>
                      <p style={S.kpiLabel}>{kpi.label}</p>
                      <p style={S.kpiValue}>
                        <Value shown={kpi.value} />
                      </p>
                      {kpi.change ? <p style={S.kpiChange}>{kpi.change}</p> : null}
                      {kpi.note ? <p style={S.kpiNote}>{kpi.note}</p> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {content.chart ? (
            <p style={{ margin: '16px 0 0 0' }}>
              <img
                src={`cid:${content.chart.cid}`}
                alt={content.chart.alt}
                width={CHART_WIDTH}
                height={CHART_HEIGHT}
                style={S.chart}
              />
            </p>
          ) : null}
          <table style={S.table}>
            <thead>
              <tr>
                {content.columns.map((column) => (
                  <th key={column.key} style={S.th}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {content.rows.map((row, r) => (
                <tr key={r}>
                  {row.cells.map((cell, c) => (
                    <td key={c} style={S.td}>
                      <Value shown={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {content.more && more ? (
            <Text style={S.small}>
              {more}
              <Link style={S.link} href={content.more.url}>
                see every location in the dashboard
              </Link>
            </Text>
          ) : null}
          <Text style={S.small}>
            <strong>Data as of</strong>
            <br />
            <Lines lines={content.dataAsOf.map((item) => `${item.locationName}: ${item.text}`)} />
          </Text>
          {content.notes.length ? (
            <Text style={S.small}>
              <strong>Why some values are —</strong>
              <br />
              <Lines lines={content.notes} />
            </Text>
          ) : null}
          <Text>
            <Link style={S.link} href={content.dashboardUrl}>
              Open this report in Agency Pulse
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
