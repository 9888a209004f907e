import { expect as baseExpect, test, type Page } from '@playwright/test';
import { presetRange, utcDay, type PresetId } from '@/lib/metrics/report-range';
import { LOCATIONS, OCTOBER, STORAGE } from './fixtures/e2e-data';

// The report controls (issue 12): the comparison, the quarter/year-to-date presets and the chart
// grouping each change the URL and the numbers; the name filter reaches every figure (issue 13).
// Expected figures come from the e2e seed (e2e/fixtures/seed-e2e-database.ts), worked out by hand
// in the comments.

test.use({ storageState: STORAGE.admin });
// Each test walks through several states, each a fetch and a render on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

const october = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
const kpi = (page: Page, label: string | RegExp) =>
  page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: label }) });
const kpiValue = (page: Page, label: string | RegExp) => kpi(page, label).locator('dd').first();

/** The local days of the seeded contacts that can be read (alpha in UTC, gamma in New York). */
const READABLE_CONTACT_DAYS = [
  '2026-09-15',
  '2026-10-05',
  '2026-10-10',
  '2026-10-20',
  '2026-10-02',
];

test('the comparison is chosen in the toolbar, kept in the URL and changes every comparison', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  // Default: the previous 31 days. New contacts 4 now against 1 (alpha on Sep 15).
  await expect(
    page.getByText('Compared with the previous 31 days: Aug 31, 2026 – Sep 30, 2026'),
  ).toBeVisible();
  await expect(kpi(page, /^New contacts$/)).toContainText('▲ +3 (+300.0%) vs 1');
  await expect(page.getByLabel('Compare with')).toHaveValue('previous-period');

  // The same period last year: October 2025 has nothing, so everything is new.
  await page.getByLabel('Compare with').selectOption('same-period-last-year');
  await expect(page).toHaveURL(/[?&]compare=same-period-last-year(&|$)/);
  await expect(page).toHaveURL(new RegExp(october));
  await expect(
    page.getByText('Compared with the same period last year: Oct 1, 2025 – Oct 31, 2025'),
  ).toBeVisible();
  await expect(kpi(page, /^New contacts$/)).toContainText('▲ +4new vs 0');
  await expect(kpi(page, /^New contacts$/)).toContainText(
    'Up 4, new this period from 0 in the same period last year',
  );
  await expect(kpi(page, /Net payments\s*USD/)).toContainText('+385.50new vs 0.00');
  // The charts say their totals against the same comparison.
  await expect(page.locator('[data-comparison="leads"]')).toHaveText(
    'The same period last year (Oct 1, 2025 – Oct 31, 2025): new contacts +4 vs 0; opportunities created +4 vs 0.',
  );
  await expect(page.locator('[data-comparison="net"]')).toHaveText(
    'The same period last year (Oct 1, 2025 – Oct 31, 2025): net USD +385.50 vs 0.00.',
  );

  // None: no comparison anywhere, and no movers.
  await page.getByLabel('Compare with').selectOption('none');
  await expect(page).toHaveURL(/[?&]compare=none(&|$)/);
  await expect(page.getByText(/^Compared with/)).toHaveCount(0);
  await expect(kpiValue(page, /^New contacts$/)).toHaveText('4');
  await expect(kpi(page, /^New contacts$/)).not.toContainText('vs');
  await expect(page.locator('[data-comparison]')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Biggest movers' })).toHaveCount(0);

  // Back returns to the previous choice; a reload keeps what the URL says.
  await page.goBack();
  await expect(page).toHaveURL(/[?&]compare=same-period-last-year(&|$)/);
  await expect(page.getByLabel('Compare with')).toHaveValue('same-period-last-year');
  await page.reload();
  await expect(kpi(page, /^New contacts$/)).toContainText('▲ +4new vs 0');
});

