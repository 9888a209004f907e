import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { groupDigits } from '@/lib/metrics/decimal';
import { formatCount, formatInstant, formatRate } from '@/lib/metrics/format-report-value';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { sendDelivery } from '@/lib/reports/delivery/send-delivery';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import type { ScheduleInput } from '@/lib/reports/schedules/schedule-schema';
import { useAgencyWithSmtp } from '@/tests/email/agency-with-smtp';
import { cliExport, MAIL_FROM, mailSettings, parseCsv } from '@/tests/email/helpers';

const t = useAgencyWithSmtp();

// Sun 2026-11-29 noon: the next Monday-08:00-London send is Mon 2026-11-30 08:00 GMT.
const CREATED = new Date('2026-11-29T12:00:00Z');
const DUE = new Date('2026-11-30T08:00:00Z');
const TICK = new Date('2026-11-30T08:00:30Z');

const weekly = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Monday numbers',
  report: 'agency',
  coverage: 'all',
  period: 'last-week',
  comparison: 'previous-period',
  cadence: 'weekly',
  weekday: 1,
  sendTime: '08:00',
  timezone: 'Europe/London',
  recipients: ['owner@agency.test', 'ops@agency.test'],
  topBy: 'newContacts',
  ...over,
});

async function deliveriesOf(scheduleId: string) {
  return t.db.reportDelivery.findMany({ where: { scheduleId }, orderBy: { locationKey: 'asc' } });
}

/**
 * Decodes a PNG for real: chunks, CRCs, the zlib stream of IDAT, and the filtered scanlines
 * (8-bit RGB or RGBA); returns the size and how many colours its pixels use.
 */
function decodePng(buffer: Buffer): { width: number; height: number; distinctColors: number } {
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    expect(buffer.readUInt32BE(offset + 8 + length)).toBe(
      crc32(buffer.subarray(offset + 4, offset + 8 + length)),
    );
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const colors = new Set<string>();
  let previous = Buffer.alloc(stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = Buffer.from(raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels]! : 0;
      const up = previous[i]!;
      const upLeft = i >= channels ? previous[i - channels]! : 0;
      const predictor =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : paeth(left, up, upLeft);
      line[i] = (line[i]! + predictor) & 0xff;
    }
    for (let i = 0; i < stride; i += channels)
      colors.add(line.subarray(i, i + channels).toString('hex'));
    previous = line;
  }
  return { width, height, distinctColors: colors.size };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const unescape = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** The roll-up table of an email's HTML (the one with a header row): one array of cell texts per row. */
function htmlTable(html: string): string[][] {
  const body = /<\/thead><tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      unescape(cell[1] ?? ''),
    ),
  );
}

/** What the email's table must show for a CLI export row, formatted as the dashboard does. */
function expectedCells(row: Record<string, string>): string[] {
  const count = (v: string | undefined) => (v ? formatCount(Number(v)) : '—');
  const paymentsUnavailable = row.payments_count === '';
  return [
    row.location_name ?? '',
    count(row.new_contacts),
    count(row.opportunities_created),
    count(row.opportunities_won),
    row.win_rate ? formatRate(row.win_rate) : '—',
    row.won_value ? groupDigits(row.won_value) : '—',
    paymentsUnavailable ? '—' : row.currency || 'none',
    count(row.payments_count),
    row.payments_net ? groupDigits(row.payments_net) : '—',
    row.data_as_of ? formatInstant(row.data_as_of) : 'never',
  ];
}

