import { describe, expect, it } from 'vitest';
import { reserveSignInAttempt } from '@/lib/auth/sign-in-throttle';
import { pruneSignInRecordsJob } from '@/lib/jobs/definitions/auth/prune-sign-in-records';
import { jobRegistry } from '@/lib/jobs/registry';
import type { JobContext } from '@/lib/jobs/types';
import { parseEnv } from '@/lib/env';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();

describe('prune-sign-in-records', () => {
  it('is registered and scheduled hourly', () => {
    expect(jobRegistry).toContain(pruneSignInRecordsJob);
    expect(pruneSignInRecordsJob.schedule(parseEnv({}))).toMatchObject({ cron: '17 * * * *' });
  });

  it('forgets rows idle for a day and keeps recent ones', async () => {
    const dayAgo = new Date(Date.now() - 25 * 60 * 60_000);
    await reserveSignInAttempt(t.db, 'stale@example.com', '198.51.100.7', dayAgo);
    await reserveSignInAttempt(t.db, 'fresh@example.com', null, new Date());
    const lines: string[] = [];
    const ctx = {
      services: { sync: { db: t.db } },
      log: (line: string) => lines.push(line),
    } as unknown as JobContext;
    const payload = pruneSignInRecordsJob.payload.parse({ trigger: 'schedule' });
    await t.db.revokedSession.createMany({
      data: [
        { id: 'ended', expiresAt: dayAgo },
        { id: 'current', expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    expect(await pruneSignInRecordsJob.run(payload, ctx)).toEqual({
      failures: 2,
      revokedSessions: 1,
    });
    expect((await t.db.revokedSession.findMany()).map((r) => r.id)).toEqual(['current']);
    expect((await t.db.signInFailure.findMany()).map((r) => r.email)).toEqual([
      'fresh@example.com',
    ]);
    expect(lines).toEqual(['pruned 2 sign-in failure rows, 1 ended revoked sessions']);
  });
});
