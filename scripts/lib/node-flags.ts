/**
 * Node flags of the processes that sync (`npm run worker`, `npm run cli`, which run the bundles in
 * dist/bin/ built by scripts/build-bin.mjs; package.json repeats them). Source maps make stack
 * traces name the TypeScript files. A sync parses ~0.5 MB JSON pages for many locations at once:
 * with V8's default 16 MB semi-space, objects still in use across an await are copied and
 * promoted, and the collector cost a quarter of the sync's CPU. 32 MB cut the process's CPU per
 * record by ~22% in bench/sync.ts and keeps the 200,000-contact sync under 300 MB RSS (64 MB
 * went over).
 */
export const SYNC_NODE_FLAGS = ['--max-semi-space-size=32', '--enable-source-maps'];
