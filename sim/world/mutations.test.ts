import { describe, expect, it } from 'vitest';
import { World } from './world';

describe('mutations', () => {
  it('creates, updates and deletes, bumping updated timestamps past the reference now', () => {
    const world = new World({ locations: 2 });
    const loc = world.locations[1]!;
    const before = world.contacts(loc.id);
    const result = world.mutate(loc.id, {
      create: { contacts: 3, opportunities: 1 },
      update: { contacts: 2, opportunities: 4 },
      delete: { contacts: 1 },
    });
    expect(result.at).toBe('2026-11-01T00:00:01.000Z');
    expect(world.now()).toBe(result.at);
    const after = world.contacts(loc.id);
    expect(after).toHaveLength(before.length + 3 - 1);
    const byId = new Map(after.map((c) => [c.id, c]));
    for (const id of result.updated.contacts!) expect(byId.get(id)!.dateUpdated).toBe(result.at);
    for (const id of result.created.contacts!) {
      expect(byId.get(id)!.dateAdded).toBe(result.at);
      expect(before.some((c) => c.id === id)).toBe(false);
    }
    expect(byId.has(result.deleted.contacts![0]!)).toBe(false);
    expect(result.deleted.contacts!.some((id) => result.updated.contacts!.includes(id))).toBe(
      false,
    );
    const opps = new Map(world.opportunities(loc.id).map((o) => [o.id, o]));
    for (const id of result.updated.opportunities!) expect(opps.get(id)!.updatedAt).toBe(result.at);
  });

  it('applies explicit field changes and keeps status timestamps consistent', () => {
    const world = new World({ locations: 1, sizes: () => ({ contacts: 40 }) });
    const loc = world.locations[0]!;
    const open = world.opportunities(loc.id).find((o) => o.status === 'open')!;
    const result = world.mutate(loc.id, {
      update: { opportunities: [{ id: open.id, set: { status: 'won', monetaryValue: 12.34 } }] },
    });
    const changed = world.opportunities(loc.id).find((o) => o.id === open.id)!;
    expect(changed).toMatchObject({
      status: 'won',
      monetaryValue: 12.34,
      lastStatusChangeAt: result.at,
      updatedAt: result.at,
    });
    expect(() => world.mutate(loc.id, { update: { contacts: ['nope'] } })).toThrow(
      /no contacts nope/,
    );
    expect(() => world.mutate(loc.id, { create: { widgets: 1 } as never })).toThrow(
      /unknown entity/,
    );
  });

  it('survives LRU eviction: the overlay is re-applied when a location is regenerated', () => {
    const world = new World({ locations: 3, cacheRecords: 500 });
    const [a, b] = world.locations;
    const result = world.mutate(a!.id, { create: { contacts: 2 }, delete: { contacts: 2 } });
    const snapshot = world.contacts(a!.id);
    world.contacts(b!.id); // evicts a
    world.contacts(world.locations[2]!.id);
    expect(world.contacts(a!.id)).toEqual(snapshot);
    expect(snapshot.some((c) => c.id === result.created.contacts![0])).toBe(true);
  });

  it('churn changes about 1% of records everywhere, deterministically', () => {
    const make = () => new World({ locations: 4 });
    const one = make();
    const two = make();
    const ids = one.locations.map((l) => l.id);
    const before = ids.flatMap((id) => one.contacts(id));
    const round = one.churn({ fraction: 0.01 });
    two.churn({ fraction: 0.01 });
    const after = ids.flatMap((id) => one.contacts(id));
    expect(ids.flatMap((id) => two.contacts(id))).toEqual(after);
    const changed = after.filter((c) => c.dateUpdated === round.at);
    const ratio = changed.length / before.length;
    expect(ratio).toBeGreaterThan(0.006);
    expect(ratio).toBeLessThan(0.016);
    const created = after.filter((c) => c.dateAdded === round.at);
    expect(created.length).toBeGreaterThan(0);
    expect(after.length).toBe(before.length + created.length);
    // A later explicit update still lands on top of the churned state.
    const target = changed[0]!;
    const loc = ids.find((id) => one.contacts(id).some((c) => c.id === target.id))!;
    const later = one.mutate(loc, { update: { contacts: [target.id] } });
    expect(one.contacts(loc).find((c) => c.id === target.id)!.dateUpdated).toBe(later.at);
  });

  it('adds and removes locations', () => {
    const world = new World({ locations: 2 });
    const [added] = world.addLocations(1);
    expect(world.locations).toHaveLength(3);
    expect(world.locationByToken(added!.token)?.id).toBe(added!.id);
    expect(world.removeLocation(added!.id)).toBe(true);
    expect(world.location(added!.id)).toBeUndefined();
    expect(world.locationByToken(added!.token)).toBeUndefined();
  });
});
