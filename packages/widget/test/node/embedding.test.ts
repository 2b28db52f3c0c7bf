import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createEndpoint } from '../endpoint.mjs';
import { CHROME_FLAGS, chromeExecutable } from '../../../../scripts/lib/chrome.mjs';

// The self-hosted bundle in a real Chromium, as an editor embeds it: on a plain page and on a
// hostile one (global resets, !important rules), both served with a strict CSP.

const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${root}dist/synpunkt-form.js`;

/** No inline script or style, no eval: what a careful municipality sends. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const endpoint = createEndpoint();
let server: Server;
let base = '';
let browser: Browser;
/** Trusted Types directives added to the policy, for the test that needs them. */
let trustedTypes = '';

/** Maps a URL path to a file: the pages and their CSS, and the bundle under /js/. */
function fileOf(path: string): string | undefined {
  if (/^\/(?:plain|hostile)\.html$/.test(path)) return `${root}test/fixtures${path}`;
  if (/^\/fixtures\/[a-z-]+\.css$/.test(path)) return `${root}test${path}`;
  if (/^\/js\/synpunkt-form\.js(?:\.map)?$/.test(path)) return `${root}dist${path.slice(3)}`;
  return undefined;
}

before(async () => {
  assert.ok(
    existsSync(bundle),
    `${bundle} is missing: run \`pnpm --filter @synpunkt/widget build\``,
  );
  server = createServer((req, res) => {
    res.setHeader('content-security-policy', STRICT_CSP + trustedTypes);
    endpoint.nodeHandler(req, res).then(
      (handled) => {
        if (handled) return;
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path === '/favicon.ico') return void res.writeHead(204).end();
        const file = fileOf(path);
        if (!file || !existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromeExecutable(),
    args: CHROME_FLAGS,
  });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => endpoint.reset());

/** A page that records CSP violations, console errors and uncaught errors. */
async function open(
  context: BrowserContext,
  path: string,
): Promise<{ page: Page; problems: () => Promise<string[]> }> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`CSP ${event.violatedDirective}: ${event.blockedURI} ${event.sample}`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(`${base}${path}`);
  return {
    page,
    problems: async () => [
      ...problems,
      ...(await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      )),
    ],
  };
}

/** The pieces of the form a user sees first, found as a user finds them: by role and name. */
function pieces(page: Page) {
  return {
    kindLegend: page.getByText('Vad vill du lämna?'),
    complaint: page.getByRole('radio', { name: /Klagomål/ }),
    message: page.getByRole('textbox', { name: /Skriv din synpunkt/ }),
    anonymous: page.getByRole('radio', { name: /Nej, jag vill vara anonym/ }),
    send: page.getByRole('button', { name: 'Skicka', exact: true }),
  };
}

interface Look {
  x: number;
  y: number;
  width: number;
  height: number;
  style: string;
}

/**
 * Where each piece sits, counted from the first one (the kind question), how big it is, and its
 * text style. Whatever the page does around the form (the element's margin, the editor's own
 * slotted link, which keeps the page's look) may move the form as a whole, never its parts.
 */
async function looks(page: Page): Promise<Record<string, Look>> {
  const origin = await pieces(page).kindLegend.first().boundingBox();
  assert.ok(origin, 'the kind question has no box');
  const result: Record<string, Look> = {};
  for (const [name, locator] of Object.entries(pieces(page))) {
    const box = await locator.first().boundingBox();
    assert.ok(box, `${name} has no box`);
    const style = await locator.first().evaluate((element) => {
      const s = getComputedStyle(element);
      return [
        s.fontSize,
        s.fontFamily,
        s.lineHeight,
        s.letterSpacing,
        s.wordSpacing,
        s.textTransform,
        s.textIndent,
        s.textAlign,
      ].join(' | ');
    });
    result[name] = { ...box, x: box.x - origin.x, y: box.y - origin.y, style };
  }
  return result;
}

async function interactive(page: Page): Promise<void> {
  await pieces(page).message.waitFor({ state: 'visible' });
}

async function fillAndSend(page: Page, message: string): Promise<void> {
  const form = pieces(page);
  await form.complaint.check();
  const area = page.getByRole('combobox', { name: /Vad gäller det/ });
  if ((await area.count()) > 0) await area.selectOption('skola');
  else await page.getByRole('radio', { name: 'Förskola och skola' }).check();
  await form.message.fill(message);
  await form.anonymous.check();
  await form.send.click();
  await page.getByRole('heading', { name: /Tack för din synpunkt/ }).waitFor();
}

