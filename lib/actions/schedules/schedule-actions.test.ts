import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetEnvCache } from '@/lib/env';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';
import { seedLocation } from '@/tests/metrics/seed';

// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { createReportSchedule } = await import('./create-schedule');
const { updateReportSchedule } = await import('./update-schedule');
const { pauseReportSchedule } = await import('./pause-schedule');
const { resumeReportSchedule } = await import('./resume-schedule');
const { deleteReportSchedule } = await import('./delete-schedule');
const { sendTestEmail } = await import('./send-test-email');
const { resendReportDelivery } = await import('./resend-delivery');

const admin: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@agency.test',
  name: 'Ada Admin',
  role: 'admin',
  locationIds: [],
};
const staff: SessionUser = {
  id: '00000000-0000-4000-8000-000000000002',
  email: 'sam@agency.test',
  name: 'Sam Staff',
  role: 'staff',
  locationIds: ['loc_a'],
};

let t: TestDatabase;
let smtp: SmtpCatcher;
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha' });
  await seedLocation(t.db, { id: 'loc_b', name: 'Beta' });
  smtp = await startSmtpCatcher();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.MAIL_FROM = 'Agency Pulse <reports@pulse.test>';
  process.env.APP_URL = 'http://pulse.test';
  resetEnvCache();
});
afterAll(async () => {
  await smtp?.stop();
  process.env = saved;
  resetEnvCache();
  await t?.drop();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const weeklyForm = {
  name: 'Monday numbers',
  report: 'agency',
  coverage: 'all',
  period: 'last-week',
  comparison: 'previous-period',
  cadence: 'weekly',
  weekday: '1',
  monthDay: '',
  periodDays: '',
  sendTime: '08:00',
  timezone: 'Europe/London',
  recipients: 'owner@agency.test\nops@agency.test',
  attachCsv: 'true',
  freshnessMode: 'warn',
};

describe('schedule actions', () => {
  it('refuse staff on the server, whatever they send, and change nothing', async () => {
    state.user = staff;
    const id = '00000000-0000-4000-8000-0000000000ff';
    for (const result of [
      await createReportSchedule(form(weeklyForm)),
      await updateReportSchedule({ id, ...weeklyForm }),
      await pauseReportSchedule({ id }),
      await resumeReportSchedule({ id }),
      await deleteReportSchedule({ id }),
      await sendTestEmail({ id }),
      await resendReportDelivery({ deliveryId: id }),
    ])
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.db.reportSchedule.count()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('create: a form with errors gets one message per field; a good one is stored', async () => {
    state.user = admin;
    const bad = await createReportSchedule(
      form({ ...weeklyForm, sendTime: '25:00', timezone: 'Nowhere/Here', recipients: 'x@' }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.ok ? null : bad.error.fields).toMatchObject({
      sendTime: expect.stringContaining('HH:MM'),
      timezone: expect.stringContaining('IANA'),
    });
    const good = await createReportSchedule(form(weeklyForm));
    expect(good.ok).toBe(true);
    const row = await t.db.reportSchedule.findUniqueOrThrow({
      where: { id: good.ok ? good.data.id : '' },
    });
    expect(row).toMatchObject({
      cadence: 'weekly',
      weekday: 1,
      attachCsv: true,
      recipients: ['owner@agency.test', 'ops@agency.test'],
      isPaused: false,
    });
  });

  it('edit, pause, resume and delete', async () => {
    state.user = admin;
    const created = await createReportSchedule(form(weeklyForm));
    const id = created.ok ? created.data.id : '';
    const burst = await updateReportSchedule(
      form({
        ...weeklyForm,
        id,
        report: 'location',
        coverage: 'burst',
        locationIds: 'loc_a, loc_b',
        recipients: '',
        'locationRecipients.loc_a': 'a@client.test',
        'locationRecipients.loc_b': 'b@client.test',
        cadence: 'monthly',
        monthDay: '0',
      }),
    );
    expect(burst).toEqual({ ok: true, data: { id } });
    expect(await t.db.scheduleRecipient.findMany({ where: { scheduleId: id } })).toHaveLength(2);
    expect(await t.db.reportSchedule.findUniqueOrThrow({ where: { id } })).toMatchObject({
      cadence: 'monthly',
      monthDay: 0,
      weekday: null,
    });
    expect(await pauseReportSchedule({ id })).toMatchObject({ ok: true });
    expect((await t.db.reportSchedule.findUniqueOrThrow({ where: { id } })).isPaused).toBe(true);
    expect(await resumeReportSchedule({ id })).toMatchObject({ ok: true });
    expect((await t.db.reportSchedule.findUniqueOrThrow({ where: { id } })).isPaused).toBe(false);
    expect(await deleteReportSchedule({ id })).toMatchObject({ ok: true });
    expect(await deleteReportSchedule({ id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    // Each change is in the audit log, by the admin, with the schedule before and after and no
    // recipient in it.
    const entries = await t.db.auditLogEntry.findMany({
      where: { targetType: 'schedule', targetId: id },
      orderBy: { at: 'asc' },
    });
    expect(entries.map((e) => e.action)).toEqual([
      'schedule.create',
      'schedule.update',
      'schedule.pause',
      'schedule.resume',
      'schedule.delete',
    ]);
    expect(entries.every((e) => e.actorEmail === admin.email)).toBe(true);
    expect(entries[1]).toMatchObject({
      before: expect.objectContaining({ cadence: 'weekly' }),
      after: expect.objectContaining({ cadence: 'monthly', coverage: 'burst' }),
    });
    expect(entries.at(-1)).toMatchObject({ after: null });
    expect(JSON.stringify(entries)).not.toContain('@client.test');
  });

  it('send test now: to the signed-in admin only, logged as a test, not the period’s delivery', async () => {
    state.user = admin;
    const created = await createReportSchedule(
      form({ ...weeklyForm, name: 'Tested', cadence: 'daily', period: 'yesterday' }),
    );
    const id = created.ok ? created.data.id : '';
    const result = await sendTestEmail({ id });
    expect(result).toMatchObject({ ok: true, data: { status: 'sent', to: 'admin@agency.test' } });
    const mail = smtp.messages.at(-1)!;
    expect(mail.envelopeTo).toEqual(['admin@agency.test']);
    expect(mail.parsed.subject).toMatch(/^Tested: All 2 locations, /);
    const [test] = await t.db.reportDelivery.findMany({ where: { scheduleId: id } });
    expect(test?.locationKey).toMatch(/^test:/);
    // The period's real delivery is still created when the schedule falls due.
    const schedule = await t.db.reportSchedule.findUniqueOrThrow({ where: { id } });
    await createDueDeliveries(t.db, {
      now: new Date(schedule.nextSendAt.getTime() + 1000),
      mailFrom: 'reports@pulse.test',
    });
    const rows = await t.db.reportDelivery.findMany({ where: { scheduleId: id } });
    expect(rows.map((r) => (r.locationKey.startsWith('test:') ? 'test' : 'period')).sort()).toEqual(
      ['period', 'test'],
    );
  });

  it('resend: only an uncertain or failed delivery', async () => {
    state.user = admin;
    const [sent] = await t.db.reportDelivery.findMany({ where: { status: 'sent' } });
    expect(await resendReportDelivery({ deliveryId: sent!.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await t.db.reportDelivery.update({ where: { id: sent!.id }, data: { status: 'uncertain' } });
    expect(await resendReportDelivery({ deliveryId: sent!.id })).toEqual({
      ok: true,
      data: { deliveryId: sent!.id },
    });
    expect((await t.db.reportDelivery.findUniqueOrThrow({ where: { id: sent!.id } })).status).toBe(
      'queued',
    );
  });
});
