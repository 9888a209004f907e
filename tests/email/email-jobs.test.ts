import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv, resetEnvCache } from '@/lib/env';
import { emailScheduleTick } from '@/lib/jobs/definitions/email/email-schedule-tick';
import { sendReportEmail } from '@/lib/jobs/definitions/email/send-report-email';
import { enqueue } from '@/lib/jobs/enqueue';
import { startWorker, type JobEvent, type Worker } from '@/lib/jobs/start-worker';
import type { JobServices } from '@/lib/jobs/types';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation } from '@/tests/metrics/seed';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';

let t: TestDatabase;
let smtp: SmtpCatcher;
let worker: Worker;
const events: JobEvent[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpCatcher();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.MAIL_FROM = 'Agency Pulse <reports@pulse.test>';
  process.env.APP_URL = 'http://pulse.test';
  resetEnvCache();
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha' });
  worker = await startWorker({
    // The email jobs use only the worker's database from the services.
    services: { sync: { db: t.db } } as unknown as JobServices,
    databaseUrl: t.url,
    settings: parseEnv({}),
    registry: [emailScheduleTick, sendReportEmail],
    schedules: false,
    pollingIntervalSeconds: 0.5,
    onJob: (event) => events.push(event),
  });
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 5_000 });
  await smtp?.stop();
  process.env = saved;
  resetEnvCache();
  await t?.drop();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the email jobs on pg-boss', () => {
  it('the tick creates the due delivery and queues its send; ticking again sends nothing more', async () => {
    const scheduleId = await createSchedule(t.db, {
      name: 'Through the worker',
      report: 'agency',
      coverage: 'all',
      period: 'yesterday',
      comparison: 'none',
      cadence: 'daily',
      sendTime: '08:00',
      timezone: 'UTC',
      recipients: ['owner@agency.test'],
    });
    // Due a moment ago.
    await t.db.reportSchedule.update({
      where: { id: scheduleId },
      data: { nextSendAt: new Date(Date.now() - 1000) },
    });
    await enqueue(emailScheduleTick, {}, { boss: worker.boss });
    await waitFor(async () =>
      (await t.db.reportDelivery.findMany({ where: { scheduleId } })).some(
        (d) => d.status === 'sent',
      ),
    );
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.parsed.subject).toMatch(/^Through the worker: All 1 location, /);

    const ticks = () => events.filter((e) => e.queue === 'email-schedule-tick').length;
    const before = ticks();
    await enqueue(emailScheduleTick, {}, { boss: worker.boss });
    await waitFor(async () => ticks() > before);
    // A stray send job for the same delivery finds it sent.
    const [delivery] = await t.db.reportDelivery.findMany({ where: { scheduleId } });
    await enqueue(sendReportEmail, { deliveryId: delivery!.id }, { boss: worker.boss });
    await waitFor(async () =>
      events.some(
        (e) =>
          e.queue === 'send-report-email' &&
          (e.result as { status?: string } | undefined)?.status === 'skipped',
      ),
    );
    expect(smtp.messages).toHaveLength(1);
    expect(events.filter((e) => e.error)).toEqual([]);
  });
});
