import { describe, expect, it } from 'vitest';
import {
  csvHeaders,
  csvLines,
  csvResponse,
  formatCsvCell,
  toCsv,
  type CsvColumn,
} from '@/lib/reports/csv';

describe('formatCsvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\n', '"crlf\r\n"'],
    ['Zürich – 東京 🚀', 'Zürich – 東京 🚀'],
    ['', ''],
    [' leading space', ' leading space'],
  ])('text %j → %j', (value, expected) => {
    expect(formatCsvCell(value)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    // TAB splits cells in some readers, so a field holding one is quoted too.
    ['\tx', `"'\tx"`],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=a,b', `"'=a,b"`],
    ['a=b', 'a=b'],
    // A cell can begin after any separator a spreadsheet splits on, not only at the start.
    ['Acme;=1+2;x', `"Acme;'=1+2;x"`],
    ['Acme\t=1+2', `"Acme\t'=1+2"`],
    ['Acme\r=1+2', `"Acme\r'=1+2"`],
    ['Acme\n@SUM(A1)', `"Acme\n'@SUM(A1)"`],
    ['Acme, +1', `"Acme, '+1"`],
    ['a;b', '"a;b"'],
    [' =1', " '=1"],
    ['\uFF1D1+2', "'\uFF1D1+2"],
    ['\t=x', `"'\t'=x"`],
    ['Shop - Downtown', 'Shop - Downtown'],
  ])('guards text %j → %j', (value, expected) => {
    expect(formatCsvCell(value)).toBe(expected);
  });

  it('writes numeric cells as they are, negatives included', () => {
    expect(formatCsvCell('-12.50', 'numeric')).toBe('-12.50');
    expect(formatCsvCell('0.6667', 'numeric')).toBe('0.6667');
    expect(formatCsvCell(-3)).toBe('-3');
    expect(formatCsvCell(42, 'text')).toBe('42');
    expect(formatCsvCell(Number.NaN)).toBe('');
  });

  it('guards a string in a numeric column that is not a plain decimal', () => {
    expect(formatCsvCell('-1+1', 'numeric')).toBe("'-1+1");
    expect(formatCsvCell('=1', 'numeric')).toBe("'=1");
    expect(formatCsvCell('1,5', 'numeric')).toBe('"1,5"');
  });

  it('writes null and undefined as empty, dates as ISO', () => {
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(undefined, 'numeric')).toBe('');
    expect(formatCsvCell(new Date('2024-03-14T18:30:00Z'))).toBe('2024-03-14T18:30:00.000Z');
  });
});

describe('documents', () => {
  type Row = { name: string; amount: string | null };
  const columns: CsvColumn<Row>[] = [
    { header: 'name', value: (r) => r.name },
    { header: 'amount', kind: 'numeric', value: (r) => r.amount },
  ];

  it('has a header row and CRLF after every record', () => {
    const rows = [
      { name: 'Acme, Inc.', amount: '-5.00' },
      { name: '-Minus', amount: null },
    ];
    expect(toCsv(columns, rows)).toBe('name,amount\r\n"Acme, Inc.",-5.00\r\n\'-Minus,\r\n');
    expect([...csvLines(columns, [])]).toEqual(['name,amount\r\n']);
  });

  it('streams over an HTTP response with download headers', async () => {
    const response = csvResponse(
      csvLines(columns, [{ name: 'Ünïcode "q"', amount: '1' }]),
      'report.csv',
    );
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="report.csv"; filename*=UTF-8''report.csv`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 BOM first, so Excel on Windows reads the text as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('name,amount\r\n"Ünïcode ""q""",1\r\n');
  });

  it('leaves the BOM out when asked', async () => {
    const response = csvResponse(csvLines(columns, []), 'report.csv', { bom: false });
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe('name,amount\r\n');
  });

  it('sends many small lines in chunks of about 64 KB, pulling rows only as it is read', async () => {
    let pulled = 0;
    function* rows() {
      for (let i = 0; i < 50_000; i++) {
        pulled++;
        yield { name: `row ${i}`, amount: String(i) };
      }
    }
    const response = csvResponse(csvLines(columns, rows()), 'report.csv');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(first.value!.length).toBeLessThan(70 * 1024);
    // Only what the first chunk needed was pulled (with the queue's one chunk ahead at most).
    expect(pulled).toBeLessThan(15_000);
    let chunks = 1;
    let size = first.value!.length;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      chunks++;
      size += next.value.length;
    }
    expect(pulled).toBe(50_000);
    expect(size).toBe(3 + [...csvLines(columns, rows())].join('').length);
    expect(chunks).toBeLessThan(20);
  });

  it('makes any file name safe for the header', () => {
    expect(csvHeaders('Zürich "report"\r\n.csv')['Content-Disposition']).toBe(
      `attachment; filename="Z_rich _report___.csv"; filename*=UTF-8''Z%C3%BCrich%20%22report%22%0D%0A.csv`,
    );
  });
});
