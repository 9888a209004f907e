import { register } from 'node:module';
import { defineConfig } from '@playwright/test';

// The global setup seeds the database through lib/, whose server modules `import 'server-only'`:
// resolve it as Next does on the server (scripts/lib/react-server-condition.mjs).
register('./scripts/lib/react-server-condition.mjs', import.meta.url);

// Debian's Chromium (apt-get install chromium): Playwright never downloads a browser here.
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
  timeout: 30_000,
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
      // e2e/schedules.spec.ts catches the emails on this port.
      SMTP_URL: `smtp://127.0.0.1:${Number(process.env.E2E_SMTP_PORT ?? port + 20_000)}`,
      MAIL_FROM: 'Agency Pulse <reports@e2e.test>',
    },
  },
});
