import { expect, test } from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE, USERS } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.staff });

const query = `from=${OCTOBER.from}&to=${OCTOBER.to}`;

test('a staff user sees only their own locations in the table', async ({ page }) => {
  await page.goto(`/?${query}`);
  await expect(page.getByText(USERS.staff.name)).toBeVisible();
  await expect(page.getByText('Staff', { exact: true })).toBeVisible();
  await expect(page.locator(`tbody tr[data-location-id="${LOCATIONS.gamma.id}"]`)).toHaveCount(1);
  const shown = await page
    .locator('tbody tr[data-location-id]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.locationId));
  expect(shown).toEqual([LOCATIONS.gamma.id]);
  await expect(page.getByText(LOCATIONS.alpha.name)).toHaveCount(0);
  await expect(page.getByText(LOCATIONS.beta.name)).toHaveCount(0);
});

test("a staff user gets no other location's data from the API or the CSV", async ({ page }) => {
  const own = await page.request.get(`/api/reports/locations?${query}`);
  expect(own.status()).toBe(200);
  const body = (await own.json()) as { rows: { locationId: string }[] };
  expect(body.rows.map((r) => r.locationId)).toEqual([LOCATIONS.gamma.id]);

  const ownCsv = await (await page.request.get(`/api/reports/locations.csv?${query}`)).text();
  expect(
    ownCsv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]),
  ).toEqual([LOCATIONS.gamma.id]);

  for (const path of [
    `/api/reports/locations?${query}&location=${LOCATIONS.alpha.id}`,
    `/api/reports/locations.csv?${query}&location=${LOCATIONS.alpha.id}`,
    `/api/reports/locations?${query}&location=${LOCATIONS.gamma.id}&location=${LOCATIONS.beta.id}`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    const text = await response.text();
    expect(text).not.toContain(LOCATIONS.alpha.name);
    expect(text).not.toContain(LOCATIONS.beta.name);
  }
});

test("a staff user's sync health counts only their own locations, not the agency's", async ({
  page,
}) => {
  // The seeded run counted 3 locations; the staff user has 1 (gamma, never synced).
  const response = await page.request.get('/api/health/sync');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    lastRun: { locationsTotal: number; locationsDone: number };
  };
  expect(body.lastRun).toMatchObject({ locationsTotal: 1, locationsDone: 0 });
  await page.goto('/health');
  await expect(page.getByText('0 of 1', { exact: true })).toBeVisible();
});
