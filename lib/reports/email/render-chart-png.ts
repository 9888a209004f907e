import 'server-only';

import { existsSync } from 'node:fs';
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

/**
 * An SVG as a PNG, rendered on the server without a browser (resvg, a Rust SVG renderer). The
 * rasterising and PNG encoding run on libuv's thread pool, so a burst keeps its event loop free
 * for the database and SMTP while charts render.
 */
export async function renderChartPng(svg: string): Promise<Buffer> {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '<svg xmlns="http://www.w3.org/2000/svg">';
  const paths = svg.replace(TEXT, (text) => outline(text, open));
  const png = await renderAsync(paths, { font: { loadSystemFonts: false }, background: '#ffffff' });
  return Buffer.from(png.asPng());
}
