import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { readyDeliveryIds } from '@/lib/reports/delivery/ready-delivery-ids';
import { recoverStaleDeliveries } from '@/lib/reports/delivery/recover-stale-deliveries';
import { resendDelivery } from '@/lib/reports/delivery/resend-delivery';
import {
  LEASE_MS,
  retryDelayMs,
  sendDelivery,
  type SendHooks,
} from '@/lib/reports/delivery/send-delivery';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import type { ScheduleInput } from '@/lib/reports/schedules/schedule-schema';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { MAIL_FROM, mailSettings, seedAgency } from '@/tests/email/helpers';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedAgency(t.db);
});
afterAll(async () => {
  await t?.drop();
});

const CREATED = new Date('2026-11-29T12:00:00Z');
const TICK = new Date('2026-11-30T08:00:30Z');

const daily = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'Daily',
  report: 'agency',
  coverage: 'all',
  period: 'yesterday',
  comparison: 'none',
  cadence: 'daily',
  sendTime: '08:00',
  timezone: 'Europe/London',
  recipients: ['owner@agency.test'],
  ...over,
});

/** A schedule whose one delivery is due at TICK; returns the delivery id. */
async function oneDelivery(over: Partial<ScheduleInput> = {}): Promise<string> {
  const scheduleId = await createSchedule(t.db, daily(over), CREATED);
  await createDueDeliveries(t.db, { now: TICK, mailFrom: MAIL_FROM });
  const rows = await t.db.reportDelivery.findMany({ where: { scheduleId } });
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

const row = (id: string) => t.db.reportDelivery.findUniqueOrThrow({ where: { id } });
const attempts = (deliveryId: string) =>
  t.db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { attempt: 'asc' } });

