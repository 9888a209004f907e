import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { World } from './world';

// A real collection before each heap reading, so the figure is what the world retains.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

describe('lazy generation', () => {
  it('holds a 5,000 × 10,000 world in little memory, generating only what is read', () => {
    const before = heapMb();
    const world = new World({
      locations: 5_000,
      sizes: () => ({ contacts: 10_000 }),
      cacheRecords: 30_000,
    });
    expect(world.locations).toHaveLength(5_000);
    expect(world.cacheStats().materialisedRecords).toBe(0);
    const emptyWorldMb = heapMb() - before;
    for (const index of [0, 1_234, 4_999]) {
      expect(world.contacts(world.locations[index]!.id)).toHaveLength(10_000);
    }
    world.churn({ fraction: 0.01 });
    expect(world.contacts(world.locations[4_999]!.id).length).toBeGreaterThan(10_000);
    expect(world.contacts(world.locations[17]!.id).length).toBeGreaterThan(10_000);
    // The LRU keeps at most ~3 locations' contacts materialised.
    expect(world.cacheStats().materialisedRecords).toBeLessThanOrEqual(30_000 + 300);
    const grownMb = heapMb() - before;
    // 50 million contacts would be ~70 GB; the lazily built world stays at tens of MB.
    expect(emptyWorldMb).toBeLessThan(30);
    expect(grownMb).toBeLessThan(120);
    expect(world.locations.length).toBe(5_000);
  });
});
