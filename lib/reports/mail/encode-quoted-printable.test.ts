import libqp from 'libqp';
import { describe, expect, it } from 'vitest';
import { encodeQuotedPrintable } from '@/lib/reports/mail/encode-quoted-printable';

const samples = [
  '',
  'short',
  '<img src="cid:trend-chart@agency-pulse" alt="x"/>',
  'x'.repeat(1_000),
  '='.repeat(100),
  'NYC <Smile> & Co — Nov 23, 2026 – Nov 29, 2026: €1.234,50 ✓ 日本語 '.repeat(40),
  'lines\nwith\r\nbreaks \n and trailing space ',
  'tab\tat the end\t',
  '😀'.repeat(50),
];

describe('encodeQuotedPrintable', () => {
  it('decodes back to exactly the same bytes, in lines of at most 76 characters', () => {
    for (const text of samples) {
      const encoded = encodeQuotedPrintable(text);
      expect(libqp.decode(encoded).toString('utf8')).toBe(text);
      for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
      expect(encoded).toMatch(/^[\x21-\x7e \t\r\n]*$/); // 7-bit, no bare line breaks
      expect(encoded.replace(/=\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });

  it('never splits an =XX sequence and keeps "=" encoded', () => {
    const encoded = encodeQuotedPrintable('a=b '.repeat(60) + 'é'.repeat(60));
    for (const line of encoded.split('=\r\n')) expect(line).not.toMatch(/=[0-9A-F]?$/);
    expect(encodeQuotedPrintable('src="cid:x"')).toBe('src=3D"cid:x"');
  });
});
