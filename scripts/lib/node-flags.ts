/**
 * Node flags of the worker and the CLI (`npm run worker`, `npm run cli`, which run the bundles in
 * dist/bin/ built by scripts/build-bin.mjs; package.json repeats them). Source maps make stack
 * traces name the TypeScript files. The worker both syncs and sends email reports, and the young
 * generation's size pulls them apart: a sync parses ~0.5 MB JSON pages for many locations at once,
 * and with V8's default semi-space objects still in use across an await are promoted (32 MB cut
 * the sync's CPU per record by ~22%); but a burst of emails leaves short-lived garbage that a
 * 32 MB semi-space lets pile up (bench:email peaked at 300–360 MB). Idle machine, back to back
 * (the 520,000-record ingest of bench/sync.ts; the 1,000-email burst): 32 MB: 13.5–13.9 s of sync
 * CPU, 300–312 MB; 16 MB: 15.0 s, 224–306 MB over six runs; 8 MB: 17.8 s, 206–264 MB over four
 * runs, 88–92 emails/s. 8 MB kept every burst under 300 MB, for ~28% more sync CPU (the
 * sync waits on GHL's rate limit far more than on the CPU).
 */
export const SYNC_NODE_FLAGS = ['--max-semi-space-size=8', '--enable-source-maps'];
