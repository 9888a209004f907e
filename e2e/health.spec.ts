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
    await expect(page.getByTestId('last-run-status')).toHaveText(
      'Finished, some locations had problems',
    );

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

// Issue 13: the page speaks plain words; the operator terms are one keyboard-reachable click away.
test.describe('plain words', () => {
  test.use({ storageState: STORAGE.admin });

  test('no jargon in sight, and the technical detail opens from the keyboard', async ({ page }) => {
    await page.goto('/health');
    const table = page.getByRole('table', { name: /Sync health per location/ });
    await expect(table.locator('tbody tr[data-location-id]')).toHaveCount(3);

    // What a reader meets before opening any "technical" disclosure (screen-reader text included).
    const visible = await page.getByRole('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('details > :not(summary)').forEach((hidden) => hidden.remove());
      return copy.textContent ?? '';
    });
    expect(visible).toContain('Times GHL asked us to slow down (24 h)');
    expect(visible).not.toMatch(/429s|headroom|\((cli|schedule|web)\)/i);
    await expect(
      table.getByRole('columnheader', { name: 'Times GHL asked us to slow down (24 h)' }),
    ).toHaveAttribute('title', /429/);
    await expect(
      table.getByRole('columnheader', { name: 'Lowest remaining request budget' }),
    ).toHaveAttribute('title', /headroom/i);
    await expect(page.getByTestId('last-run-kind')).toHaveText('Update of recent changes (e2e)');
    // The phone layout's labels follow the header words.
    const beta = table.locator(`tr[data-location-id="${LOCATIONS.beta.id}"]`);
    await expect(
      beta.locator('td[data-label="Times GHL asked us to slow down (24 h)"]'),
    ).toHaveCount(1);
    await expect(beta.locator('td[data-label="Lowest remaining request budget"]')).toHaveCount(1);

    // The glossary: closed at first, opened with the keyboard, the technical terms inside.
    const glossary = page.getByTestId('health-glossary');
    await expect(glossary).not.toHaveAttribute('open', /.*/);
    await glossary.getByText('What the columns mean (technical terms)').focus();
    await page.keyboard.press('Enter');
    await expect(glossary).toHaveAttribute('open', /.*/);
    await expect(glossary).toContainText('HTTP 429 (rate limited)');
    await expect(glossary).toContainText('Min. headroom');

    // A problem's status code and the run's codes are behind "Technical detail" too.
    const problemDetail = beta.locator('details').first();
    await problemDetail.getByText('Technical detail').click();
    await expect(problemDetail).toContainText('scope_missing');
    const runDetail = page.getByTestId('last-run-technical');
    await runDetail.getByText('Technical detail').click();
    await expect(runDetail).toContainText('trigger e2e, status partial');
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
