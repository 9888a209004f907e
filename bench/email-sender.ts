// The process bench/email.ts measures: the sending side of a burst, as the worker runs it —
// bundled by scripts/build-bin.mjs and started on bare node (no TypeScript loader), reading the
// queued deliveries from PostgreSQL and sending `B_CONCURRENCY` at a time with the exactly-once
// protocol (lib/reports/delivery/send-delivery.ts). Prints one JSON line.
import { createDb } from '@/lib/db/client';
import { readyDeliveryIds } from '@/lib/reports/delivery/ready-delivery-ids';
import { sendDelivery, type SendOutcome } from '@/lib/reports/delivery/send-delivery';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const MB = 1024 * 1024;
const db = createDb(need('B_DB'));
const concurrency = Number(need('B_CONCURRENCY'));
const now = new Date(need('B_NOW'));
const settings = {
  host: '127.0.0.1',
  port: Number(need('B_SMTP_PORT')),
  secure: false,
  from: 'Agency Pulse <reports@bench.test>',
  appUrl: 'http://pulse.bench',
};

// process.memoryUsage.rss() is cheap (process.memoryUsage() also walks the heap: ~1 ms a call).
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100);

const queue = await readyDeliveryIds(db, now);
const rssBefore = process.memoryUsage.rss();
const outcomes: Record<string, number> = {};
const count = (outcome: SendOutcome) =>
  (outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1);

const cpuBefore = process.cpuUsage();
const began = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < queue.length) {
      const id = queue[next++]!;
      count(await sendDelivery(db, id, { settings, now: () => now }));
    }
  }),
);
const seconds = (performance.now() - began) / 1000;
const cpu = process.cpuUsage(cpuBefore);

// A second pass (a tick after a restart) must send nothing.
const again: Record<string, number> = {};
for (const id of queue) {
  const outcome = await sendDelivery(db, id, { settings, now: () => now });
  again[outcome.status] = (again[outcome.status] ?? 0) + 1;
}
clearInterval(sampler);
const mem = process.memoryUsage();
// The kernel's high-water mark of this process, which no sampling interval can miss.
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    queued: queue.length,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    outcomes,
    secondPass: again,
    rssBeforeMb: rssBefore / MB,
    peakRssMb: Math.max(peakRss, maxRss) / MB,
    heapMb: mem.heapUsed / MB,
    externalMb: mem.external / MB,
  }),
);
await db.$disconnect();
