import { chromium, type Browser } from 'playwright-core';
import { CHROME_FLAGS, chromeExecutable } from '../../scripts/lib/chrome.mjs';

/** The installed Chromium (`npm test` sets CHROME_PATH); no test tool downloads a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromeExecutable(), args: CHROME_FLAGS });
}