test('the biggest movers rank locations against the comparison, money per currency', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  const movers = page.getByRole('region', { name: 'Biggest movers' });
  await expect(movers).toContainText('Against the previous period: Aug 31, 2026 – Sep 30, 2026.');
  // New contacts: alpha 3 vs 1, gamma 1 vs 0; beta cannot read contacts, so it is not ranked.
  const contacts = movers.getByRole('region', { name: 'New contacts', exact: true });
  await expect(contacts.getByRole('listitem')).toHaveCount(2);
  await expect(contacts.getByRole('listitem').nth(0)).toContainText(LOCATIONS.alpha.name);
  await expect(contacts.getByRole('listitem').nth(0)).toContainText('+2 (+200.0%)3 vs 1');
  await expect(contacts.getByRole('listitem').nth(1)).toContainText(LOCATIONS.gamma.name);
  await expect(contacts.getByRole('listitem').nth(1)).toContainText('+1 (new)1 vs 0');
  await expect(contacts).toContainText('No location went down.');
  // Net payments in USD: alpha 325.50 vs 75.00, gamma 40.00 vs 0, beta 20.00 vs 0.
  const usd = movers.getByRole('region', { name: 'Net payments (USD)' });
  await expect(usd.getByRole('listitem')).toHaveText([
    /E2E Alpha Dental.*\+250\.50 \(\+334\.0%\)325\.50 vs 75\.00/,
    /E2E Gamma Gym.*\+40\.00 \(new\)40\.00 vs 0\.00/,
    /=E2E Beta Clinic.*\+20\.00 \(new\)20\.00 vs 0\.00/,
  ]);
  // JPY only beta; yen and dollars are never in one list.
  const jpy = movers.getByRole('region', { name: 'Net payments (JPY)' });
  await expect(jpy.getByRole('listitem')).toHaveText([/=E2E Beta Clinic.*\+5,000 \(new\)/]);
  // Won value: alpha and gamma were paid only in USD; beta in two currencies is not ranked.
  const won = movers.getByRole('region', { name: 'Won value (USD)' });
  await expect(won).toContainText('2 locations compared');
  await expect(won.getByRole('listitem')).toHaveText([
    /E2E Alpha Dental.*\+1,300\.00 \(\+650\.0%\)1,500\.00 vs 200\.00/,
  ]);
  await expect(movers).toContainText('Won value of 1 location is not ranked');
  // A mover links to its location, for the same period.
  await contacts.getByRole('link', { name: LOCATIONS.gamma.name }).click();
  await expect(page).toHaveURL(`/locations/${LOCATIONS.gamma.id}?${october}`);
});

test('quarter and year to date are presets that change the URL and the numbers', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  await expect(kpiValue(page, /^New contacts$/)).toHaveText('4');
  for (const [id, label] of [
    ['qtd', 'Quarter to date'],
    ['ytd', 'Year to date'],
  ] as [PresetId, string][]) {
    const expected = presetRange(id, utcDay());
    await page.getByRole('button', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`from=${expected.from}&to=${expected.to}`));
    await expect(page.getByRole('button', { name: label })).toHaveAttribute('aria-pressed', 'true');
    const count = READABLE_CONTACT_DAYS.filter(
      (day) => day >= expected.from && day <= expected.to,
    ).length;
    await expect(kpiValue(page, /^New contacts$/)).toHaveText(String(count));
  }
});

