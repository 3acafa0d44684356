import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT) || 3210;
const baseURL = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  outputDir: path.join(root, 'test-results/e2e'),
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results/e2e.json') }]],
  use: {
    baseURL,
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium (Playwright cannot download its own here); PLAYWRIGHT_CHROMIUM_PATH overrides.
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  webServer: {
    command: 'npx tsx e2e/server.ts',
    cwd: root,
    url: `${baseURL}/healthz`,
    // E2E_REUSE=1: run against a test server you started yourself (npx tsx e2e/server.ts with the env below).
    reuseExistingServer: process.env.E2E_REUSE === '1',
    // Let the server drain and stop its embedded PostgreSQL (the default is an immediate SIGKILL).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Every journey signs up from 127.0.0.1: lift the per-IP sign-up limit (its own test is in Vitest).
    env: { PORT: String(PORT), HOST: '127.0.0.1', WELTOFFEN_DEMO: '1', SIGNUPS_PER_IP_PER_HOUR: '1000' },
  },
});
