import { request as httpRequest } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { OCTOBER, STORAGE } from './fixtures/e2e-data';

test.use({ storageState: STORAGE.admin });

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  // The e2e server's NEXTAUTH_URL is http://127.0.0.1: no HSTS there.
  expect(headers['strict-transport-security']).toBeUndefined();
}

/** CSP violations the page reported to the console while `run` went on. */
async function cspViolations(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await run();
  return seen;
}

test('a page carries a nonce CSP, and the dashboard with its charts runs under it', async ({
  page,
}) => {
  const violations = await cspViolations(page, async () => {
    const response = await page.goto(`/?from=${OCTOBER.from}&to=${OCTOBER.to}`);
    const headers = response!.headers();
    const csp = headers['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'self'");
    expectCommonHeaders(headers);
    // Next put the nonce on its scripts; the page is interactive (a client-side chart drew).
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Agency roll-up' })).toBeVisible();
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    const second = await page.request.get('/');
    expect(second.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
  });
  expect(violations).toEqual([]);
});

test('an API route answers with a deny-all CSP and the same headers', async ({ request }) => {
  const response = await request.get(
    `/api/reports/locations?from=${OCTOBER.from}&to=${OCTOBER.to}`,
  );
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expectCommonHeaders(headers);
});

test('an oversized body gets 413, declared or chunked, at the sign-in endpoint and elsewhere', async ({
  request,
  baseURL,
}) => {
  const big = 'a'.repeat(200 * 1024);
  for (const path of ['/api/auth/callback/credentials', '/api/reports/locations', '/account']) {
    const response = await request.post(path, {
      data: `email=x&password=${big}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status(), path).toBe(413);
  }
  // Chunked (no Content-Length): the sign-in handler stops reading at its limit.
  const url = new URL('/api/auth/callback/credentials', baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    for (let i = 0; i < 50; i++) req.write(`x${i}=${'b'.repeat(8 * 1024)}&`);
    req.end();
  });
  expect(status).toBe(413);
});
