// Stands in for @prisma/streams-local, which `prisma` pulls in through @prisma/dev and which
// declares node >= 22 (npm warned EBADENGINE on every install on our supported Node 20.19+).
// Only `prisma dev` (Prisma's own local database server) imports it, lazily; this project runs
// PostgreSQL itself (scripts/pg.ts) and never calls `prisma dev`. See "npm install" in README.md.
export async function startLocalDurableStreamsServer() {
  throw new Error(
    '`prisma dev` is not supported in Agency Pulse: @prisma/streams-local is stubbed out ' +
      '(it needs Node >= 22). Use `npm run pg` for a local PostgreSQL.',
  );
}