test('the charts go by day, week or month, in the URL, with partial weeks labelled', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  const chartBy = page.getByRole('group', { name: 'Chart by' });
  await expect(chartBy.getByRole('button', { name: 'Day' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await chartBy.getByRole('button', { name: 'Week' }).click();
  await expect(page).toHaveURL(/[?&]granularity=week(&|$)/);
  const leads = page.getByRole('figure', { name: 'New contacts and opportunities per week' });
  // Oct 1–4 (Thu–Sun) and Oct 26–31 are cut by the period: 5 weeks, the first and last partial.
  await expect(leads).toContainText(
    'Over 31 days in 5 weeks, the first and the last partial: 4 new contacts (most in 2026-10-05 – 2026-10-11: 2); 4 opportunities created',
  );
  const weeks = leads.getByRole('table');
  await expect(weeks.getByRole('row')).toHaveCount(6);
  // Gamma's contact (Oct 2, New York) and three opportunities (alpha Oct 3, 4; beta Oct 2, Tokyo).
  await expect(
    weeks.getByRole('row', { name: /^2026-10-01 – 2026-10-04 \(partial week: 4 of 7 days\)/ }),
  ).toHaveText(/13$/);
  await expect(weeks.getByRole('row', { name: /^2026-10-05 – 2026-10-11 / })).toHaveText(/21$/);
  await expect(
    weeks.getByRole('row', { name: /^2026-10-26 – 2026-10-31 \(partial week: 6 of 7 days\)/ }),
  ).toHaveText(/00$/);
  await expect(page.getByRole('figure', { name: 'Net payments per week (USD)' })).toContainText(
    '385.50 USD net over 31 days in 5 weeks, the first and the last partial from 4 payments; best week 2026-10-05 – 2026-10-11: 345.50.',
  );

  await chartBy.getByRole('button', { name: 'Month' }).click();
  await expect(page).toHaveURL(/[?&]granularity=month(&|$)/);
  const months = page.getByRole('figure', { name: 'New contacts and opportunities per month' });
  await expect(months.getByRole('table').getByRole('row')).toHaveCount(2);
  await expect(months.getByRole('table').getByRole('row', { name: /^Oct 2026/ })).toHaveText(
    /^Oct 202644$/,
  );

  // The table's links to the drill-down keep the period, the comparison and the grouping.
  await page.goto(`/?${october}&compare=none&granularity=week`);
  await expect(
    page
      .getByRole('table', { name: /^Locations report/ })
      .getByRole('link', { name: LOCATIONS.alpha.name }),
  ).toHaveAttribute(
    'href',
    `/locations/${encodeURIComponent(LOCATIONS.alpha.id)}?${october}&compare=none&granularity=week`,
  );

  // The drill-down reads the same URL, and its way back keeps the choice.
  await page.goto(`/locations/${LOCATIONS.alpha.id}?${october}&granularity=week&compare=none`);
  await expect(
    page.getByRole('figure', { name: 'New contacts and opportunities per week' }),
  ).toContainText('3 new contacts');
  await expect(page.getByText(/^Compared with/)).toHaveCount(0);
  await expect(page.getByRole('link', { name: '← All locations' })).toHaveAttribute(
    'href',
    `/?${october}&compare=none&granularity=week`,
  );

  // The API groups the same way, and refuses a grouping it does not know.
  const api = await page.request.get(`/api/reports/daily?${october}&granularity=week`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as {
    counts: { day: string; newContacts: number; bucket: { isPartial: boolean } }[];
  };
  expect(body.counts.map((p) => [p.day, p.newContacts, p.bucket.isPartial])).toEqual([
    ['2026-10-01', 1, true],
    ['2026-10-05', 2, false],
    ['2026-10-12', 0, false],
    ['2026-10-19', 1, false],
    ['2026-10-26', 0, true],
  ]);
  const bad = await page.request.get(`/api/reports/daily?${october}&granularity=hour`);
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain('granularity: expected day, week or month');
});

test('the name filter applies to every figure on the page, and says so', async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto(`/?${october}`);
  await expect(kpiValue(page, /^New contacts$/)).toHaveText('4');
  const leads = page.getByRole('figure', { name: 'New contacts and opportunities per day' });
  await expect(leads).toContainText('Over 31 days: 4 new contacts');

  await page.getByLabel('Filter by name').fill('alpha');
  await expect(page.getByRole('status').filter({ hasText: 'Filtered by name' })).toHaveText(
    'Filtered by name: every figure on this page (cards, charts, movers and table) covers the 1 of 3 locations whose name matches.',
  );
  await expect(kpiValue(page, /^New contacts$/)).toHaveText('3');
  // The charts now sum alpha alone: 3 contacts, 3 opportunities, 325.50 USD in 2 payments.
  await expect(leads).toContainText(
    'Over 31 days: 3 new contacts (most on Oct 5, 2026: 1); 3 opportunities created',
  );
  await expect(page.getByRole('figure', { name: 'Net payments per day (USD)' })).toContainText(
    '325.50 USD net over 31 days from 2 payments',
  );
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveCount(0); // alpha was paid in USD only
  const movers = page.getByRole('region', { name: 'Biggest movers' });
  await expect(
    movers.getByRole('region', { name: 'New contacts', exact: true }).getByRole('listitem'),
  ).toHaveText([new RegExp(LOCATIONS.alpha.name)]);
  await expect(movers).not.toContainText(LOCATIONS.gamma.name);

  // A filter that matches nothing: nothing is charted, rather than every location.
  await page.getByLabel('Filter by name').fill('no such location');
  await expect(kpiValue(page, /^New contacts$/)).toHaveText('0');
  await expect(page.getByText('No location matches the filter: nothing to chart.')).toBeVisible();
  await expect(page.getByRole('figure')).toHaveCount(0);

  await page.getByLabel('Filter by name').fill('');
  await expect(leads).toContainText('Over 31 days: 4 new contacts');
  await expect(page.getByText('Filtered by name')).toHaveCount(0);
});
