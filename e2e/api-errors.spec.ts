import { expect, test } from '@playwright/test';
import { STORAGE } from './fixtures/e2e-data';

// Through `next start`: API failures are the one JSON shape, never Next's HTML error page.
test('a signed-out API call gets the JSON error shape', async ({ request }) => {
  const response = await request.get('/api/reports/daily?from=2026-10-01&to=2026-10-31');
  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toEqual({
    error: { code: 'unauthenticated', message: 'Sign in to see reports.' },
  });
});

test.describe('signed in', () => {
  test.use({ storageState: STORAGE.admin });

  test('a bad period is `invalid_input` naming the field', async ({ page }) => {
    const response = await page.request.get('/api/reports/daily?from=2026-10-31&to=2026-10-01');
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/to: must be on or after "from"/);
  });
});
