import { defineConfig } from '@playwright/test';

/**
 * e2e: Debian's Chromium (/usr/bin/chromium, CHROMIUM_PATH overrides), headless, with the
 * built extension, against the local replica (tests/replica). No browser is downloaded.
 * One worker: each test file launches its own browser and these machines have 2 cores.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
