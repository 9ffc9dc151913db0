/*
 * Browser tests: every `*.test.ts` under `<workspace>/e2e-tests/` (e.g.
 * packages/app/e2e-tests/), run in Debian's headless chromium against one
 * portal that the global setup starts and stops. See README.md, "Testing".
 */
import fs from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import {
  outputDir,
  portalConfig,
  repoRoot,
} from './packages/app/e2e-tests/support/portalConfig';

const workspacesWithBrowserTests = ['packages', 'plugins'].flatMap(parent =>
  fs
    .readdirSync(resolve(repoRoot, parent))
    .map(name => resolve(repoRoot, parent, name))
    .filter(dir => fs.existsSync(resolve(dir, 'e2e-tests'))),
);

export default defineConfig({
  globalSetup: './packages/app/e2e-tests/support/globalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // One portal on 2 cores: tests run one at a time unless told otherwise.
  workers: Number(process.env.DP_E2E_WORKERS ?? 1),
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['json', { outputFile: resolve(outputDir, 'e2e.json') }],
    ['html', { open: 'never', outputFolder: resolve(outputDir, 'e2e-report') }],
  ],
  outputDir: resolve(outputDir, 'e2e-artifacts'),
  use: {
    baseURL: portalConfig().appUrl,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.DP_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: workspacesWithBrowserTests.map(dir => ({
    name: fs.existsSync(resolve(dir, 'package.json'))
      ? JSON.parse(fs.readFileSync(resolve(dir, 'package.json'), 'utf8')).name
      : dir,
    testDir: resolve(dir, 'e2e-tests'),
  })),
});
