import { expect, test } from '@playwright/test';
import { LOCATIONS, OCTOBER, STORAGE, USERS } from './fixtures/e2e-data';

const NEW_USER = {
  email: `e2e-new-${Date.now()}@agency-pulse.test`,
  name: 'Nia New',
  password: 'nias-own-password-1',
};

test('an admin adds a staff user with two locations; the user sets a password, sees exactly those two, and loses one at once', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ storageState: STORAGE.admin });
  const admin = await adminContext.newPage();
  await admin.goto('/');
  await admin.getByRole('link', { name: 'Settings' }).click();
  await expect(admin).toHaveURL(/\/settings\/users$/);
  await expect(admin.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

  const form = admin.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Email').fill(NEW_USER.email);
  await form.getByLabel('Name').fill(NEW_USER.name);
  await form.getByLabel('Role').selectOption('staff');
  const picker = form.getByRole('group', { name: 'Locations this user may see' });
  await picker.getByLabel('Filter locations').fill('alpha');
  await picker.getByRole('checkbox', { name: new RegExp(LOCATIONS.alpha.name) }).check();
  await picker.getByLabel('Filter locations').fill('gamma');
  await picker.getByRole('checkbox', { name: new RegExp(LOCATIONS.gamma.name) }).check();
  await form.getByRole('button', { name: 'Add user' }).click();

  const linkText = await admin.getByTestId('one-time-link').textContent();
  expect(linkText).toMatch(/\/set-password#token=[\w-]{43}$/);
  const row = admin.locator(`tr[data-email="${NEW_USER.email}"]`);
  await expect(row).toContainText('Invited');
  await expect(row).toContainText(LOCATIONS.alpha.name);
  await expect(row).toContainText(LOCATIONS.gamma.name);
  // Shown once: a reload lists the user, never the link.
  await admin.reload();
  await expect(admin.getByTestId('one-time-link')).toHaveCount(0);
  expect(await admin.content()).not.toContain(linkText?.split('#token=')[1] ?? '?');

  // The new user, in a fresh browser: set the password through the link, then sign in.
  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await user.goto(linkText ?? '');
  await expect(user).toHaveURL(/\/set-password$/);
  await user.getByLabel('New password', { exact: true }).fill(NEW_USER.password);
  await user.getByLabel('Repeat the new password').fill(NEW_USER.password);
  await user.getByRole('button', { name: 'Set password' }).click();
  await expect(user.getByText('Your password is set')).toBeVisible();
  // The link works once.
  const again = await user.request.post('/api/set-password', {
    data: {
      token: linkText?.split('#token=')[1],
      password: 'another-password-99',
      confirmPassword: 'another-password-99',
    },
  });
  expect(again.status()).toBe(404);

  await user.getByRole('link', { name: 'Sign in' }).click();
  await user.getByLabel('Email').fill(NEW_USER.email);
  await user.getByLabel('Password').fill(NEW_USER.password);
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByText(NEW_USER.name)).toBeVisible();

  const shownIds = async () => {
    const response = await user.request.get(
      `/api/reports/locations?from=${OCTOBER.from}&to=${OCTOBER.to}`,
    );
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { rows: { locationId: string }[] };
    return body.rows.map((r) => r.locationId).sort();
  };
  expect(await shownIds()).toEqual([LOCATIONS.alpha.id, LOCATIONS.gamma.id]);
  await user.goto(`/?from=${OCTOBER.from}&to=${OCTOBER.to}`);
  await expect(user.locator('tbody tr[data-location-id]')).toHaveCount(2);
  await expect(user.getByText(LOCATIONS.beta.name)).toHaveCount(0);
  const health = (await (await user.request.get('/api/health/sync')).json()) as {
    locations: { locationId: string }[];
  };
  expect(health.locations.map((l) => l.locationId).sort()).toEqual([
    LOCATIONS.alpha.id,
    LOCATIONS.gamma.id,
  ]);
  // Staff have no settings.
  await expect(user.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  expect((await user.goto('/settings/users'))?.status()).toBe(404);

  // The admin removes alpha; the user's next request no longer has it.
  await admin.reload();
  const editRow = admin.locator(`tr[data-email="${NEW_USER.email}"]`);
  await editRow.getByText('Edit').click();
  await editRow.getByRole('button', { name: `Remove ${LOCATIONS.alpha.name}` }).click();
  await editRow.getByRole('button', { name: 'Save role and locations' }).click();
  await expect(
    editRow.getByText('Saved: effective at once (their open sessions have ended).'),
  ).toBeVisible();
  // A grant change ends the user's open sessions (docs/security.md): the old cookie is refused,
  // and after signing in again the user sees only what is left.
  expect(
    (
      await user.request.get(`/api/reports/locations?from=${OCTOBER.from}&to=${OCTOBER.to}`)
    ).status(),
  ).toBe(401);
  await user.goto('/login');
  await user.getByLabel('Email').fill(NEW_USER.email);
  await user.getByLabel('Password').fill(NEW_USER.password);
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByText(NEW_USER.name)).toBeVisible();
  expect(await shownIds()).toEqual([LOCATIONS.gamma.id]);
  expect(
    (
      await user.request.get(
        `/api/reports/locations?from=${OCTOBER.from}&to=${OCTOBER.to}&location=${LOCATIONS.alpha.id}`,
      )
    ).status(),
  ).toBe(404);
  await user.goto(`/?from=${OCTOBER.from}&to=${OCTOBER.to}`);
  await expect(user.locator('tbody tr[data-location-id]')).toHaveCount(1);
  await expect(user.getByText(LOCATIONS.alpha.name)).toHaveCount(0);

  // The audit log shows each step, with no secret in it.
  await admin.goto(`/settings/audit?actor=${encodeURIComponent(USERS.admin.email)}`);
  const entries = admin.locator('tbody tr');
  await expect(entries.filter({ hasText: NEW_USER.email })).toHaveCount(2);
  await expect(
    admin.locator('tr[data-action="user.create"]', { hasText: NEW_USER.email }),
  ).toHaveCount(1);
  await expect(
    admin.locator('tr[data-action="user.update"]', { hasText: NEW_USER.email }),
  ).toContainText(LOCATIONS.alpha.id);
  await admin.goto(`/settings/audit?action=user.password_set`);
  await expect(admin.locator('tbody tr', { hasText: NEW_USER.email })).toHaveCount(1);
  const audit = await admin.content();
  expect(audit).not.toContain(NEW_USER.password);
  expect(audit).not.toContain(linkText?.split('#token=')[1] ?? '?');

  await adminContext.close();
  await userContext.close();
});

test('the last admin cannot demote themselves from the browser', async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.admin });
  const page = await context.newPage();
  await page.goto('/settings/users');
  const admins = await page
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: 'Admin', exact: true }) })
    .count();
  // The seed makes exactly one admin, so in `npm test` this always runs. It is skipped only when
  // the spec is re-run by hand against a database where another admin was added: then the
  // signed-in admin is not the last one and the refusal cannot be shown.
  test.skip(admins !== 1, 'another admin exists in this database');
  const row = page.locator(`tr[data-email="${USERS.admin.email}"]`);
  await row.getByText('Edit').click();
  await row.getByLabel('Role').selectOption('staff');
  await row.getByRole('button', { name: 'Save role and locations' }).click();
  await expect(row.getByRole('alert')).toContainText('last admin');
  await context.close();
});
