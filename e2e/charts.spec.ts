import { expect, test, type Page } from '@playwright/test';
import { BETA_CONTACTS_MESSAGE, LOCATIONS, OCTOBER, STORAGE } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.admin });

const october = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
const kpi = (page: Page, label: string | RegExp) =>
  page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: label }) });

/** Full-page screenshots for a human look, only when asked (SHOTS=1). */
async function shoot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `.data/shot/${name}.png`, fullPage: true });
}

test('the dashboard compares each KPI with the previous period and charts the days', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  await expect(
    page.getByText('Compared with the previous 31 days: Aug 31, 2026 – Sep 30, 2026'),
  ).toBeVisible();
  // 4 new contacts in October against 1 in the previous 31 days (beta cannot be read in either).
  const newContacts = kpi(page, /^New contacts$/);
  await expect(newContacts.locator('dd').first()).toHaveText('4');
  await expect(newContacts).toContainText('▲ +3 (+300.0%) vs 1');
  await expect(newContacts).toContainText('Up 3 (300.0%) from 1 in the previous period');
  await expect(kpi(page, /^Payments$/)).toContainText('▲ +4 (+400.0%) vs 1');
  // Money per currency: USD against USD; JPY had none before, so it is new.
  await expect(kpi(page, /Net payments\s*USD/)).toContainText('▲ +310.50 (+414.0%) vs 75.00');
  await expect(kpi(page, /Net payments\s*JPY/)).toContainText('+5,000new vs 0');
  await expect(kpi(page, /^Active subscriptions$/)).toContainText('a snapshot, no previous value');

  const leads = page.getByRole('figure', { name: 'New contacts and opportunities per day' });
  await expect(leads).toBeVisible();
  await expect(leads.locator('svg.recharts-surface')).toBeVisible();
  await expect(leads).toContainText(
    'Over 31 days: 4 new contacts (most on Oct 2, 2026: 1); 4 opportunities created',
  );
  await expect(
    page.getByText('Excludes 1 location whose contacts could not be read.'),
  ).toBeVisible();
  // The data behind the chart, day by day, for screen readers: every day, 0 where nothing happened.
  const table = leads.getByRole('table', {
    name: 'The data of the chart “New contacts and opportunities per day”',
  });
  await expect(table.getByRole('row')).toHaveCount(32);
  await expect(table.getByRole('row', { name: /^2026-10-05/ })).toHaveText(/2026-10-0510/);
  await expect(table.getByRole('row', { name: /^2026-10-01/ })).toHaveText(/2026-10-0100/);

  // Net payments: the busiest currency first, the other one a choice away.
  const net = page.getByRole('figure', { name: 'Net payments per day (USD)' });
  await expect(net).toContainText(
    '385.50 USD net over 31 days from 4 payments; best day Oct 8, 2026: 250.50.',
  );
  await expect(net.locator('.recharts-bar-rectangle').first()).toBeAttached();
  await shoot(page, 'dashboard');
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('JPY');
  await expect(page.getByRole('figure', { name: 'Net payments per day (JPY)' })).toContainText(
    '5,000 JPY net over 31 days from 1 payment',
  );

  // Each location name leads to its page, for the same period.
  await page
    .getByRole('table', { name: /Locations report/ })
    .getByRole('link', { name: LOCATIONS.alpha.name })
    .click();
  await expect(page).toHaveURL(`/locations/${LOCATIONS.alpha.id}?${october}`);
  await expect(page.getByRole('heading', { level: 1, name: LOCATIONS.alpha.name })).toBeVisible();
});

test("a location's page shows its numbers, comparison, charts and why data is missing", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/locations/${LOCATIONS.alpha.id}?${october}`);
  await expect(page.getByRole('heading', { level: 1, name: LOCATIONS.alpha.name })).toBeVisible();
  await expect(page.getByText('2026-11-01 06:00 UTC')).toBeVisible();
  await expect(kpi(page, /^New contacts$/)).toContainText('▲ +2 (+200.0%) vs 1');
  await expect(
    kpi(page, /^Won \/ lost$/)
      .locator('dd')
      .first(),
  ).toHaveText('1 / 1');
  await expect(kpi(page, /^Locations$/)).toHaveCount(0);
  await expect(kpi(page, /Net payments\s*USD/)).toContainText('325.50');
  await expect(page.getByRole('figure', { name: 'Net payments per day (USD)' })).toContainText(
    '325.50 USD net over 31 days from 2 payments',
  );
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /could not be read/ })).toHaveCount(0);
  await shoot(page, 'location-alpha');

  await page.goto(`/locations/${LOCATIONS.beta.id}?${october}`);
  const missing = page.getByRole('region', {
    name: "Some of this location's data could not be read",
  });
  await expect(missing).toContainText('scope_missing');
  await expect(missing).toContainText(BETA_CONTACTS_MESSAGE);
  await expect(kpi(page, /^New contacts$/)).toContainText('no comparison (unavailable)');
  await expect(
    kpi(page, /^New contacts$/)
      .locator('dd')
      .first(),
  ).toContainText('Unavailable: contacts could not be read');
  await expect(page.getByText('Contacts could not be read for any location shown.')).toBeVisible();
  await shoot(page, 'location-beta');

  // The period picker moves this page's period, in the address.
  await page.getByRole('button', { name: 'Last month' }).click();
  await expect(page).toHaveURL(new RegExp(`/locations/${LOCATIONS.beta.id}\\?from=`));
});

test.describe('staff', () => {
  test.use({ storageState: STORAGE.staff });

  test("a staff user gets a 404 for another location's page and its daily data", async ({
    page,
  }) => {
    const foreign = await page.goto(`/locations/${LOCATIONS.alpha.id}?${october}`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Location not found' })).toBeVisible();
    await expect(page.getByText(LOCATIONS.alpha.name)).toHaveCount(0);

    const api = await page.request.get(
      `/api/reports/daily?${october}&location=${LOCATIONS.alpha.id}`,
    );
    expect(api.status()).toBe(404);
    expect(await api.text()).not.toContain(LOCATIONS.alpha.name);

    // Their own location's page and series work, and the unrestricted series is only theirs.
    const own = await page.goto(`/locations/${LOCATIONS.gamma.id}?${october}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: LOCATIONS.gamma.name })).toBeVisible();
    const series = (await (await page.request.get(`/api/reports/daily?${october}`)).json()) as {
      locations: number;
      counts: unknown[];
    };
    expect(series.locations).toBe(1);
    expect(series.counts).toHaveLength(31);
  });

  test('signed out, the daily API answers 401', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const response = await context.request.get(`${baseURL}/api/reports/daily?${october}`);
    expect(response.status()).toBe(401);
    await context.close();
  });
});
