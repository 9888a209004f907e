import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE } from './fixtures/e2e-data';

// Issue 9 "CSV everywhere" and issue 13 "CSV for real spreadsheets": every table has a download,
// each with a UTF-8 BOM, named after what it holds, restricted like its page.
const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
const DAILY_HEADER =
  'location_id,location_name,timezone,day,currency,new_contacts,opportunities_created,' +
  'opportunities_won,opportunities_lost,won_value,payments_count,payments_gross,' +
  'payments_refunded,payments_net';

/** Clicks a download link once it is enabled; the file's name and its text after the BOM. */
async function download(page: Page, name: string): Promise<{ file: string; lines: string[] }> {
  const link = page.getByRole('link', { name, exact: true });
  await expect(link).toHaveAttribute('href', /\.csv/);
  const [event] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = await readFile((await event.path())!, 'utf8');
  expect(text.startsWith('\uFEFF'), 'a UTF-8 BOM first').toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return { file: event.suggestedFilename(), lines: text.slice(1, -2).split('\r\n') };
}

test.describe('an admin', () => {
  test.use({ storageState: STORAGE.admin });

  test('downloads the daily series from the roll-up: location × day × currency', async ({
    page,
  }) => {
    await page.goto(`/?${period}`);
    const { file, lines } = await download(page, 'Download daily CSV');
    expect(file).toBe(`agency-pulse-daily_${OCTOBER.from}_${OCTOBER.to}.csv`);
    expect(lines[0]).toBe(DAILY_HEADER);
    const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(ids).toEqual(new Set(Object.values(LOCATIONS).map((l) => l.id)));
    // Dense: every location has each of October's 31 days.
    for (const { id } of Object.values(LOCATIONS)) {
      const days = new Set(
        lines.filter((line) => line.startsWith(`${id},`)).map((l) => l.split(',')[3]),
      );
      expect(days.size, id).toBe(31);
    }
    expect(lines.some((line) => line.startsWith(`${LOCATIONS.beta.id},'=E2E Beta Clinic,`))).toBe(
      true,
    );
  });

  test("downloads one location's daily series from its drill-down, named after it", async ({
    page,
  }) => {
    await page.goto(`/locations/${LOCATIONS.alpha.id}?${period}`);
    const { file, lines } = await download(page, 'Download daily CSV');
    expect(file).toBe(`agency-pulse-daily_E2E-Alpha-Dental_${OCTOBER.from}_${OCTOBER.to}.csv`);
    expect(lines[0]).toBe(DAILY_HEADER);
    expect(lines.slice(1).every((line) => line.startsWith(`${LOCATIONS.alpha.id},`))).toBe(true);
  });

  test('downloads sync health: one row per location and entity, with the problems', async ({
    page,
  }) => {
    await page.goto('/health');
    const { file, lines } = await download(page, 'Download CSV');
    expect(file).toMatch(/^agency-pulse-sync-health_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(lines[0]).toMatch(/^location_id,location_name,freshness,/);
    const beta = lines.filter((line) => line.startsWith(`${LOCATIONS.beta.id},`));
    expect(beta.some((line) => line.includes(',contacts,scope_missing,'))).toBe(true);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0]))).toEqual(
      new Set(Object.values(LOCATIONS).map((l) => l.id)),
    );
  });
});

test.describe('a staff user', () => {
  test.use({ storageState: STORAGE.staff });

  test('gets only their locations in every download, and 404 for another', async ({ page }) => {
    for (const path of [`/api/reports/daily.csv?${period}`, '/api/reports/sync-health.csv']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      const lines = (await response.text())
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(new Set(lines.slice(1).map((line) => line.split(',')[0])), path).toEqual(
        new Set([LOCATIONS.gamma.id]),
      );
    }
    const other = await page.request.get(
      `/api/reports/daily.csv?${period}&location=${LOCATIONS.alpha.id}`,
    );
    expect(other.status()).toBe(404);
    expect(await other.text()).not.toContain(LOCATIONS.alpha.name);
  });
});
