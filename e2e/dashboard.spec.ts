import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LOCATIONS_CSV_HEADERS } from '@/lib/metrics/locations-report-columns';
import { defaultReportRange, presetRange, utcDay } from '@/lib/metrics/report-range';
import { LOCATIONS, OCTOBER, SEPTEMBER, STORAGE, USERS } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.admin });

const october = `/?from=${OCTOBER.from}&to=${OCTOBER.to}`;
const CSV_HEADER = LOCATIONS_CSV_HEADERS.join(',');

const row = (page: Page, locationId: string, currency?: string) =>
  page
    .locator(`tbody tr[data-location-id="${locationId}"]`)
    .filter(currency ? { has: page.getByRole('cell', { name: currency, exact: true }) } : {});
const cellTexts = (locator: Locator) => locator.getByRole('cell').allInnerTexts();
const kpi = (page: Page, label: string | RegExp) =>
  page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: label }) });
const shownLocationIds = (page: Page) =>
  page
    .locator('tbody tr[data-location-id]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.locationId));

async function filterByName(page: Page, text: string) {
  await page.getByLabel('Filter by name').fill(text);
}

test('the roll-up table shows each seeded location with the right numbers for the period', async ({
  page,
}) => {
  await page.goto(october);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
  await expect(page.getByText(USERS.admin.name)).toBeVisible();
  const table = page.getByRole('table', { name: /Locations report, Oct 1, 2026 – Oct 31, 2026/ });
  await expect(table).toBeVisible();

  expect(await cellTexts(row(page, LOCATIONS.alpha.id))).toEqual([
    'UTC',
    'USD',
    '3',
    '4',
    '3',
    '1',
    '1',
    '1,500.00',
    '999.99',
    '50%',
    '2',
    // Payment amounts carry their currency (issue 13).
    '350.50 USD',
    '25.00 USD',
    '325.50 USD',
    '2',
    '2026-11-01 06:00 UTC',
  ]);
  // A location paid in two currencies: its row, and its other currency's payments nested under it.
  await expect(row(page, LOCATIONS.beta.id)).toHaveCount(2);
  const betaYen = await cellTexts(row(page, LOCATIONS.beta.id, 'JPY'));
  expect(betaYen.slice(4, 16)).toEqual([
    '1',
    '0',
    '0',
    '0.00',
    '50.00',
    'n/a',
    '1',
    '5,000 JPY',
    '0 JPY',
    '5,000 JPY',
    '0',
    '2026-11-01 06:00 UTC',
  ]);
  const gamma = await cellTexts(row(page, LOCATIONS.gamma.id));
  expect([gamma[0], gamma[2], gamma[13], gamma[15]]).toEqual([
    'America/New_York',
    '1',
    '40.00 USD',
    'never',
  ]);
});

test('an unreadable metric shows as unavailable with the reason, never as 0', async ({ page }) => {
  await page.goto(october);
  const newContacts = row(page, LOCATIONS.beta.id, 'JPY').getByRole('cell').nth(2);
  await expect(newContacts).toContainText('—');
  await expect(newContacts).not.toContainText('0');
  const reason = `Unavailable: contacts could not be read for ${LOCATIONS.beta.name}. Run npm run cli -- status to see why and how to fix it.`;
  await expect(newContacts.getByTitle(reason)).toBeVisible();
  await expect(newContacts).toContainText(reason); // the screen-reader text
  await expect(row(page, LOCATIONS.beta.id, 'JPY').getByRole('rowheader')).toContainText('Partial');
});

test('KPI cards sum the visible locations; money per currency only', async ({ page }) => {
  await page.goto(october);
  await filterByName(page, 'E2E');
  await expect(
    kpi(page, /^Locations$/)
      .locator('dd')
      .first(),
  ).toHaveText('3');
  await expect(
    kpi(page, /^New contacts$/)
      .locator('dd')
      .first(),
  ).toHaveText('4');
  await expect(kpi(page, /^New contacts$/)).toContainText(
    'Excludes 1 location whose contacts could not be read',
  );
  await expect(
    kpi(page, /Net payments\s*USD/)
      .locator('dd')
      .first(),
  ).toHaveText('385.50');
  await expect(kpi(page, /Net payments\s*USD/)).toContainText(
    'gross 410.50 · refunded 25.00 · 4 payments · 3 locations',
  );
  await expect(
    kpi(page, /Net payments\s*JPY/)
      .locator('dd')
      .first(),
  ).toHaveText('5,000');

  await filterByName(page, 'gamma');
  expect(await shownLocationIds(page)).toEqual([LOCATIONS.gamma.id]);
  await expect(
    kpi(page, /^Locations$/)
      .locator('dd')
      .first(),
  ).toHaveText('1');
  await expect(
    kpi(page, /Net payments\s*USD/)
      .locator('dd')
      .first(),
  ).toHaveText('40.00');
  await expect(kpi(page, /Net payments\s*JPY/)).toHaveCount(0);
  await filterByName(page, 'no such place');
  await expect(page.getByText('No location matches “no such place”.')).toBeVisible();
});

test('columns sort, with unavailable values last', async ({ page }) => {
  await page.goto(october);
  await filterByName(page, 'E2E');
  const header = page.getByRole('columnheader', { name: 'New contacts' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await shownLocationIds(page)).toEqual([
    LOCATIONS.alpha.id,
    LOCATIONS.gamma.id,
    LOCATIONS.beta.id,
    LOCATIONS.beta.id,
  ]);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await shownLocationIds(page)).toEqual([
    LOCATIONS.gamma.id,
    LOCATIONS.alpha.id,
    LOCATIONS.beta.id,
    LOCATIONS.beta.id,
  ]);
});

test('changing the period updates the table and the address', async ({ page }) => {
  await page.goto(october);
  await expect(row(page, LOCATIONS.alpha.id).getByRole('cell').nth(2)).toHaveText('3');
  await page.getByLabel('From', { exact: true }).fill(SEPTEMBER.from);
  await page.getByLabel('To', { exact: true }).fill(SEPTEMBER.to);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(`/?from=${SEPTEMBER.from}&to=${SEPTEMBER.to}`);
  await expect(page.getByRole('table', { name: /Sep 1, 2026 – Sep 30, 2026/ })).toBeVisible();
  expect(await cellTexts(row(page, LOCATIONS.alpha.id))).toEqual([
    'UTC',
    'USD',
    '1',
    '1',
    '1',
    '1',
    '0',
    '200.00',
    '999.99',
    '100%',
    '1',
    '75.00 USD',
    '0.00 USD',
    '75.00 USD',
    '2',
    '2026-11-01 06:00 UTC',
  ]);
  await page.goBack();
  await expect(page.getByRole('table', { name: /Oct 1, 2026 – Oct 31, 2026/ })).toBeVisible();
});

test('the default period is the last 30 complete days, and presets set the period', async ({
  page,
}) => {
  const today = utcDay();
  await page.goto('/');
  const fallback = defaultReportRange(today);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(fallback.from);
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(fallback.to);
  await expect(page.getByRole('button', { name: '30 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: '7 days' }).click();
  const week = presetRange('7d', today);
  await expect(page).toHaveURL(`/?from=${week.from}&to=${week.to}`);
  await expect(page.getByRole('button', { name: '7 days' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(week.from);
});

test('an impossible period in the address shows the reason, not a broken table', async ({
  page,
}) => {
  await page.goto('/?from=2026-10-31&to=2026-10-01');
  await expect(
    page.getByRole('alert').filter({ hasText: 'to: must be on or after "from"' }),
  ).toBeVisible();
});

test('the CSV download is the same report: exact header, guarded names, the period in the file name', async ({
  page,
}) => {
  await page.goto(october);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `agency-pulse-locations_${OCTOBER.from}_${OCTOBER.to}.csv`,
  );
  const text = await readFile((await download.path())!, 'utf8');
  // Downloads start with a UTF-8 BOM (Excel on Windows), then the same bytes as the CLI.
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe(CSV_HEADER);
  expect(lines).toContain(
    `${LOCATIONS.alpha.id},${LOCATIONS.alpha.name},UTC,USD,3,4,3,1,1,1500.00,999.99,0.5000,2,350.50,25.00,325.50,2,2026-11-01T06:00:00.000Z`,
  );
  expect(lines).toContain(
    `${LOCATIONS.beta.id},'${LOCATIONS.beta.name},Asia/Tokyo,JPY,,,1,0,0,0.00,50.00,,1,5000,0,5000,0,2026-11-01T06:00:00.000Z`,
  );
  expect(text.endsWith('\r\n')).toBe(true);
});
