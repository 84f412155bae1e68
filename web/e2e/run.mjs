// The e2e tests: start the real server on a free port with fresh databases and real data,
// drive Debian's Chromium through the scenario, save screenshots, stop everything.
// Needs the server binary (the Rust build) and web/dist (npm run build).

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createHarness } from './harness.mjs';
import { defineScenario } from './scenario.mjs';
import { startServer } from './server.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(webDir, 'test-results');
mkdirSync(outDir, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const started = performance.now();

console.log('e2e: starting the server');
let server;
try {
  server = await startServer({ webDir, logPath: path.join(outDir, 'server.log') });
} catch (error) {
  console.error(`e2e: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`e2e: server at ${server.baseUrl} (${server.seeds} seed files) after ${Math.round(performance.now() - started)} ms`);

const profile = mkdtempSync(path.join(os.tmpdir(), 'workbench-chromium-'));
let context;
let results = { passed: 0, failed: 1, skipped: 0 };
const pageErrors = [];
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    timezoneId: 'America/New_York', // Times must still show in UTC.
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('dialog', (dialog) => void dialog.accept());
  page.on('pageerror', (error) => pageErrors.push(error));
  const harness = createHarness({ outDir });
  defineScenario(harness, { baseUrl: server.baseUrl, outDir });
  harness.step('no uncaught error in the page', async () => {
    if (pageErrors.length > 0) throw new Error(`uncaught page errors:\n${pageErrors.map((error) => error.stack ?? error).join('\n')}`);
  });
  results = await harness.run({ page });
} catch (error) {
  console.error(`e2e: ${error.stack ?? error}`);
} finally {
  await context?.close().catch(() => {});
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`e2e: screenshots and the server log in ${path.relative(process.cwd(), outDir) || '.'} (${seconds} s)`);
console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
process.exit(results.failed > 0 || results.passed === 0 ? 1 : 0);