/** A port nothing listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('transient and permanent SMTP failures', () => {
  it('SMTP down, then back: retried with backoff, arrives once, the log shows each attempt', async () => {
    const id = await oneDelivery({ name: 'Down then up' });
    const port = await freePort();
    const first = await sendDelivery(t.db, id, { settings: mailSettings(port), now: () => TICK });
    expect(first).toMatchObject({ status: 'queued' });
    const afterFirst = await row(id);
    expect(afterFirst).toMatchObject({ status: 'queued', attempts: 1 });
    expect(afterFirst.lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(afterFirst.nextAttemptAt).toEqual(new Date(TICK.getTime() + retryDelayMs(1)));
    // Not before its backoff: neither picked up nor claimable.
    expect(await readyDeliveryIds(t.db, TICK)).not.toContain(id);
    expect(
      (await sendDelivery(t.db, id, { settings: mailSettings(port), now: () => TICK })).status,
    ).toBe('skipped');
    // Still down at the second attempt: the delay doubles.
    const second = new Date(afterFirst.nextAttemptAt.getTime());
    await sendDelivery(t.db, id, { settings: mailSettings(port), now: () => second });
    expect((await row(id)).nextAttemptAt).toEqual(new Date(second.getTime() + retryDelayMs(2)));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(20)).toBe(30 * 60_000); // capped

    const smtp = await startSmtpCatcher({ port });
    try {
      const third = (await row(id)).nextAttemptAt;
      expect(await readyDeliveryIds(t.db, third)).toContain(id);
      expect(
        (await sendDelivery(t.db, id, { settings: mailSettings(port), now: () => third })).status,
      ).toBe('sent');
      expect(
        (await sendDelivery(t.db, id, { settings: mailSettings(port), now: () => third })).status,
      ).toBe('skipped');
      expect(smtp.messages).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3 });
      expect((await attempts(id)).map((a) => a.outcome)).toEqual(['retry', 'retry', 'sent']);
    } finally {
      await smtp.stop();
    }
  });

  it('a 550 reply is failed with the reply, and not retried', async () => {
    const smtp = await startSmtpCatcher({
      onRcptTo: async (address) =>
        Object.assign(new Error(`5.1.1 <${address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        }),
    });
    try {
      const id = await oneDelivery({ name: 'Unknown user' });
      const outcome = await sendDelivery(t.db, id, {
        settings: mailSettings(smtp.port),
        now: () => TICK,
      });
      expect(outcome.status).toBe('failed');
      const failed = await row(id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.lastError).toMatch(
        /^550 5\.1\.1 <owner@agency\.test>: Recipient address rejected/,
      );
      const later = new Date(TICK.getTime() + 86_400_000);
      expect(await readyDeliveryIds(t.db, later)).not.toContain(id);
      expect(
        (await sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: () => later }))
          .status,
      ).toBe('skipped');
      expect(smtp.messages).toHaveLength(0);
      expect((await attempts(id)).map((a) => a.outcome)).toEqual(['failed']);
    } finally {
      await smtp.stop();
    }
  });

  it('a 4xx reply is retried', async () => {
    const smtp = await startSmtpCatcher({
      onRcptTo: async () =>
        Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }),
    });
    try {
      const id = await oneDelivery({ name: 'Greylisted' });
      const outcome = await sendDelivery(t.db, id, {
        settings: mailSettings(smtp.port),
        now: () => TICK,
      });
      expect(outcome).toMatchObject({ status: 'queued' });
      expect((await row(id)).lastError).toMatch(/^451 4\.7\.1 Greylisted/);
    } finally {
      await smtp.stop();
    }
  });

  it('never stores or shows the SMTP password, even when the server quotes it', async () => {
    const password = 'hunter2-Very-Secret';
    const smtp = await startSmtpCatcher({
      onAuth: (auth, _session, callback) =>
        callback(
          Object.assign(new Error(`Authentication failed for ${auth.username}/${auth.password}`), {
            responseCode: 535,
          }),
        ),
    });
    try {
      const id = await oneDelivery({ name: 'Bad login' });
      const outcome = await sendDelivery(t.db, id, {
        settings: mailSettings(smtp.port, { auth: { user: 'reports', pass: password } }),
        now: () => TICK,
      });
      expect(outcome.status).toBe('failed');
      const failed = await row(id);
      expect(failed.lastError).toContain('535 Authentication failed for reports/***');
      expect(JSON.stringify(failed)).not.toContain(password);
      expect(JSON.stringify(await attempts(id))).not.toContain(password);
      expect(JSON.stringify(outcome)).not.toContain(password);
    } finally {
      await smtp.stop();
    }
  });
});

/** Runs the send in a child process that SIGKILLs itself at `crashAt`, or is killed by `kill`. */
async function sendInChild(
  deliveryId: string,
  port: number,
  crashAt: keyof SendHooks | null,
  external?: (kill: () => void) => void,
): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      // Not --conditions=react-server: React Email's react-dom/server refuses it.
      '--import',
      'tsx',
      '--import',
      path.resolve(import.meta.dirname, '../../scripts/lib/server-only-hook.mjs'),
      path.join(import.meta.dirname, 'fixtures/send-child.ts'),
    ],
    {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        CHILD_DATABASE_URL: t.url,
        CHILD_DELIVERY_ID: deliveryId,
        CHILD_SMTP_PORT: String(port),
        ...(crashAt ? { CHILD_CRASH_AT: crashAt } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  external?.(() => child.kill('SIGKILL'));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, sig) => resolve(sig)),
  );
  expect(signal, output).toBe('SIGKILL');
  return output;
}

