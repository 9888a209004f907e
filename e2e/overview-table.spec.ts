import { mkdir } from 'node:fs/promises';
import pg from 'pg';
import { expect, test, type Page } from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE, USERS } from './fixtures/e2e-data';

// Issues 12 and 13: the overview table at agency scale (1,000 locations, virtualized, sort and
// filter timed), a location shown once with its other currencies nested, every amount in its own
// currency's minor units with its code, the column chooser stored per user, and the phone layout
// (compact KPI rows, a pinned location column, a health page that fits). Screenshots go to
// test-results/overview-table/.

const october = `/?from=${OCTOBER.from}&to=${OCTOBER.to}`;
const SHOTS = 'test-results/overview-table';
const SCALE_PREFIX = 'e2e_scale_';
const SCALE_LOCATIONS = 1_000;
/** The one scale location in yen with a second currency: its won value has no decimals. */
const YEN = { id: `${SCALE_PREFIX}yen`, name: 'E2E Scale Yen Dental' };

function database(): pg.Client {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is unset (the e2e database the app under test uses)');
  return new pg.Client({ connectionString: url });
}

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = database();
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function removeScaleAgency(client: pg.Client): Promise<void> {
  for (const table of ['daily_rollups', 'location_access', 'sync_checkpoints'])
    await client.query(`DELETE FROM ${table} WHERE location_id LIKE $1`, [`${SCALE_PREFIX}%`]);
  await client.query('DELETE FROM locations WHERE id LIKE $1', [`${SCALE_PREFIX}%`]);
}

/**
 * 1,000 readable locations with October rollups (contacts and opportunities varying by location,
 * USD payments), plus the yen location paid in JPY and USD whose own currency is JPY.
 */
async function seedScaleAgency(client: pg.Client): Promise<void> {
  await removeScaleAgency(client);
  await client.query(
    `INSERT INTO locations (id, company_id, name, timezone, last_synced_at, currency)
     SELECT $1 || lpad(g::text, 4, '0'), 'e2e_company', 'E2E Scale ' || lpad(g::text, 4, '0'),
            'UTC', now(), 'USD'
     FROM generate_series(1, $2::int) g
     UNION ALL SELECT $3, 'e2e_company', $4, 'Asia/Tokyo', now(), 'JPY'`,
    [SCALE_PREFIX, SCALE_LOCATIONS - 1, YEN.id, YEN.name],
  );
  await client.query(
    `INSERT INTO location_access (location_id, entity, status, seen_at)
     SELECT l.id, e, 'ok', now() FROM locations l,
       unnest(ARRAY['contacts', 'opportunities', 'pipelines', 'transactions', 'orders', 'subscriptions']) e
     WHERE l.id LIKE $1`,
    [`${SCALE_PREFIX}%`],
  );
  await client.query(
    `INSERT INTO sync_checkpoints (location_id, entity, last_success_at)
     SELECT location_id, entity, now() FROM location_access WHERE location_id LIKE $1`,
    [`${SCALE_PREFIX}%`],
  );
  await client.query(
    `INSERT INTO daily_rollups (location_id, day, currency, new_contacts, opportunities_created,
       opportunities_won, opportunities_lost, won_value)
     SELECT l.id, date '2026-10-05', '', 1 + (hashtext(l.id) & 255), 2, 1, 1,
            CASE WHEN l.id = $2 THEN 1453184 ELSE (hashtext(l.id) & 65535) / 4.0 END
     FROM locations l WHERE l.id LIKE $1`,
    [`${SCALE_PREFIX}%`, YEN.id],
  );
  await client.query(
    `INSERT INTO daily_rollups (location_id, day, currency, payments_count, payments_gross, payments_refunded)
     SELECT l.id, date '2026-10-06', 'USD', 2, 100.25 + (hashtext(l.id) & 1023), 1.5
     FROM locations l WHERE l.id LIKE $1
     UNION ALL SELECT $2, date '2026-10-06', 'JPY', 3, 792936, 0`,
    [`${SCALE_PREFIX}%`, YEN.id],
  );
  await client.query('ANALYZE locations, daily_rollups');
}

const table = (page: Page) => page.getByRole('table', { name: /Locations report/ });
const renderedRows = (page: Page) => table(page).locator('tbody tr[data-location-id]');

