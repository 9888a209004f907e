import { describe, expect, it } from 'vitest';
import { reserveSignInAttempt } from '@/lib/auth/sign-in-throttle';
import { pruneSignInFailuresJob } from '@/lib/jobs/definitions/auth/prune-sign-in-failures';
import { jobRegistry } from '@/lib/jobs/registry';
import type { JobContext } from '@/lib/jobs/types';
import { parseEnv } from '@/lib/env';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();

describe('prune-sign-in-failures', () => {
  it('is registered and scheduled hourly', () => {
    expect(jobRegistry).toContain(pruneSignInFailuresJob);
    expect(pruneSignInFailuresJob.schedule(parseEnv({}))).toMatchObject({ cron: '17 * * * *' });
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
    const payload = pruneSignInFailuresJob.payload.parse({ trigger: 'schedule' });
    expect(await pruneSignInFailuresJob.run(payload, ctx)).toEqual({ deleted: 2 });
    expect((await t.db.signInFailure.findMany()).map((r) => r.email)).toEqual([
      'fresh@example.com',
    ]);
    expect(lines).toEqual(['pruned 2 stale sign-in failure rows']);
  });
});
