import 'server-only';

import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** One known font file is much faster to load per render than scanning every system font. */
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const font = existsSync(DEJAVU)
  ? { loadSystemFonts: false, fontFiles: [DEJAVU], defaultFontFamily: 'DejaVu Sans' }
  : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };

/** An SVG as a PNG, rendered on the server without a browser (resvg, a Rust SVG renderer). */
export function renderChartPng(svg: string): Buffer {
  return Buffer.from(new Resvg(svg, { font, background: '#ffffff' }).render().asPng());
}
