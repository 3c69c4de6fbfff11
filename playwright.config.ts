import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (its e2e build) in Debian's Chromium against the sample
// dashboards. No browser is downloaded: test/e2e/fixtures.ts launches the system Chromium itself.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // A safety net, not a speed target (those are in `npm run bench`): the longest stories take ~35 s on a
  // quiet 2-core machine and much longer on a loaded one.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 1,
  retries: 0,
  outputDir: 'test-results',
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
