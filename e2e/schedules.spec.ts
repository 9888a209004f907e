import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startSmtpCatcher, type SmtpCatcher } from '../tests/email/smtp-catcher';
import { E2E_SMTP_PORT, STORAGE, USERS } from './fixtures/e2e-data';

// The test server sends to SMTP_URL = smtp://127.0.0.1:<E2E_SMTP_PORT> (playwright.config.ts).
const smtpPort = E2E_SMTP_PORT;
const NAME = `E2E weekly ${Date.now()}`;

let smtp: SmtpCatcher;
test.beforeAll(async () => {
  smtp = await startSmtpCatcher({ port: smtpPort });
});
test.afterAll(async () => {
  await smtp?.stop();
});

test.describe('as an admin', () => {
  test.use({ storageState: STORAGE.admin });

  test('creates a schedule in the browser and sends a test; the email arrives, to the admin only', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Email reports' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Email reports' })).toBeVisible();
    await page.getByRole('link', { name: 'New schedule' }).click();

    await page.getByLabel('Name').fill(NAME);
    await page.getByLabel('Time (HH:MM)').fill('25:00');
    await page.getByLabel('Time zone (IANA)').fill('Europe/London');
    await page.getByLabel('Recipients').fill('owner@e2e.test');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    // The server's zod message, beside its field.
    await expect(page.getByText('expected a time as HH:MM (24-hour)')).toBeVisible();

    await page.getByLabel('Time (HH:MM)').fill('08:00');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await expect(page.getByText('The schedule was saved.')).toBeVisible();

    await page.goto('/settings/schedules');
    const row = page.getByRole('row').filter({ hasText: NAME });
    await expect(row).toContainText('Weekly on Mon at 08:00');
    await expect(row).toContainText(/\d{4}-\d{2}-\d{2} 08:00 Europe\/London/);
    await row.getByRole('button', { name: 'Send test now' }).click();
    await expect(row.getByRole('status')).toHaveText(`Test sent to ${USERS.admin.email}.`);

    await expect.poll(() => smtp.messages.length).toBe(1);
    const [mail] = smtp.messages;
    expect(mail?.envelopeTo).toEqual([USERS.admin.email]);
    expect(mail?.parsed.subject).toMatch(new RegExp(`^${NAME}: All \\d+ locations?, `));

    // The delivery log shows the test, and opens the exact email.
    await page.goto('/settings/schedules/deliveries');
    const logged = page.getByRole('row').filter({ hasText: NAME });
    await expect(logged).toContainText('sent');
    await logged.getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(mail?.parsed.subject ?? '');
    await expect(page.locator('dd').filter({ hasText: USERS.admin.email })).toHaveCount(1);
  });
});

test.describe('as staff', () => {
  test.use({ storageState: STORAGE.staff });

  test('cannot see schedules, and calling the server action directly is refused', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Email reports' })).toHaveCount(0);
    const response = await page.goto('/settings/schedules');
    expect(response?.status()).toBe(404);

    // The action's id from the build, posted as the browser would post it.
    const manifest = JSON.parse(
      readFileSync('.next/server/server-reference-manifest.json', 'utf8'),
    ) as { node: Record<string, { exportedName?: string; filename?: string }> };
    const actionId = Object.entries(manifest.node).find(
      ([, entry]) => entry.exportedName === 'createReportSchedule',
    )?.[0];
    expect(actionId).toBeTruthy();
    const refused = await page.request.post('/settings/schedules', {
      headers: { 'Next-Action': actionId!, 'Content-Type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([
        {
          name: 'Staff sneaking in',
          report: 'agency',
          coverage: 'all',
          period: 'yesterday',
          comparison: 'none',
          cadence: 'daily',
          sendTime: '08:00',
          timezone: 'UTC',
          recipients: ['sneaky@e2e.test'],
        },
      ]),
    });
    const body = await refused.text();
    expect(body).toContain('"code":"forbidden"');
    expect(body).not.toContain('"ok":true');
  });
});
