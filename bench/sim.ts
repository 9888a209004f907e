/**
 * `npx tsx bench/sim.ts [--seconds 3] [--concurrency 4]` — how many requests per second the GHL
 * simulator serves on this machine. Two figures per case:
 *  - http: end to end over keep-alive HTTP, with a thin client (node:http, cursor read from the
 *    body's tail, no full JSON.parse) sharing the process, so it is a lower bound;
 *  - handler: the request pipeline alone (auth, budget, faults, query, serialisation), no sockets.
 * The sim must never be the bottleneck of a sync benchmark: real GHL allows 10 requests/s per location.
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { handleApi } from '../sim/pipeline';
import { startSimulator } from '../sim/server';
import { createState } from '../sim/state';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, concurrency: { type: 'string' } },
});
const seconds = Number(values.seconds ?? 3);
const concurrency = Number(values.concurrency ?? 4);

/** The previous response as a thin client sees it: its size and its last 2 KB (where cursors are). */
type Prev = { size: number; tail: string } | undefined;
/** One benchmark case: builds the next request from the previous response (`i` = request number). */
type Case = { name: string; next: (prev: Prev, i: number) => { path: string; body?: string } };

function lastMatch(prev: Prev, pattern: RegExp): RegExpExecArray | null {
  return prev ? pattern.exec(prev.tail) : null;
}

function view(body: Buffer): Prev {
  return {
    size: body.length,
    tail: body.subarray(Math.max(0, body.length - 2_000)).toString('utf8'),
  };
}

function cases(locationId: string, smallId: string): Case[] {
  return [
    {
      name: 'contacts search pageLimit 500',
      next: (prev) => {
        const cursor =
          prev && prev.size > 100_000
            ? lastMatch(prev, /"searchAfter":(\[[^\]]*\])\}\],"total"/)?.[1]
            : undefined;
        const body = {
          locationId,
          pageLimit: 500,
          sort: [{ field: 'dateUpdated', direction: 'asc' }],
          ...(cursor ? { searchAfter: JSON.parse(cursor) } : {}),
        };
        return { path: '/contacts/search', body: JSON.stringify(body) };
      },
    },
    {
      name: 'opportunities search limit 100',
      next: (prev) => {
        const m = lastMatch(prev, /"startAfterId":"([^"]+)","startAfter":(\d+)/);
        const more = prev !== undefined && !prev.tail.includes('"nextPageUrl":null');
        const cursor = m && more ? `&startAfter=${m[2]}&startAfterId=${m[1]}` : '';
        return {
          path: `/opportunities/search?location_id=${locationId}&status=all&limit=100${cursor}`,
        };
      },
    },
    {
      name: 'transactions limit 100 (offset)',
      next: (_prev, i) => {
        const offset = (i * 100) % 400;
        return {
          path: `/payments/transactions?altId=${locationId}&altType=location&limit=100&offset=${offset}`,
        };
      },
    },
    {
      name: 'pipelines (tiny responses)',
      next: () => ({ path: `/opportunities/pipelines?locationId=${smallId}` }),
    },
  ];
}

function line(
  name: string,
  kind: string,
  requests: number,
  bytes: number,
  elapsedMs: number,
): void {
  const rps = (requests * 1000) / elapsedMs;
  console.log(
    `${name.padEnd(32)} ${kind.padEnd(8)} ${rps.toFixed(0).padStart(6)} req/s  ${((bytes / elapsedMs) * 1e-3).toFixed(1).padStart(6)} MB/s  (${requests} requests)`,
  );
}

const sim = await startSimulator({ rateLimit: false });
const big = sim.world.locations[0]!;
const small = sim.world.locations[1]!;
const headers = {
  Authorization: `Bearer ${sim.agencyToken}`,
  Version: '2021-07-28',
  'Content-Type': 'application/json',
};
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const { port } = sim;

function send(path: string, body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body ? 'POST' : 'GET', headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          if (res.statusCode !== 200)
            reject(new Error(`${res.statusCode} ${all.subarray(0, 200).toString()}`));
          else resolve(all);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

console.log(
  `sim bench: ${seconds}s per case, concurrency ${concurrency}, node ${process.version}; big location: ${big.sizes.contacts} contacts, ${big.sizes.opportunities} opportunities`,
);
// Warm the generated stores and JIT so the figures are steady-state serving.
sim.world.contacts(big.id);
sim.world.opportunities(big.id);
for (const c of cases(big.id, small.id)) {
  let prev: Prev;
  for (let i = 0; i < 30; i++) {
    const { path, body } = c.next(prev, i);
    prev = view(await send(path, body));
  }
}

for (const c of cases(big.id, small.id)) {
  let requests = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let prev: Prev;
      for (let i = 0; performance.now() < deadline; i++) {
        const { path, body } = c.next(prev, i);
        prev = view(await send(path, body));
        bytes += prev?.size ?? 0;
        requests++;
      }
    }),
  );
  line(c.name, 'http', requests, bytes, performance.now() - started);
}
await sim.close();
agent.destroy();

// The same cases through the handler alone.
const state = createState({ rateLimit: false });
const hBig = state.world.locations[0]!;
const hSmall = state.world.locations[1]!;
state.world.contacts(hBig.id);
for (const c of cases(hBig.id, hSmall.id)) {
  let requests = 0;
  let bytes = 0;
  let prev: Prev;
  const started = performance.now();
  for (let i = 0; performance.now() < started + seconds * 1000; i++) {
    const { path, body } = c.next(prev, i);
    const { response } = handleApi(state, {
      method: body ? 'POST' : 'GET',
      url: new URL(path, 'http://sim'),
      headers: { authorization: headers.Authorization, version: headers.Version },
      bodyText: body ?? '',
      baseUrl: 'http://sim',
    });
    prev = view(Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body));
    bytes += prev?.size ?? 0;
    requests++;
  }
  line(c.name, 'handler', requests, bytes, performance.now() - started);
}
