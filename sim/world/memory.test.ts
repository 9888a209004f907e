import { describe, expect, it } from 'vitest';
import { World } from './world';

// What the world holds is counted in records, which do not depend on the machine; the heap in MB
// that a 5,000 × 10,000 world takes is a figure of the runtime: `npm run bench:sim-memory`.
describe('lazy generation', () => {
  it('builds a 5,000 × 10,000 world with no record generated, and holds only what the LRU keeps', () => {
    const world = new World({
      locations: 5_000,
      sizes: () => ({ contacts: 10_000 }),
      cacheRecords: 30_000,
    });
    expect(world.locations).toHaveLength(5_000);
    expect(world.cacheStats().materialisedRecords).toBe(0);
    for (const index of [0, 1_234, 4_999]) {
      expect(world.contacts(world.locations[index]!.id)).toHaveLength(10_000);
    }
    world.churn({ fraction: 0.01 });
    expect(world.contacts(world.locations[4_999]!.id).length).toBeGreaterThan(10_000);
    expect(world.contacts(world.locations[17]!.id).length).toBeGreaterThan(10_000);
    // The LRU keeps at most ~3 locations' contacts materialised (of 50 million).
    expect(world.cacheStats().materialisedRecords).toBeLessThanOrEqual(30_000 + 300);
    expect(world.cacheStats().materialisedStores).toBeLessThanOrEqual(3);
    expect(world.locations.length).toBe(5_000);
  });
});
