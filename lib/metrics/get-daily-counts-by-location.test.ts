import { describe, expect, it } from 'vitest';
import { getDailyCountsByLocation } from '@/lib/metrics/get-daily-counts-by-location';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { useTestDatabase } from '@/tests/db';
import { seedContacts, seedLocation, seedOpportunities } from '@/tests/metrics/seed';

const t = useTestDatabase();

describe('getDailyCountsByLocation', () => {
  it('gives each location exactly its own getDailySeries counts, in one statement', async () => {
    await seedLocation(t.db, { id: 'b_utc', timezone: 'UTC' });
    await seedLocation(t.db, { id: 'b_tokyo', timezone: 'Asia/Tokyo' });
    await seedLocation(t.db, {
      id: 'b_blind',
      timezone: 'UTC',
      access: { contacts: 'scope_missing', opportunities: 'never_synced' },
    });
    await seedLocation(t.db, {
      id: 'b_gone',
      timezone: 'UTC',
      archivedAt: new Date('2024-01-01T00:00:00Z'),
    });
    for (const id of ['b_utc', 'b_tokyo', 'b_blind', 'b_gone']) {
      await seedContacts(t.db, id, [
        '2024-03-02T10:00:00Z',
        '2024-03-02T23:30:00Z',
        '2024-03-05T00:00:00Z',
      ]);
      await seedOpportunities(t.db, id, [
        {
          createdAt: '2024-03-01T10:00:00Z',
          status: 'won',
          lastStatusChangeAt: '2024-03-04T10:00:00Z',
        },
      ]);
      await recomputeDailyRollups(t.db, id, 'all');
    }
    const ids = ['b_utc', 'b_tokyo', 'b_blind', 'b_gone', 'b_unknown'];
    const period = { from: '2024-02-28', to: '2024-03-05' };
    const batch = await getDailyCountsByLocation(t.db, { ...period, locationIds: ids });
    expect([...batch.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const single = await getDailySeries(t.db, { ...period, locationIds: [id] });
      expect(batch.get(id), id).toEqual(single.counts);
    }
    // The values are the locations' own, not a sum: Tokyo's late contact is on its local 3rd.
    expect(batch.get('b_utc')!.map((p) => p.newContacts)).toEqual([0, 0, 0, 2, 0, 0, 1]);
    expect(batch.get('b_tokyo')!.map((p) => p.newContacts)).toEqual([0, 0, 0, 1, 1, 0, 1]);
    expect(batch.get('b_blind')!.every((p) => p.newContacts === null)).toBe(true);
    expect(batch.get('b_blind')!.every((p) => p.opportunitiesWon === null)).toBe(true);
    expect(batch.get('b_gone')!.map((p) => p.newContacts)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
