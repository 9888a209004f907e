/**
 * Node flags of the worker and the CLI (`npm run worker`, `npm run cli`, which run the bundles in
 * dist/bin/ built by scripts/build-bin.mjs; package.json repeats them). Source maps make stack
 * traces name the TypeScript files. The worker both syncs and sends email reports, and the young
 * generation's size pulls them apart: a sync parses ~0.5 MB JSON pages for many locations at once,
 * and with V8's default semi-space objects still in use across an await are promoted (32 MB cut
 * the sync's CPU per record by ~22%); but a burst of emails leaves short-lived garbage that a
 * 32 MB semi-space lets pile up (bench:email peaked at 300–360 MB). 16 MB: the 520,000-record
 * ingest of bench/sync.ts took 15.0 s of CPU (32 MB: 13.5–13.9 s), the 1,000-email burst
 * peaked at 241–245 MB (32 MB: 300–312 MB) at 94–95 emails/s, measured back to back on an idle
 * machine.
 */
export const SYNC_NODE_FLAGS = ['--max-semi-space-size=16', '--enable-source-maps'];
