import { expect, test } from '@playwright/test';
import { STORAGE } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.admin });

test('a period in year 0001 shows why it cannot be reported, not a server error', async ({
  page,
}) => {
  await page.goto('/?from=0001-01-01&to=0001-01-31');
  const alert = page.getByRole('alert').filter({ hasText: 'That period cannot be reported' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('expected a day from 2000-01-01 to 2100-12-31');
});

test('the report API answers such a period with 400 invalid_input on every report route', async ({
  request,
}) => {
  for (const path of [
    '/api/reports/locations',
    '/api/reports/daily',
    '/api/reports/locations.csv',
  ]) {
    const response = await request.get(`${path}?from=0000-01-01&to=0000-01-02`);
    expect(response.status(), path).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_input');
  }
});
