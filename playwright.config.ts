// End-to-end tests run against the built renderer (npm run build:web) in Chromium: Debian's
// /usr/bin/chromium where present, Playwright's own Chromium elsewhere. Never downloads one.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

const webPort = Number(process.env.SITREP_WEB_PORT ?? 4173);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // English unless a test asks for another language (a context's `locale` overrides this), so the
  // suite reads the same whatever the machine's LANG is.
  '--lang=en-US',
];

export default defineConfig({
  testDir: 'tests/e2e',
  // Safety nets against a hang, not bounds on speed: on one core shared with a busy loop
  // (taskset -c 0) a journey takes up to about a minute, several times its time on an idle machine.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.SITREP_TEST_RESULTS ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${webPort}`,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'renderer', testIgnore: [/electron-.*\.spec\.ts/, /p2p-.*\.spec\.ts/] },
    // WebRTC between browser processes: only inside a loopback-only network namespace (npm run test:p2p).
    { name: 'p2p', testMatch: /p2p-.*\.spec\.ts/ },
    { name: 'electron', testMatch: /electron-.*\.spec\.ts/ },
  ],
  webServer: {
    command: 'npx vite preview --config vite.web.config.ts',
    url: `http://127.0.0.1:${webPort}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
