import { expect, test } from '@playwright/test';
import { LOCATIONS, OCTOBER } from './fixtures/e2e-data';

test('the home page, signed out, is the sign-in page (no landing page), and /api/health is for machines', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(LOCATIONS.alpha.name)).toHaveCount(0);
  // Staff have no shell: the page sends them to their admin, not to the CLI.
  await expect(page.getByText('No account? Ask your agency admin to add you.')).toBeVisible();
  await expect(page.getByText(/npm run/)).toHaveCount(0);

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: 'ok' });
});

test('signed-out calls to the report API and CSV get 401 and no data', async ({ request }) => {
  const query = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
  for (const path of [
    `/api/reports/locations?${query}`,
    `/api/reports/locations.csv?${query}`,
    `/api/reports/locations?${query}&location=${LOCATIONS.alpha.id}`,
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(LOCATIONS.alpha.name);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to see reports.' },
    });
  }
});
