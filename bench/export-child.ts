// The process bench/export.ts measures: the daily-series download's code path
// (`dailySeriesCsvResponse`, what GET /api/reports/daily.csv returns after its session check),
// read to the end as a client reads the streamed body. Bundled by scripts/build-bin.mjs and run
// on bare node, so its peak RSS is the export's and the loaded code's, not a TypeScript loader's.
// Prints one JSON line.
import { createDb } from '@/lib/db/client';
import { dailySeriesCsvResponse } from '@/lib/reports/export/daily-series-csv-response';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const db = createDb(need('B_DB'));
await db.$queryRaw`SELECT 1`;
const baselineRssMb = process.memoryUsage().rss / 1048576;
let maxHeapMb = 0;
const sampler = setInterval(() => {
  maxHeapMb = Math.max(maxHeapMb, process.memoryUsage().heapUsed / 1048576);
}, 20);
const cpuBefore = process.cpuUsage();
const began = performance.now();
const response = await dailySeriesCsvResponse(db, { from: need('B_FROM'), to: need('B_TO') });
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
await db.$disconnect();
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
