import { expect, test } from '@playwright/test';

test('the home page renders with the product name and a working health check', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Agency Pulse' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ ok: true, database: 'ok' });
});