describe('a scheduled agency email through a real SMTP server', () => {
  it('arrives once, to the recipients, named and numbered like the CLI export, with its CSV byte for byte', async () => {
    const scheduleId = await createSchedule(t.db, weekly(), CREATED);
    const created = await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM });
    expect(created).toMatchObject({ created: 1 });
    // Ticking again creates nothing: the cursor moved and the row is unique.
    expect(await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM })).toMatchObject({
      created: 0,
    });
    const [delivery] = await deliveriesOf(scheduleId);
    expect(delivery).toMatchObject({ status: 'queued', locationKey: '', dueAt: DUE });
    expect(delivery?.periodFrom.toISOString().slice(0, 10)).toBe('2026-11-23');
    expect(delivery?.periodTo.toISOString().slice(0, 10)).toBe('2026-11-29');

    const before = t.smtp.messages.length;
    const outcome = await sendDelivery(t.db, delivery!.id, {
      settings: mailSettings(t.smtp.port),
      now: () => TICK,
    });
    expect(outcome.status).toBe('sent');
    // Sending it again (a job run twice) sends nothing.
    expect(
      await sendDelivery(t.db, delivery!.id, {
        settings: mailSettings(t.smtp.port),
        now: () => TICK,
      }),
    ).toEqual({ status: 'skipped', reason: 'the delivery is sent' });
    expect(t.smtp.messages.length - before).toBe(1);

    const mail = t.smtp.messages.at(-1)!;
    expect(mail.envelopeTo.sort()).toEqual(['ops@agency.test', 'owner@agency.test']);
    expect(mail.parsed.subject).toBe(
      'Monday numbers: All 3 locations, Nov 23, 2026 – Nov 29, 2026',
    );
    expect(mail.parsed.messageId).toBe(delivery!.messageId);
    expect(mail.parsed.from?.value).toEqual([
      { name: 'Agency Pulse', address: 'reports@pulse.test' },
    ]);

    const csv = await cliExport(t.url, '2026-11-23', '2026-11-29');
    const attachment = mail.parsed.attachments.find((a) => a.contentType === 'text/csv');
    expect(attachment?.filename).toBe('agency-pulse-locations_2026-11-23_2026-11-29.csv');
    expect(Buffer.compare(attachment!.content, csv)).toBe(0);

    // The inline chart: a PNG that decodes, referenced by its Content-ID with alt text.
    const png = mail.parsed.attachments.find((a) => a.contentType === 'image/png');
    expect(png?.contentDisposition).toBe('inline');
    expect(decodePng(png!.content)).toMatchObject({ width: 600, height: 200 });
    expect(decodePng(png!.content).distinctColors).toBeGreaterThan(2); // bars and text drawn
    // mailparser resolves the cid: reference to the attachment (a data URL), so it pointed at it.
    expect(String(mail.parsed.html)).toMatch(
      /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="New contacts per day, Nov 23, 2026 to Nov 29, 2026: 5 in total, at most 2 on Nov 24, 2026\."/,
    );
    expect(mail.raw.toString('latin1')).toContain('src=3D"cid:trend-chart@agency-pulse"');
    expect(png?.cid).toBe('trend-chart@agency-pulse');

    // The table: every export row, formatted, and nothing else; money per row's own currency.
    const exported = parseCsv(csv.toString('utf8'));
    expect(exported.length).toBe(4); // NYC has a USD and a EUR row
    const html = String(mail.parsed.html);
    const byText = (rows: string[][]) => rows.map((r) => r.join(' | ')).sort();
    expect(byText(htmlTable(html))).toEqual(byText(exported.map(expectedCells)));
    const text = mail.parsed.text ?? '';
    for (const cells of exported.map(expectedCells)) {
      const [name, ...rest] = cells;
      const labels = [
        'New contacts',
        'Opps created',
        'Opps won',
        'Win rate',
        'Won value',
        'Currency',
        'Payments',
        'Net payments',
        'Data as of',
      ];
      expect(text).toContain(`- ${name}: ${rest.map((v, i) => `${labels[i]}: ${v}`).join(', ')}`);
    }

    // KPIs: counts once per location; money per currency, never added across currencies.
    const firstRows = [...new Map(exported.map((r) => [r.location_id, r])).values()];
    const sum = (key: string) => firstRows.reduce((n, r) => n + Number(r[key] || 0), 0);
    expect(text).toContain(`- New contacts: ${sum('new_contacts')} (▲ +3 (+150.0%) vs 2)`);
    expect(text).toContain('- Net payments (GBP): 99.90 (▲ +49.90 (+99.8%) vs 50.00)');
    expect(text).toContain('- Net payments (USD): 900.00 (▲ +900.00 new vs 0.00)');
    expect(text).toContain('- Net payments (EUR): 20.00');
    expect(text).not.toMatch(/^- Net payments[^(]*: /m); // no cross-currency total
    expect(text).toContain('excludes 1 location whose payments (transactions) could not be read');
    // Unavailable is "—" with its reason, never 0.
    expect(text).toContain(
      '- Blind Clinic: New contacts: 1, Opps created: 0, Opps won: 0, Win rate: —, Won value: 0.00, Currency: —, Payments: —, Net payments: —',
    );
    expect(text).toContain(
      'Unavailable: payments (transactions) could not be read for Blind Clinic.',
    );
    expect(html).toContain(
      'title="Unavailable: payments (transactions) could not be read for Blind Clinic.',
    );
    // Escaped, with data as of per location and a link back to the same view.
    expect(html).toContain('NYC &lt;Smile&gt; &amp; Co');
    expect(html).not.toContain('<Smile>');
    expect(text).toContain('- London Dental: 2030-01-01 00:00 UTC');
    expect(html).toContain('href="http://pulse.test/?from=2026-11-23&amp;to=2026-11-29"');
    expect(text).toContain('Compared with the previous period: Nov 16, 2026 – Nov 22, 2026');

    // The log keeps exactly what went out.
    const sent = await t.db.reportDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.html).toBe(
      html
        .replace(/data:image\/png;base64,[A-Za-z0-9+/=]+/, 'cid:trend-chart@agency-pulse')
        .trimEnd(),
    );
    expect(sent.chartPng).toBe(png!.content.toString('base64'));
    expect(sent.csv).toBe(csv.toString('utf8'));
    expect(sent.toAddresses).toEqual(['owner@agency.test', 'ops@agency.test']);
  });

  it('shows the top N rows by the chosen metric, then "and N more" with a link', async () => {
    const scheduleId = await createSchedule(
      t.db,
      weekly({ name: 'Top two', topN: 2, topBy: 'newContacts', attachCsv: false }),
      CREATED,
    );
    await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM });
    const [delivery] = await deliveriesOf(scheduleId);
    expect(
      (
        await sendDelivery(t.db, delivery!.id, {
          settings: mailSettings(t.smtp.port),
          now: () => TICK,
        })
      ).status,
    ).toBe('sent');
    const mail = t.smtp.messages.at(-1)!;
    expect(mail.parsed.subject).toMatch(/^Top two:/);
    expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['image/png']);
    const rows = htmlTable(String(mail.parsed.html));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['London Dental', '3'],
      ['Blind Clinic', '1'], // ties keep the report's order (by name)
    ]);
    expect(mail.parsed.text).toContain(
      'and 2 more rows: http://pulse.test/?from=2026-11-23&to=2026-11-29',
    );
  });
});

