import { expect, test } from '@playwright/test';
import { BETA_CONTACTS_MESSAGE, LOCATIONS, STORAGE } from './fixtures/e2e-data';

type HealthBody = { locations: { locationId: string; hasProblems: boolean }[] };

test.describe('an admin', () => {
  test.use({ storageState: STORAGE.admin });

  test("sees every location, problems first, with GHL's words and the fix", async ({ page }) => {
    await page.goto('/health');
    await expect(page.getByRole('heading', { level: 1, name: 'Sync health' })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync health' }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('last-run-status')).toHaveText('partial');

    const table = page.getByRole('table', { name: /Sync health per location/ });
    const rows = table.locator('tbody tr[data-location-id]');
    await expect(rows).toHaveCount(3);
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.locationId)),
    ).toEqual([LOCATIONS.beta.id, LOCATIONS.alpha.id, LOCATIONS.gamma.id]);

    const beta = table.locator(`tr[data-location-id="${LOCATIONS.beta.id}"]`);
    await expect(beta.getByRole('rowheader')).toHaveText(LOCATIONS.beta.name);
    await expect(beta.locator('[data-entity="contacts"]')).toHaveText(/Contacts: scope missing/);
    await expect(beta).toContainText(BETA_CONTACTS_MESSAGE);
    await expect(beta).toContainText(
      'Create a Private Integration in this sub-account with scopes',
    );
    await expect(beta).toContainText(`npm run cli -- location-token set ${LOCATIONS.beta.id}`);
    await expect(beta).toContainText('Agency');
    await expect(table.locator(`tr[data-location-id="${LOCATIONS.gamma.id}"]`)).toContainText(
      'Never synced',
    );

    await page.getByRole('checkbox', { name: 'Only problems' }).check();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-location-id', LOCATIONS.beta.id);
  });
});

test.describe('a staff user', () => {
  test.use({ storageState: STORAGE.staff });

  test('sees only their locations, and no other location through the API', async ({ page }) => {
    await page.goto('/health');
    const rows = page.locator('tbody tr[data-location-id]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-location-id', LOCATIONS.gamma.id);
    await expect(page.getByText(LOCATIONS.beta.name)).toHaveCount(0);

    const own = await page.request.get('/api/health/sync');
    expect(own.status()).toBe(200);
    expect(((await own.json()) as HealthBody).locations.map((l) => l.locationId)).toEqual([
      LOCATIONS.gamma.id,
    ]);

    const other = await page.request.get(`/api/health/sync?location=${LOCATIONS.beta.id}`);
    expect(other.status()).toBe(404);
    const text = await other.text();
    expect(text).not.toContain(LOCATIONS.beta.name);
    expect(text).not.toContain(BETA_CONTACTS_MESSAGE);
  });
});

test('signed out, the sync health API answers 401 and the page asks to sign in', async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const response = await context.request.get('/api/health/sync');
    expect(response.status()).toBe(401);
    expect(await response.text()).not.toContain(LOCATIONS.beta.name);
    const page = await context.newPage();
    await page.goto('/health');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhealth/);
  } finally {
    await context.close();
  }
});
