// The process bench/export.ts measures: the daily-series download's code path
// (`dailySeriesCsvResponse`, what GET /api/reports/daily.csv returns after its session check),
// read to the end as a client reads the streamed body. Bundled by scripts/build-bin.mjs and run
// on bare node, so its peak RSS is the export's and the loaded code's, not a TypeScript loader's.
// The export path reads with plain `pg` and does not load the Prisma client; the route's session
// check before it does (in the app, Prisma is loaded anyway), which this process leaves out.
// Prints one JSON line.
import pg from 'pg';
import { dailySeriesCsvResponse } from '@/lib/reports/export/daily-series-csv-response';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
// One round trip first, so the baseline includes pg's loaded code and a connection's buffers.
const warm = new pg.Client({ connectionString: need('B_DB') });
await warm.connect();
await warm.query('SELECT 1');
await warm.end();
const baselineRssMb = process.memoryUsage().rss / 1048576;
let maxHeapMb = 0;
const sampler = setInterval(() => {
  maxHeapMb = Math.max(maxHeapMb, process.memoryUsage().heapUsed / 1048576);
}, 20);
const cpuBefore = process.cpuUsage();
const began = performance.now();
const response = await dailySeriesCsvResponse(need('B_DB'), {
  from: need('B_FROM'),
  to: need('B_TO'),
});
const reader = response.body!.getReader();
let bytes = 0;
let newlines = 0;
let head = '';
for (let next = await reader.read(); !next.done; next = await reader.read()) {
  if (!head) head = Buffer.from(next.value.subarray(0, 24)).toString('utf8');
  bytes += next.value.length;
  for (let i = next.value.indexOf(10); i !== -1; i = next.value.indexOf(10, i + 1)) newlines++;
}
const seconds = (performance.now() - began) / 1000;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
console.log(
  JSON.stringify({
    rows: newlines - 1,
    bytes,
    seconds,
    head,
    fileName: response.headers.get('content-disposition'),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxHeapMb,
    baselineRssMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