describe('a burst', () => {
  it('sends one email per location, only to its recipients, with only its numbers', async () => {
    const scheduleId = await createSchedule(
      t.db,
      weekly({
        name: 'Your week',
        report: 'location',
        coverage: 'burst',
        locationIds: ['loc_lon', 'loc_nyc'],
        recipients: [],
        locationRecipients: {
          loc_lon: 'lon@client.test',
          loc_nyc: 'nyc1@client.test, nyc2@client.test',
        },
      }),
      CREATED,
    );
    expect(await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM })).toMatchObject({
      created: 2,
    });
    const deliveries = await deliveriesOf(scheduleId);
    expect(deliveries.map((d) => d.locationKey)).toEqual(['loc_lon', 'loc_nyc']);
    expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(2);
    const before = t.smtp.messages.length;
    for (const d of deliveries)
      expect(
        (await sendDelivery(t.db, d.id, { settings: mailSettings(t.smtp.port), now: () => TICK }))
          .status,
      ).toBe('sent');
    const mails = t.smtp.messages.slice(before);
    expect(mails).toHaveLength(2);
    const lon = mails.find((m) => m.envelopeTo.includes('lon@client.test'))!;
    const nyc = mails.find((m) => m.envelopeTo.includes('nyc1@client.test'))!;
    expect(lon.envelopeTo).toEqual(['lon@client.test']);
    expect(nyc.envelopeTo.sort()).toEqual(['nyc1@client.test', 'nyc2@client.test']);
    expect(lon.parsed.subject).toBe('Your week: London Dental, Nov 23, 2026 – Nov 29, 2026');
    expect(nyc.parsed.subject).toBe('Your week: NYC <Smile> & Co, Nov 23, 2026 – Nov 29, 2026');
    for (const [mail, own, others] of [
      [lon, 'loc_lon', ['NYC', 'Blind']],
      [nyc, 'loc_nyc', ['London', 'Blind']],
    ] as const) {
      for (const other of others) {
        expect(mail.parsed.text).not.toContain(other);
        expect(String(mail.parsed.html)).not.toContain(other);
      }
      const csv = await cliExport(t.url, '2026-11-23', '2026-11-29', [own]);
      const attached = mail.parsed.attachments.find((a) => a.contentType === 'text/csv');
      expect(Buffer.compare(attached!.content, csv)).toBe(0);
      expect(String(mail.parsed.html)).toContain(`href="http://pulse.test/locations/${own}?from=`);
    }
    expect(lon.parsed.text).toContain('- Net payments (GBP): 99.90');
    expect(lon.parsed.text).not.toContain('USD');
  });
});
