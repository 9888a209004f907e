import { expect, test } from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.admin });

// Issue 13: on one location's page a currency card saying "1 location" says nothing.
test('the drill-down currency cards do not count locations; the roll-up ones do', async ({
  page,
}) => {
  const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
  const card = (currency: string) =>
    page.locator('dl > div').filter({
      has: page.getByRole('term').filter({ hasText: new RegExp(`Net payments\\s*${currency}`) }),
    });

  await page.goto(`/locations/${LOCATIONS.beta.id}?${period}`);
  await expect(card('JPY')).toContainText('1 payment');
  await expect(card('JPY')).not.toContainText(/location/);
  await expect(card('USD')).not.toContainText(/location/);

  await page.goto(`/?${period}`);
  await expect(card('JPY')).toContainText('1 payment · 1 location');
});

// Issue 13: the drill-down shows the location's won value and open pipeline.
test('the drill-down has won value and open pipeline cards', async ({ page }) => {
  const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
  const card = (label: string) =>
    page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: label }) });
  await page.goto(`/locations/${LOCATIONS.beta.id}?${period}`);
  const section = page.getByRole('region', { name: 'Opportunity value' });
  await expect(section).toBeVisible();
  await expect(card('Won value')).toContainText('0.00');
  await expect(card('Open pipeline')).toContainText('50.00');
  await expect(card('Open pipeline')).toContainText("In the location's own currency");
});

// Issue 13: stale data is visible where the numbers are, not only on /health. The seed's last
// complete syncs are long past (and gamma never synced), so every seeded location is stale.
test('the roll-up and the drill-down warn about stale data and link to sync health', async ({
  page,
}) => {
  const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
  await page.goto(`/?${period}`);
  const banner = page.getByRole('status').filter({ hasText: /out of date/ });
  await expect(banner).toContainText(/\d+ of \d+ locations shown have data that is out of date/);
  await page.goto(`/locations/${LOCATIONS.alpha.id}?${period}`);
  await expect(banner).toContainText('This location’s data is out of date');
  await banner.getByRole('link', { name: 'See sync health' }).click();
  await expect(page).toHaveURL(/\/health$/);
});

// Issue 13: a location's CSV is named after it and the period, unlike the agency-wide one.
test('the drill-down CSV file name carries the location name and the period', async ({ page }) => {
  const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
  const one = await page.request.get(
    `/api/reports/locations.csv?${period}&location=${LOCATIONS.beta.id}`,
  );
  expect(one.headers()['content-disposition']).toContain(
    `filename="agency-pulse_E2E-Beta-Clinic_${OCTOBER.from}_${OCTOBER.to}.csv"`,
  );
  const all = await page.request.get(`/api/reports/locations.csv?${period}`);
  expect(all.headers()['content-disposition']).toContain(
    `filename="agency-pulse-locations_${OCTOBER.from}_${OCTOBER.to}.csv"`,
  );
});
