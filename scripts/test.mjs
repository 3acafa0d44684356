#!/usr/bin/env node
// `npm test`: type check, architecture check, build, unit/domain/socket tests (Vitest, real PostgreSQL), then the journeys in
// real Chromium (Playwright). Ends with one "N passed, N failed" line over both suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['Type check', 'npx', ['tsc', '--noEmit']],
  // No import cycles, no server module in browser code, one module graph per process (.dependency-cruiser.cjs).
  ['Architecture check', 'npx', ['depcruise', 'app', 'server', 'db', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']],
  // Built before the tests: the two-process socket test starts the real server.
  ['Build', 'npm', ['run', 'build'], { NODE_ENV: 'production' }],
  ['Unit, domain and socket tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']],
  ['End-to-end journeys (Chromium)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)]],
];

fs.rmSync('test-results', { recursive: true, force: true });
let failedStep = null;
for (const [title, command, args, env = {}] of steps) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env } });
  console.log(`--- ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} (${Math.round((Date.now() - started) / 1000)} s)`);
  if (result.status !== 0) {
    failedStep = title;
    break;
  }
}

function counts() {
  let passed = 0;
  let failed = 0;
  try {
    const unit = JSON.parse(fs.readFileSync('test-results/unit.json', 'utf8'));
    passed += unit.numPassedTests;
    failed += unit.numFailedTests;
  } catch {}
  try {
    const e2e = JSON.parse(fs.readFileSync('test-results/e2e.json', 'utf8'));
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected;
  } catch {}
  return { passed, failed };
}

const { passed, failed } = counts();
if (failedStep) console.log(`\nFailed at: ${failedStep}`);
console.log(`\n${passed} passed, ${failed + (failedStep && failed === 0 ? 1 : 0)} failed`);
process.exit(failedStep ? 1 : 0);
