/** Bundles `entries` ({ name: source path }) to `<outdir>/<name>.mjs` (default dist/bin). */
export function buildBin(entries: Record<string, string>, outdir?: string): Promise<void>;
