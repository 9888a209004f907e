import { expect, test } from '@playwright/test';
import { STORAGE, USERS } from './fixtures/e2e-data';

// Issue 13: unknown routes and unknown locations get the app's own page, with its header and a way
// back, never Next's bare default.

test.describe('signed in', () => {
  test.use({ storageState: STORAGE.admin });

  test('an unknown route is a branded 404 with the header and a way back to the roll-up', async ({
    page,
  }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText(USERS.admin.name)).toBeAttached();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the roll-up' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  });

  test('an unknown location is a 404 with the header and a way back', async ({ page }) => {
    const response = await page.goto('/locations/e2e_no_such_location');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Location not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the roll-up' })).toBeVisible();
  });
});

test('signed out, an unknown route is a branded 404 that leads to sign in', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Agency Pulse' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test.describe('signed in, the home page', () => {
  test.use({ storageState: STORAGE.admin });

  test('is the roll-up itself', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  });
});