describe('a worker killed while sending', () => {
  let smtp: SmtpCatcher;
  let killDuringRcpt: (() => void) | null = null;
  beforeAll(async () => {
    smtp = await startSmtpCatcher({
      onRcptTo: async () => {
        // "During": the parent kills the child while the server holds RCPT TO.
        if (killDuringRcpt) {
          killDuringRcpt();
          killDuringRcpt = null;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        return null;
      },
    });
  });
  afterAll(async () => {
    await smtp?.stop();
  });

  const afterLease = () => new Date(Date.now() + LEASE_MS + 1000);
  /** The child runs on the real clock: make its delivery due now. */
  const dueNow = async (name: string) => {
    const id = await oneDelivery({ name });
    await t.db.reportDelivery.update({ where: { id }, data: { nextAttemptAt: new Date() } });
    return id;
  };
  const mailsFor = (subject: string) =>
    smtp.messages.filter((m) => m.parsed.subject?.startsWith(subject));

  it('before SMTP (just after the claim): recovered as queued, then sent once', async () => {
    const id = await dueNow('Crash after claim');
    const output = await sendInChild(id, smtp.port, 'afterClaim');
    expect(output).toContain('dying at afterClaim');
    expect(await row(id)).toMatchObject({ status: 'sending', phase: 'claimed' });
    // A second worker does not touch a row whose lease is running.
    expect((await sendDelivery(t.db, id, { settings: mailSettings(smtp.port) })).status).toBe(
      'skipped',
    );
    expect(await recoverStaleDeliveries(t.db, afterLease())).toMatchObject({ requeued: 1 });
    expect(await row(id)).toMatchObject({ status: 'queued', phase: null });
    expect(
      (await sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: afterLease })).status,
    ).toBe('sent');
    expect(mailsFor('Crash after claim')).toHaveLength(1);
  });

  it('during the SMTP transaction (at RCPT TO): nothing accepted, recovered as queued, sent once', async () => {
    const id = await dueNow('Crash at RCPT');
    await sendInChild(id, smtp.port, null, (kill) => (killDuringRcpt = kill));
    expect(await row(id)).toMatchObject({ status: 'sending', phase: 'claimed' });
    expect(mailsFor('Crash at RCPT')).toHaveLength(0);
    await recoverStaleDeliveries(t.db, afterLease());
    expect(
      (await sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: afterLease })).status,
    ).toBe('sent');
    expect(mailsFor('Crash at RCPT')).toHaveLength(1);
    expect((await attempts(id)).map((a) => a.outcome)).toEqual(['crashed', 'sent']);
  });

  it('at the commit point (body sent, final dot not yet): uncertain, never resent by itself', async () => {
    const id = await dueNow('Crash before dot');
    await sendInChild(id, smtp.port, 'beforeCommit');
    expect(await row(id)).toMatchObject({ status: 'sending', phase: 'committing' });
    expect(await recoverStaleDeliveries(t.db, afterLease())).toMatchObject({ uncertain: 1 });
    expect(await row(id)).toMatchObject({ status: 'uncertain' });
    expect(await readyDeliveryIds(t.db, afterLease())).not.toContain(id);
    // The server never got the dot: no message (uncertain errs on the side of no duplicate).
    expect(mailsFor('Crash before dot')).toHaveLength(0);
  });

  it('after the server accepted, before `sent` was recorded: uncertain, no duplicate; a manual resend keeps the Message-ID', async () => {
    const id = await dueNow('Crash after accept');
    await sendInChild(id, smtp.port, 'afterAccept');
    expect(mailsFor('Crash after accept')).toHaveLength(1);
    expect(await recoverStaleDeliveries(t.db, afterLease())).toMatchObject({ uncertain: 1 });
    const uncertain = await row(id);
    expect(uncertain).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(uncertain.lastError).toMatch(/may have been delivered/);
    expect((await attempts(id)).map((a) => a.outcome)).toEqual(['crashed']);
    // Ticks after it send nothing more.
    const later = new Date(afterLease().getTime() + 3_600_000);
    expect(await readyDeliveryIds(t.db, later)).not.toContain(id);
    expect(
      (await sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: () => later }))
        .status,
    ).toBe('skipped');
    expect(mailsFor('Crash after accept')).toHaveLength(1);

    // An admin's resend sends the stored email again, with the same Message-ID.
    expect(await resendDelivery(t.db, id, later)).toBe(true);
    expect(
      (await sendDelivery(t.db, id, { settings: mailSettings(smtp.port), now: () => later }))
        .status,
    ).toBe('sent');
    const copies = mailsFor('Crash after accept');
    expect(copies).toHaveLength(2);
    expect(copies[1]!.parsed.messageId).toBe(copies[0]!.parsed.messageId);
    expect(copies[1]!.parsed.html).toBe(copies[0]!.parsed.html);
  });
});