test.describe.serial('the overview table at 1,000 locations', () => {
  test.use({ storageState: STORAGE.admin });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await withDatabase(seedScaleAgency);
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    await withDatabase(removeScaleAgency);
  });

  test('renders only the rows near the viewport, and sorts and filters quickly', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto(october);
    await expect(table(page)).toHaveAttribute('data-virtual', 'true', { timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: /^1,0\d\d locations/ })).toBeVisible();
    const rendered = await renderedRows(page).count();
    expect(rendered, 'virtualized: far fewer rows than locations').toBeLessThan(200);
    expect(rendered).toBeGreaterThan(5);

    // Sort: from the header click until the browser has painted the new order.
    const sortMs = await page.evaluate(async () => {
      const header = [...document.querySelectorAll('th[data-column="newContacts"]')][0];
      const button = header?.querySelector('button');
      if (!header || !button) throw new Error('no "New contacts" header');
      const start = performance.now();
      button.click();
      while (header.getAttribute('aria-sort') !== 'descending')
        await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    });
    await expect(page.getByRole('columnheader', { name: 'New contacts' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    // Filter: from typing until the table shows the matching rows only.
    const filterMs = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('#location-filter');
      if (!input) throw new Error('no filter');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const start = performance.now();
      setValue.call(input, 'Scale 099');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const shown = () => document.querySelectorAll('tbody tr[data-location-id]').length;
      while (shown() !== 10) await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    });
    await expect(renderedRows(page)).toHaveCount(10);
    console.log(
      `overview table, ${SCALE_LOCATIONS.toLocaleString('en-US')}+ locations: sort ${sortMs.toFixed(1)} ms, filter ${filterMs.toFixed(1)} ms`,
    );

    // Scrolling the page brings the later locations in (A–Z: "E2E Scale 0999" near the end).
    await page.getByLabel('Filter by name').fill('');
    const byName = page.getByRole('columnheader', { name: 'Location', exact: true });
    await byName.getByRole('button').click();
    await expect(byName).toHaveAttribute('aria-sort', 'ascending');
    const late = page.getByRole('rowheader', { name: 'E2E Scale 0999' });
    await expect(late).toHaveCount(0);
    await expect
      .poll(
        async () => {
          if (await late.isVisible()) return true;
          await page.mouse.wheel(0, 900);
          return false;
        },
        { timeout: 90_000, intervals: [50] },
      )
      .toBe(true);
    expect(await renderedRows(page).count()).toBeLessThan(200);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/rollup-1000-locations.png` });
  });

  test('a location paid in two currencies is shown once, amounts in their own minor units', async ({
    page,
  }) => {
    await page.goto(october);
    await page.getByLabel('Filter by name').fill('Scale Yen');
    const rows = table(page).locator(`tbody tr[data-location-id="${YEN.id}"]`);
    await expect(rows).toHaveCount(2);
    const main = rows.first();
    const nested = rows.nth(1);
    await expect(main.getByRole('rowheader')).toHaveText(YEN.name);
    await expect(nested.getByRole('rowheader')).toContainText('payments in USD');

    // A column's cell: its position among the header's cells, less the row header.
    const headers = await table(page)
      .locator('thead th')
      .evaluateAll((cells) => cells.map((th) => th.getAttribute('data-column')));
    const cell = (row: typeof main, key: string) => row.locator('td').nth(headers.indexOf(key) - 1);
    // Won value in the location's currency: no decimals, with its code; shown once.
    await expect(cell(main, 'wonValue')).toHaveText('1,453,184 JPY');
    await expect(cell(nested, 'wonValue')).toHaveText('');
    await expect(cell(nested, 'openPipelineValue')).toHaveText('');
    await expect(cell(nested, 'newContacts')).toHaveText('');
    await expect(cell(main, 'paymentsGross')).toHaveText('792,936 JPY');
    await expect(cell(nested, 'paymentsGross')).toHaveText(/^\d[\d,]*\.\d\d USD$/);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/rollup-nested-currency.png` });

    // The CSV keeps its row per currency and its bytes' shape (won value as stored, 2 decimals).
    const csv = await (
      await page.request.get(`/api/reports/locations.csv?from=${OCTOBER.from}&to=${OCTOBER.to}`)
    ).text();
    const yenLines = csv.split('\r\n').filter((line) => line.startsWith(`${YEN.id},`));
    expect(yenLines.map((line) => line.split(',')[3])).toEqual(['JPY', 'USD']);
    for (const line of yenLines) expect(line.split(',')[9]).toBe('1453184.00');
  });
});

