import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from '@playwright/test';
import { run as userCommand } from '@/scripts/commands/user';
import { PassThrough } from 'node:stream';
import { OCTOBER, USERS } from './fixtures/e2e-data';

// Every way a session ends is checked the hard way: the cookie copied before it ended is sent
// again, by a client that never signed out, and must be refused.
const user = USERS.sessionEnder;
const REPORT = `/api/reports/locations?from=${OCTOBER.from}&to=${OCTOBER.to}`;
test.describe.configure({ mode: 'serial' });

/** Signs in through the API and returns the session cookie as a Cookie header. */
async function signIn(request: APIRequestContext, password: string): Promise<string> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: user.email, password, json: 'true', callbackUrl: '/' },
  });
  expect(response.ok()).toBe(true);
  const state = await request.storageState();
  const session = state.cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  if (!session) throw new Error('no session cookie after sign-in');
  return `${session.name}=${session.value}`;
}

/** The report's status for a client that only has the copied cookie. */
async function statusWith(cookie: string, baseURL: string | undefined): Promise<number> {
  const copy = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  try {
    return (await copy.get(REPORT)).status();
  } finally {
    await copy.dispose();
  }
}

test('sign-out ends the session on the server: a copied cookie is refused afterwards', async ({
  request,
  baseURL,
}) => {
  const copied = await signIn(request, user.password);
  expect(await statusWith(copied, baseURL)).toBe(200);
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const out = await request.post('/api/auth/signout', {
    form: { csrfToken, json: 'true', callbackUrl: '/login' },
  });
  expect(out.ok()).toBe(true);
  expect(await statusWith(copied, baseURL)).toBe(401);
});

test('"Sign out everywhere" on the account page ends this and every other session', async ({
  page,
  request,
  baseURL,
}) => {
  const otherDevice = await signIn(request, user.password);
  await page.goto('/login?callbackUrl=%2Faccount');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const cookies = await page.context().cookies();
  const browser = cookies.find((c) => c.name.endsWith('next-auth.session-token'))!;
  const thisDevice = `${browser.name}=${browser.value}`;
  expect(await statusWith(thisDevice, baseURL)).toBe(200);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'You were signed out everywhere' }),
  ).toBeVisible();
  expect(await statusWith(thisDevice, baseURL)).toBe(401);
  expect(await statusWith(otherDevice, baseURL)).toBe(401);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
});

test('a password change ends the sessions signed in with the old one', async ({
  page,
  request,
  baseURL,
}) => {
  const copied = await signIn(request, user.password);
  await page.goto('/login?callbackUrl=%2Faccount');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const next = 'e2e-session-after-22';
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('Repeat the new password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your password was changed' }),
  ).toBeVisible();
  expect(await statusWith(copied, baseURL)).toBe(401);
  user.password = next;
});

test('a role or location change (cli user set) ends the sessions from before it', async ({
  request,
  baseURL,
}) => {
  const copied = await signIn(request, user.password);
  expect(await statusWith(copied, baseURL)).toBe(200);
  const out = new PassThrough();
  const err = new PassThrough();
  const stdin = new PassThrough();
  stdin.end();
  const lines: string[] = [];
  out.on('data', (c: Buffer) => lines.push(c.toString('utf8')));
  err.on('data', (c: Buffer) => lines.push(c.toString('utf8')));
  const code = await userCommand(
    ['set', '--email', user.email, '--locations', 'e2e_alpha,e2e_gamma'],
    { stdout: out, stderr: err, stdin, isTTY: false },
  );
  expect({ code, output: lines.join('') }).toEqual({
    code: 0,
    output: expect.stringContaining('their sessions have ended'),
  });
  expect(await statusWith(copied, baseURL)).toBe(401);
  const fresh = await signIn(request, user.password);
  expect(await statusWith(fresh, baseURL)).toBe(200);
});
