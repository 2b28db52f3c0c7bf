// The installed Chromium and the flags that keep it quiet on a closed network. One place for
// every tool that starts a browser: the test runner, node tests, benchmarks, screenshots, the
// demo's end-to-end tests. No tool downloads a browser of its own.
import { existsSync } from 'node:fs';

/** Where Chromium or Chrome is usually installed, in the order they are tried. */
export const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Headless, no sandbox (CI runs as root), and none of the background connections that a closed
 * network refuses many times a second.
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `CHROME_PATH` when it exists, else the first installed candidate, else undefined. */
export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROME_CANDIDATES.find((path) => existsSync(path));
}

/** The browser to launch: as `findChrome`, falling back to /usr/bin/chromium for a clear error. */
export function chromeExecutable() {
  return findChrome() ?? '/usr/bin/chromium';
}