describe('embedding dist/synpunkt-form.js', () => {
  it('upgrades on a page with a strict CSP, with no violations or errors', async () => {
    const context = await browser.newContext();
    try {
      const { page, problems } = await open(context, '/plain.html');
      await interactive(page);
      assert.deepEqual(await problems(), []);
    } finally {
      await context.close();
    }
  });

  it('looks the same on a hostile page as on a plain one', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    try {
      const plain = await open(context, '/plain.html');
      await interactive(plain.page);
      const hostile = await open(context, '/hostile.html');
      await interactive(hostile.page);
      const expected = await looks(plain.page);
      const actual = await looks(hostile.page);
      for (const [name, want] of Object.entries(expected)) {
        const got = actual[name]!;
        assert.equal(got.style, want.style, `${name}: text style differs`);
        for (const key of ['x', 'y', 'width', 'height'] as const) {
          assert.ok(
            Math.abs(got[key] - want[key]) <= 1,
            `${name}: ${key} is ${got[key]} on the hostile page, ${want[key]} on the plain one`,
          );
        }
      }
      assert.deepEqual(await hostile.problems(), []);
    } finally {
      await context.close();
    }
  });

  it('can be filled in and sent on the hostile page, with the script included twice', async () => {
    const context = await browser.newContext();
    try {
      const { page, problems } = await open(context, '/hostile.html');
      await interactive(page);
      const message = 'Gungan på lekplatsen är trasig. <b>Inte</b> fetstil.';
      await fillAndSend(page, message);
      const received = endpoint.received() as { body: Record<string, unknown> }[];
      assert.equal(received.length, 1, 'the endpoint should have received one submission');
      const body = received[0]!.body;
      assert.equal(body.kind, 'complaint');
      assert.equal(body.area, 'skola');
      assert.equal(body.message, message);
      assert.deepEqual(body.reply, { wanted: false });
      assert.equal(await page.locator('synpunkt-form').count(), 1);
      assert.equal(await pieces(page).kindLegend.count(), 0, 'the receipt replaces the form');
      assert.deepEqual(await problems(), []);
    } finally {
      await context.close();
    }
  });

  it('shows the fallback link without JavaScript; after the upgrade the form takes over', async () => {
    const fallback = (page: Page) =>
      page.getByRole('link', { name: 'Skicka din synpunkt med e-post' });
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(`${base}/plain.html`);
      assert.ok(await fallback(page).isVisible(), 'the fallback link is hidden without JS');
      assert.equal(await pieces(page).message.count(), 0);
    } finally {
      await noScript.close();
    }
    for (const path of ['/plain.html', '/hostile.html']) {
      const context = await browser.newContext();
      try {
        const { page } = await open(context, path);
        await interactive(page);
        // The editor's link lives on inside the form ("another way to reach us"), in its slot.
        const slotted = await fallback(page).evaluate(
          (link) => link.assignedSlot?.getRootNode() === link.parentElement?.shadowRoot,
        );
        assert.ok(slotted, `${path}: the fallback link is not placed inside the form`);
        // The area configuration is read, never shown as loose text.
        for (const area of await page.locator('synpunkt-area').all()) {
          assert.ok(!(await area.isVisible()), `${path}: <synpunkt-area> is shown as text`);
        }
      } finally {
        await context.close();
      }
    }
  });
});

describe('embedding under Trusted Types', () => {
  it('upgrades with the trusted-types list the embedding guide gives, the script included twice', async () => {
    // What the guide tells the editor to allow, read from the guide itself: a policy name the
    // bundle creates and the guide does not name would leave only the fallback link.
    const guide = readFileSync(`${root}../../docs/embedding.md`, 'utf8');
    const list = /^\s*trusted-types ([^\n`]+)$/m.exec(guide)?.[1]?.trim();
    assert.ok(list, 'docs/embedding.md names no trusted-types list');
    trustedTypes = `; require-trusted-types-for 'script'; trusted-types ${list}`;
    const context = await browser.newContext();
    try {
      const { page, problems } = await open(context, '/hostile.html');
      await interactive(page);
      await fillAndSend(page, 'Gungan på lekplatsen är trasig.');
      assert.deepEqual(await problems(), []);
    } finally {
      trustedTypes = '';
      await context.close();
    }
  });
});
