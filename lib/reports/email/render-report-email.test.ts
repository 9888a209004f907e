import { describe, expect, it } from 'vitest';
import { row } from '@/lib/metrics/testing/report-rows';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { changeText, reportEmailContent } from '@/lib/reports/email/report-email-content';
import { renderReportHtml, renderReportText } from '@/lib/reports/email/render-report-email';

describe('changeText', () => {
  it('says up, down, flat, new and unavailable exactly', () => {
    expect(changeText(12, 10)).toBe('▲ +2 (+20.0%) vs 10');
    expect(changeText('90.00', '100.00')).toBe('▼ −10.00 (−10.0%) vs 100.00');
    expect(changeText(3, 3)).toBe('no change vs 3');
    expect(changeText(5, 0)).toBe('▲ +5 new vs 0');
    expect(changeText(null, 4)).toBe('no comparison (unavailable)');
  });
});

describe('the rendered email', () => {
  const rows = [
    row({ locationId: 'a', locationName: '<script>alert(1)</script>', newContacts: 4 }),
    row({
      locationId: 'b',
      locationName: 'Blind',
      newContacts: null,
      totalContacts: null,
      unavailable: ['contacts'],
    }),
  ];
  const content = reportEmailContent({
    scheduleName: 'Daily "numbers"',
    audience: 'All 2 locations',
    period: { from: '2026-11-29', to: '2026-11-29' },
    rows,
    summary: summarizeReport(rows),
    comparison: null,
    topN: 10,
    topBy: 'newContacts',
    dashboardUrl: 'http://pulse.test/?from=2026-11-29&to=2026-11-29',
    warning: 'Data <old>',
  });

  it('escapes every text in the HTML', async () => {
    const html = await renderReportHtml(content);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Data &lt;old&gt;');
    expect(html).toContain('<title>Daily &quot;numbers&quot;: All 2 locations, Nov 29, 2026');
  });

  it('shows an unavailable value as — with its reason, never 0, in both parts', async () => {
    const text = renderReportText(content);
    expect(text).toMatch(/- Blind: New contacts: —,/);
    expect(text).toContain('Unavailable: contacts could not be read for Blind.');
    expect(text).toContain(
      '- New contacts: 4 (excludes 1 location whose contacts could not be read)',
    );
    expect(text).toContain('WARNING: Data <old>');
    const html = await renderReportHtml(content);
    expect(html).toContain('<span title="Unavailable: contacts could not be read for Blind.');
    expect(content.subject).toBe(
      'Daily "numbers": All 2 locations, Nov 29, 2026 (data may be out of date)',
    );
  });
});