test.describe('the column chooser', () => {
  test.use({ storageState: STORAGE.staff });

  test.afterAll(async () => {
    await withDatabase((client) =>
      client.query('UPDATE users SET overview_columns = NULL WHERE email = $1', [
        USERS.staff.email,
      ]),
    );
  });

  test("keeps a staff member's choice of columns across visits", async ({ page }) => {
    await page.goto(october);
    await expect(page.getByRole('columnheader', { name: 'Time zone' })).toBeVisible();
    const chooser = page.locator('summary', { hasText: 'Columns' });
    await chooser.click();
    await page.getByRole('checkbox', { name: 'Time zone' }).uncheck();
    await page.getByRole('checkbox', { name: 'Data as of' }).uncheck();
    await expect(page.getByRole('columnheader', { name: 'Time zone' })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Data as of' })).toHaveCount(0);
    await expect(page.getByText('Saved for your next visit.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'New contacts' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Time zone' })).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Data as of' })).toHaveCount(0);
    await expect(page.locator(`tbody tr[data-location-id="${LOCATIONS.gamma.id}"] td`)).toHaveCount(
      14,
    );

    await chooser.click();
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect(page.getByRole('columnheader', { name: 'Time zone' })).toBeVisible();
    await expect(page.getByText('Saved for your next visit.')).toBeVisible();
  });
});

test.describe('on a 390×844 phone', () => {
  test.use({ storageState: STORAGE.admin, viewport: { width: 390, height: 844 } });

  test('compact KPI rows, and the location column stays pinned beside the metrics', async ({
    page,
  }) => {
    await page.goto(october);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

    const kpis = page.locator('section[aria-labelledby="kpi-heading"]');
    const kpiHeight = (await kpis.boundingBox())!.height;
    console.log(`phone KPI section height: ${Math.round(kpiHeight)} px (16 stacked cards: ~4,500)`);
    expect(kpiHeight, 'compact rows, far below the ~4,500 px of stacked cards').toBeLessThan(1_500);

    const region = page.getByRole('region', { name: /Locations report/ });
    await region.scrollIntoViewIfNeeded();
    const alpha = page.getByRole('rowheader', { name: LOCATIONS.alpha.name });
    // The first chosen metric is beside the location without scrolling sideways.
    const firstMetric = page.getByRole('columnheader', { name: 'New contacts' });
    const metricBox = (await firstMetric.boundingBox())!;
    expect(metricBox.x + metricBox.width, '"New contacts" on screen').toBeLessThanOrEqual(390);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/rollup-phone.png`, fullPage: true });

    // Scrolled far sideways to the net payments: the location is still there, pinned on the
    // left, and the amount still says its currency.
    const net = page
      .locator(`tbody tr[data-location-id="${LOCATIONS.alpha.id}"] td`)
      .filter({ hasText: '325.50 USD' });
    await net.scrollIntoViewIfNeeded();
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(300);
    const pinned = (await alpha.boundingBox())!;
    expect(pinned.x).toBeGreaterThanOrEqual(0);
    expect(pinned.x).toBeLessThan(40);
    await expect(alpha).toBeInViewport();
    await expect(net).toBeInViewport();
    const netBox = (await net.boundingBox())!;
    expect(netBox.x, 'not under the pinned column').toBeGreaterThanOrEqual(
      pinned.x + pinned.width - 1,
    );
    await page.screenshot({ path: `${SHOTS}/rollup-phone-scrolled.png` });
  });

  test('the health page fits, the access column in full', async ({ page }) => {
    await page.goto('/health');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const access = page.getByRole('list', { name: `Access to ${LOCATIONS.beta.name}'s data` });
    await expect(access).toBeVisible();
    const box = (await access.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, 'the access column is not cut off').toBeLessThanOrEqual(390);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/health-phone.png`, fullPage: true });
  });
});
