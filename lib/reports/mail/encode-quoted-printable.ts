/** The longest encoded line, before its soft line break's "=" (RFC 2045: 76 with the "="). */
const MAX_LINE = 75;
const HEX = '0123456789ABCDEF';
/** How far back from the end of a full line a soft break may go to find a space or '>'. */
const BREAK_MARGIN = 45;

/**
 * UTF-8 text as quoted-printable (RFC 2045 §6.7) in one pass over its bytes: printable ASCII as
 * is (but "="), every other byte (line breaks too) as =XX, and soft line breaks ("=" CRLF) so no
 * line is longer than 76: never inside an =XX, and after a space or '>' when one is within
 * BREAK_MARGIN, so a word or attribute shorter than that stays whole on one line. Decoding gives
 * back exactly the same bytes. nodemailer's own encoder builds the text a character at a time
 * with regular expressions and allocated ~1 MB per report email (half of all a burst email
 * allocated).
 */
export function encodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  // Written byte by byte into one buffer (at most 3 bytes per byte, and a soft break per 30).
  const out = Buffer.allocUnsafe(bytes.length * 3 + (Math.ceil(bytes.length / 10) + 1) * 3);
  let end = 0;
  let lineStart = 0;
  let breakAt = -1; // just after the line's last space or '>': where a soft break reads best
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    // Space and tab as is, except last (a decoder may drop whitespace at the end of a line).
    const isPlain =
      (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) ||
      ((byte === 0x20 || byte === 0x09) && i < bytes.length - 1);
    const size = isPlain ? 1 : 3;
    if (end - lineStart + size > MAX_LINE) {
      // Words and attributes stay whole on one line when a break point is near enough.
      const at = breakAt - lineStart >= MAX_LINE - BREAK_MARGIN ? breakAt : end;
      out.copyWithin(at + 3, at, end);
      out[at] = 0x3d; // "=" CRLF
      out[at + 1] = 0x0d;
      out[at + 2] = 0x0a;
      end += 3;
      lineStart = at + 3;
      breakAt = -1;
    }
    if (isPlain) {
      out[end++] = byte;
    } else {
      out[end++] = 0x3d;
      out[end++] = HEX.charCodeAt(byte >> 4);
      out[end++] = HEX.charCodeAt(byte & 15);
    }
    if (byte === 0x20 || byte === 0x3e) breakAt = end;
  }
  // A space or tab ending a line is followed by the soft break's "=", so it is not trailing.
  return out.toString('latin1', 0, end);
}
