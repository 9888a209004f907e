/**
 * A strict reader of the CSV the exports document (docs/metrics.md): RFC 4180, every record
 * ending in CRLF (the last one too), fields quoted only with `"` and quotes doubled inside. Throws
 * on anything else — a bare LF, text after a closing quote, a missing final CRLF — so a test that
 * parses a file also checks its format. A leading UTF-8 BOM is refused: strip it first on purpose.
 */
export function parseCsv(text: string): string[][] {
  if (text.startsWith('\uFEFF')) throw new Error('parseCsv: unexpected byte-order mark');
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('parseCsv: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`parseCsv: quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      continue;
    }
    throw new Error(
      `parseCsv: expected , or CRLF at ${i}, got ${JSON.stringify(text.slice(i, i + 10))}`,
    );
  }
  if (record.length > 0) throw new Error('parseCsv: the last record does not end in CRLF');
  return records;
}
