import { describe, expect, it } from 'vitest';
import { TWO_CURRENCY_LOCATION_INDEX } from './locations';
import { World } from './world';

const world = new World();
const byTz = (tz: string) => world.locations.find((l) => l.timezone === tz);

describe('world generation', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = new World();
    const other = new World({ seed: 2 });
    const loc = world.locations[1]!;
    expect(again.locations.map((l) => [l.id, l.token])).toEqual(
      world.locations.map((l) => [l.id, l.token]),
    );
    expect(again.contacts(loc.id)).toEqual(world.contacts(loc.id));
    expect(again.opportunities(loc.id)).toEqual(world.opportunities(loc.id));
    expect(again.transactions(loc.id)).toEqual(world.transactions(loc.id));
    expect(other.locations[1]!.id).not.toBe(loc.id);
    expect(world.agencyToken).toMatch(/^pit-[0-9a-f]{8}-/);
  });

  it('has the required time zones, JPY, and one location with two payment currencies', () => {
    for (const tz of [
      'Asia/Kolkata',
      'America/St_Johns',
      'Pacific/Auckland',
      'America/New_York',
      'Europe/London',
      'UTC',
    ]) {
      expect(byTz(tz), tz).toBeDefined();
    }
    const tokyo = byTz('Asia/Tokyo')!;
    expect(tokyo.currencies).toEqual(['JPY']);
    expect(world.transactions(tokyo.id).every((t) => Number.isInteger(t.amount))).toBe(true);
    const dual = world.locations[TWO_CURRENCY_LOCATION_INDEX]!;
    expect(new Set(world.transactions(dual.id).map((t) => t.currency)).size).toBe(2);
  });

  it('keeps the default world cheap with one location over 10,000 contacts', () => {
    const sizes = world.locations.map((l) => l.sizes.contacts);
    expect(sizes.filter((n) => n > 10_000)).toHaveLength(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(15_000);
  });

  it('pins records to local-midnight boundaries (Kolkata 18:30:00Z and 18:29:59.999Z)', () => {
    const kolkata = byTz('Asia/Kolkata')!;
    const added = new Set(world.contacts(kolkata.id).map((c) => c.dateAdded));
    expect(added.has('2026-09-30T18:30:00.000Z')).toBe(true);
    expect(added.has('2026-09-30T18:29:59.999Z')).toBe(true);
    const won = world
      .opportunities(kolkata.id)
      .filter((o) => o.lastStatusChangeAt === '2026-09-30T18:30:00.000Z');
    expect(won[0]?.status).toBe('won');
    const ny = byTz('America/New_York')!;
    // DST ends on 2025-11-02: local midnight is 04:00Z that day.
    expect(world.transactions(ny.id).some((t) => t.createdAt === '2025-11-02T04:00:00.000Z')).toBe(
      true,
    );
  });

  it('keeps dates inside the ~400 days before the reference now and in order', () => {
    const now = Date.parse(world.referenceNow());
    for (const loc of world.locations.slice(0, 4)) {
      for (const c of world.contacts(loc.id)) {
        expect(Date.parse(c.dateAdded)).toBeLessThanOrEqual(Date.parse(c.dateUpdated));
        expect(Date.parse(c.dateUpdated)).toBeLessThanOrEqual(now);
        expect(Date.parse(c.dateAdded)).toBeGreaterThan(now - 401 * 86_400_000);
      }
      for (const o of world.opportunities(loc.id)) {
        expect(Date.parse(o.lastStatusChangeAt)).toBeGreaterThanOrEqual(Date.parse(o.createdAt));
        expect(Date.parse(o.updatedAt)).toBeGreaterThanOrEqual(Date.parse(o.lastStatusChangeAt));
        if (o.status === 'won') {
          const stages = world.pipelines(loc.id).find((p) => p.id === o.pipelineId)!.stages;
          expect(o.pipelineStageId).toBe(stages[stages.length - 1]!.id);
        }
      }
    }
  });

  it('covers every status family with realistic money', () => {
    const loc = world.locations[0]!;
    const opps = world.opportunities(loc.id);
    expect(new Set(opps.map((o) => o.status))).toEqual(
      new Set(['open', 'won', 'lost', 'abandoned']),
    );
    expect(opps.some((o) => !Number.isInteger(o.monetaryValue))).toBe(true);
    expect(opps.some((o) => o.status !== 'open' && o.lastStatusChangeAt > o.createdAt)).toBe(true);
    const txns = world.transactions(loc.id);
    expect(new Set(txns.map((t) => t.status))).toEqual(
      new Set(['succeeded', 'failed', 'refunded', 'partially_refunded']),
    );
    for (const t of txns.filter((x) => x.status === 'partially_refunded')) {
      expect(t.amountRefunded).toBeGreaterThan(0);
      expect(t.amountRefunded).toBeLessThan(t.amount);
    }
    expect(txns.some((t) => !t.liveMode)).toBe(true);
    const subs = world.subscriptions(loc.id);
    for (const s of ['active', 'canceled', 'past_due'])
      expect(
        subs.some((x) => x.status === s),
        s,
      ).toBe(true);
    expect(subs.some((s) => !s.liveMode)).toBe(true);
    expect(world.orders(loc.id).length).toBe(loc.sizes.orders);
    expect(world.pipelines(loc.id).length).toBeGreaterThanOrEqual(2);
  });

  it('includes awkward names and PII fields', () => {
    const names = world.locations.map((l) => l.name);
    expect(names).toEqual(
      expect.arrayContaining(['=HYPERLINK("x")', 'Smith, Jones & Co', 'Café "Zoë"']),
    );
    const contacts = world.contacts(world.locations[0]!.id);
    const firstNames = contacts.map((c) => c.firstName);
    expect(firstNames.some((n) => n.startsWith('='))).toBe(true);
    expect(contacts.some((c) => c.lastName.includes(','))).toBe(true);
    expect(contacts.some((c) => /[^\u0000-\u007f]/.test(c.firstName))).toBe(true);
    expect(contacts.some((c) => c.email && c.phone)).toBe(true);
    expect(new Set(contacts.map((c) => c.id)).size).toBe(contacts.length);
  });

  it('honours size overrides and the location count bounds', () => {
    const small = new World({ locations: 3, sizes: () => ({ contacts: 7, opportunities: 3 }) });
    expect(small.contacts(small.locations[0]!.id)).toHaveLength(7);
    expect(small.opportunities(small.locations[2]!.id)).toHaveLength(3);
    expect(() => new World({ locations: 0 })).toThrow();
    expect(() => new World({ locations: 5_001 })).toThrow();
  });

  it('prepares a store with every record encoded as the JSON it serves', () => {
    const small = new World({ locations: 1, sizes: () => ({ contacts: 5 }) });
    const id = small.locations[0]!.id;
    small.prepare(id, 'contacts');
    const list = small.store(id, 'contacts').list;
    expect(list).toHaveLength(5);
    for (const stored of list)
      expect(stored.json?.toString('utf8')).toBe(JSON.stringify(stored.rec));
  });
});
