import 'server-only';

import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import { Resvg, renderAsync } from '@resvg/resvg-js';

/** One known font file is much faster to load per render than scanning every system font. */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const font = existsSync(DEJAVU)
  ? { loadSystemFonts: false, fontFiles: [DEJAVU], defaultFontFamily: 'DejaVu Sans' }
  : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };

/**
 * resvg loads and parses the font file on every render that has text (~70% of a chart's render
 * time). A chart's labels repeat from email to email (its title, the period's first and last day,
 * a few maxima), so each `<text>` element is turned into its outline paths once and the chart is
 * rendered from paths only, with no font at all. Bounded: cleared when full.
 */
const outlines = new Map<string, string>();
const MAX_OUTLINES = 2_000;
const TEXT = /<text\b[^>]*>[^<]*<\/text>/g;

function outline(text: string, open: string): string {
  const known = outlines.get(text);
  if (known !== undefined) return known;
  // resvg's own SVG output: the text converted to paths, in the same coordinates.
  const converted = new Resvg(`${open}${text}</svg>`, { font }).toString();
  const paths = /<defs\/>([\s\S]*)<\/svg>/.exec(converted)?.[1]?.trim() ?? '';
  if (outlines.size >= MAX_OUTLINES) outlines.clear();
  outlines.set(text, paths);
  return paths;
}

const deflateAsync = promisify(deflate);

/**
 * The scanline buffers of charts rendered before (~480 KB each), reused: a burst would otherwise
 * allocate and free one per email outside V8's heap, where the allocator keeps the pages.
 */
const spareRows: Buffer[] = [];
const MAX_SPARE_ROWS = 8;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * RGBA pixels as a PNG (8-bit truecolour with alpha, no row filter). resvg's own `asPng()` runs
 * on the event loop and spent ~3 ms per chart choosing a filter for every row; here the one
 * costly step, deflate, runs on libuv's thread pool, at level 1 (a chart is mostly flat colour:
 * ~5 KB instead of ~4 KB, at a quarter of the time).
 */
async function encodePng(pixels: Buffer, width: number, height: number): Promise<Buffer> {
  const stride = width * 4;
  const size = height * (stride + 1);
  // Each row: filter 0, then its pixels — every byte is written, so a spare buffer is reused as is.
  const at = spareRows.findIndex((spare) => spare.length === size);
  const rows = at >= 0 ? spareRows.splice(at, 1)[0]! : Buffer.allocUnsafe(size);
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0;
    pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter method, no interlace
  try {
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', await deflateAsync(rows, { level: 1 })),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  } finally {
    if (spareRows.length < MAX_SPARE_ROWS) spareRows.push(rows);
  }
}

/**
 * An SVG as a PNG, rendered on the server without a browser (resvg, a Rust SVG renderer). The
 * rasterising and the compression run on libuv's thread pool, so a burst keeps its event loop
 * free for the database and SMTP while charts render.
 */
export async function renderChartPng(svg: string): Promise<Buffer> {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '<svg xmlns="http://www.w3.org/2000/svg">';
  const paths = svg.replace(TEXT, (text) => outline(text, open));
  const image = await renderAsync(paths, {
    font: { loadSystemFonts: false },
    background: '#ffffff',
  });
  return encodePng(image.pixels, image.width, image.height);
}
