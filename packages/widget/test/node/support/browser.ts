import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { pagePath, startServer, type PageOptions, type TestServer } from './server.js';
import { CHROME_FLAGS, chromeExecutable } from '../../../../../scripts/lib/chrome.mjs';

const IN_PAGE = fileURLToPath(new URL('./in-page.js', import.meta.url));

/** One server and one browser for a whole test file; `close()` in `after`. */
export interface Harness {
  /** The test server (page, bundle, endpoint). */
  server: TestServer;
  /** The one Chromium of the file. */
  browser: Browser;
  /** A new context (own storage) with the in-page helpers installed. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Opens the form page in a new page of `context` and waits until the form is interactive. */
  open(context: BrowserContext, options?: PageOptions): Promise<Page>;
  /** Closes the browser and the server. */
  close(): Promise<void>;
}

/** Starts the server and Chromium (the installed one: `CHROME_PATH`, else /usr/bin/chromium). */
export async function startHarness(): Promise<Harness> {
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: chromeExecutable(),
      args: CHROME_FLAGS,
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  const context = async (options: BrowserContextOptions = {}) => {
    const created = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    await created.addInitScript({ path: IN_PAGE });
    return created;
  };
  const open = async (ctx: BrowserContext, options: PageOptions = {}) => {
    const page = await ctx.newPage();
    // A state that never comes should fail the test soon, not after playwright's 30 s.
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.base}${pagePath(options)}`);
    await waitForForm(page);
    if (problems.length > 0) throw new Error(`The page threw: ${problems.join('; ')}`);
    return page;
  };
  return {
    server,
    browser,
    context,
    open,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the form has rendered its first control. */
export async function waitForForm(page: Page): Promise<void> {
  await page.locator('synpunkt-form input, synpunkt-form button').first().waitFor();
}

/** What `document.activeElement` is through shadow roots, as `<tag#id…>`. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => globalThis.__a11y.focused());
}

/** The id of the deeply focused element ('' if none). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => globalThis.__a11y.deepActive()?.id ?? '');
}

/** Waits until the deeply focused element has this id. */
export async function waitForFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => globalThis.__a11y.deepActive()?.id === want, id);
}
