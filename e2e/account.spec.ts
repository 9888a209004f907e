import { expect, test, type Page } from '@playwright/test';
import { USERS } from './fixtures/e2e-data';

// A user of its own (seeded afresh each run), so the other specs' sign-ins are unaffected.
const user = USERS.passwordChanger;
const NEW_PASSWORD = 'e2e-password-after-22';

async function signIn(page: Page, password: string) {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function submit(page: Page, current: string, next: string, repeat = next) {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Repeat the new password').fill(repeat);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test('a staff user changes their password in the browser, then signs in with the new one only', async ({
  page,
}) => {
  await page.goto('/login');
  await signIn(page, user.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText('Staff: sees 1 assigned location')).toBeVisible();

  // The server's refusals appear beside the field they are about.
  await submit(page, 'not-my-password', NEW_PASSWORD);
  const current = page.getByLabel('Current password');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toHaveAccessibleDescription('That is not your current password');

  await submit(page, user.password, 'too-short');
  const next = page.getByLabel('New password', { exact: true });
  await expect(next).toHaveAttribute('aria-invalid', 'true');
  await expect(next).toHaveAccessibleDescription(/Expected at least 12 characters/);
  await expect(current).not.toHaveAttribute('aria-invalid', 'true');

  await submit(page, user.password, NEW_PASSWORD);
  await expect(
    page.getByRole('status').filter({ hasText: 'Your password was changed' }),
  ).toBeVisible();

  // Every session ended with the change; the old password no longer signs in, the new one does.
  await page.getByRole('link', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await signIn(page, user.password);
  await expect(
    page.getByRole('alert').filter({ hasText: /email and password do not match/ }),
  ).toBeVisible();
  await signIn(page, NEW_PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText(user.email).first()).toBeVisible();
});
