import { describe, expect, it } from 'vitest';
import { recordAccessProblem } from '@/lib/sync/access';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { useTestDatabase } from '@/tests/db';
import { seedLocation } from '@/tests/metrics/seed';

const t = useTestDatabase();
const TOKEN = 'pit-3f2a9c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b';

describe('access messages are redacted before they are stored and when shown', () => {
  it('stores no piece of the token GHL echoed back', async () => {
    await seedLocation(t.db, { id: 'loc_r', name: 'R' });
    await recordAccessProblem(
      t.db,
      'loc_r',
      'contacts',
      {
        status: 'token_revoked',
        scope: 'location',
        message: `The token ${TOKEN.slice(4)} is invalid (Bearer ${TOKEN})`,
        traceId: 'trace-1',
        tokenKind: 'location',
      },
      new Date('2026-11-01T00:00:00Z'),
      'location',
      [TOKEN, 'agency-token-value-0123456789'],
    );
    const row = await t.db.locationAccess.findUniqueOrThrow({
      where: { locationId_entity: { locationId: 'loc_r', entity: 'contacts' } },
    });
    expect(row.message).toBe('The token [redacted] is invalid (Bearer [redacted])');
  });

  it('redacts a message stored before this rule when it is shown (health, cli status)', async () => {
    await t.db.locationAccess.update({
      where: { locationId_entity: { locationId: 'loc_r', entity: 'contacts' } },
      data: {
        message:
          'echo {"access_token":"Zk9x2LmQ81vTz0aa77Rr"} and sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      },
    });
    const health = await getSyncHealth(t.db, { incrementalEveryMinutes: 15 });
    const shown = JSON.stringify(health);
    expect(shown).not.toContain('Zk9x2LmQ81vTz0aa77Rr');
    expect(shown).not.toContain('sk_live_4eC39HqLyjWDarjtT1zdp7dc');
    expect(shown).toContain('[redacted]');
  });
});
