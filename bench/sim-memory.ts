/**
 * `npm run bench:sim-memory` — the heap a lazily generated 5,000 × 10,000 simulator world takes on
 * this machine (sim/world/memory.test.ts asserts the machine-independent part: records held).
 * 50 million contacts generated eagerly would be ~70 GB; measured here (Node 20.20): the empty
 * world ~6 MB, after reading four locations and a churn ~34 MB (the test's old bounds: 30 / 120).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { World } from '../sim/world/world';

// A real collection before each heap reading, so the figure is what the world retains.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

const before = heapMb();
const world = new World({
  locations: 5_000,
  sizes: () => ({ contacts: 10_000 }),
  cacheRecords: 30_000,
});
const emptyWorldMb = heapMb() - before;
for (const index of [0, 1_234, 4_999]) world.contacts(world.locations[index]!.id);
world.churn({ fraction: 0.01 });
world.contacts(world.locations[4_999]!.id);
world.contacts(world.locations[17]!.id);
const grownMb = heapMb() - before;
const { materialisedRecords, materialisedStores } = world.cacheStats();
console.log(`5,000 locations × 10,000 contacts, LRU of 30,000 records`);
console.log(`  empty world:                      ${emptyWorldMb.toFixed(1)} MB heap`);
console.log(
  `  after reading 4 locations, churn: ${grownMb.toFixed(1)} MB heap ` +
    `(${materialisedRecords.toLocaleString('en-US')} records in ${materialisedStores} stores)`,
);
