import { register } from 'node:module';
import { defineConfig } from '@playwright/test';
import { E2E_GHL, E2E_SMTP_PORT } from './e2e/fixtures/e2e-data';
import { e2eWebhookKeys } from './e2e/fixtures/webhook-keys';

// The global setup seeds the database through lib/, whose server modules `import 'server-only'`:
// resolve it as Next does on the server (scripts/lib/react-server-condition.mjs).
register('./scripts/lib/react-server-condition.mjs', import.meta.url);

// Debian's Chromium (apt-get install chromium): Playwright never downloads a browser here.
// The app under test listens on E2E_PORT: scripts/test-all.sh sets it to a port free at run time
// (3100 when run by hand without it). Specs reach the app through `baseURL`, never a fixed port.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // Generous: CI runs on a 2-core machine that may be busy; a slow page must not read as a failure.
  // Each spec still asserts what it waits for; these only bound the wait.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Seeds users and locations into DATABASE_URL (refuses a non-local database).
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    trace: 'retain-on-failure',
  },
  projects: [
    // Signs the seeded users in through the API once and saves their cookies for the specs.
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', testIgnore: /.*\.setup\.ts/, dependencies: ['setup'] },
  ],
  webServer: {
    // Not `npx next start`: npx's child outlives npx when Playwright stops it.
    command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      // A throwaway signing secret for the test server only.
      NEXTAUTH_SECRET:
        process.env.E2E_NEXTAUTH_SECRET ?? 'e2e-only-secret-never-used-in-production-0123456789',
      NEXTAUTH_URL: baseURL,
      // The simulator e2e/settings-tokens-sync.spec.ts starts: the live token check reaches it.
      GHL_API_BASE_URL: `http://127.0.0.1:${E2E_GHL.simPort}`,
      GHL_API_TOKEN: E2E_GHL.agencyToken,
      GHL_COMPANY_ID: E2E_GHL.companyId,
      APP_ENCRYPTION_KEY: E2E_GHL.encryptionKey,
      // The simulator's Marketplace app: e2e/connect-oauth.spec.ts connects through its authorize page.
      GHL_OAUTH_CLIENT_ID: E2E_GHL.oauthClientId,
      GHL_OAUTH_CLIENT_SECRET: E2E_GHL.oauthClientSecret,
      GHL_OAUTH_REDIRECT_URL: `${baseURL}/api/oauth/callback`,
      GHL_OAUTH_AUTHORIZE_URL: `http://127.0.0.1:${E2E_GHL.simPort}/v2/oauth/chooselocation`,
      // e2e/webhooks.spec.ts has the simulator sign webhooks with the matching private key.
      GHL_WEBHOOK_PUBLIC_KEY: e2eWebhookKeys().publicKey,
      // e2e/schedules.spec.ts catches the emails on this port.
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: 'Agency Pulse <reports@e2e.test>',
    },
  },
});
