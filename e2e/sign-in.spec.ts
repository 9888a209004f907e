import { expect, test } from '@playwright/test';
import { LOCATIONS, OCTOBER, USERS } from './fixtures/e2e-data';

test('signing in through the form: a wrong password is refused, the right one returns to the report asked for', async ({
  page,
}) => {
  const wanted = `/?from=${OCTOBER.from}&to=${OCTOBER.to}`;
  await page.goto(`/login?callbackUrl=${encodeURIComponent(wanted)}`);

  await page.getByLabel('Email').fill(USERS.admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /email and password do not match/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login\?/);

  await page.getByLabel('Password').fill(USERS.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  expect(new URL(page.url()).search).toBe(`?from=${OCTOBER.from}&to=${OCTOBER.to}`);
  await expect(page.getByText('Oct 1, 2026 – Oct 31, 2026', { exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(LOCATIONS.alpha.name) })).toBeVisible();
  await expect(page.getByText(USERS.admin.name)).toBeVisible();

  // Signed in, /login goes straight back; after signing out the report is gone.
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(wanted);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(LOCATIONS.alpha.name)).toHaveCount(0);
});

test('the sign-in page never redirects off-site after signing in', async ({ page }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent('https://evil.example/')}`);
  await page.getByLabel('Email').fill(USERS.staff.email);
  await page.getByLabel('Password').fill(USERS.staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  expect(new URL(page.url()).origin + new URL(page.url()).pathname).toBe(
    new URL('/', page.url()).toString(),
  );
});

test('after five failed sign-ins for one email the form says to wait, and names no account', async ({
  page,
}) => {
  await page.goto('/login');
  // An email without an account: failures count the same, so a lock reveals nothing.
  await page.getByLabel('Email').fill('guesser@example.com');
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password').fill(`guess-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: /email and password do not match/ }),
    ).toBeVisible();
  }
  await page.getByLabel('Password').fill('guess-5');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Too many failed sign-ins for this email.' }),
  ).toBeVisible();
});
