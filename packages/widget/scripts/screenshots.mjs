// Screenshots of the real component for the README: the built dist/synpunkt-form.js in the
// installed Chromium, standard and lättläst mode, 1280 px (desktop) and 320 px wide, written to
// docs/screenshots/. Run after a build: `pnpm --filter @synpunkt/widget build && pnpm screenshots`.
//
//   node scripts/screenshots.mjs
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, chromeExecutable } from '../../../scripts/lib/chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/synpunkt-form.js`;
const out = `${root}docs/screenshots/`;

if (!existsSync(bundle)) {
  console.error(`${bundle} is missing: run \`pnpm --filter @synpunkt/widget build\` first`);
  process.exit(1);
}

/** A plain municipal page with the editor's snippet. */
const page = (lattlast) => `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Lämna en synpunkt – Exempels kommun</title>
    <link rel="stylesheet" href="/page.css" />
    <script type="module" src="/js/synpunkt-form.js"></script>
  </head>
  <body>
    <main>
      <h1>Lämna en synpunkt</h1>
      <synpunkt-form endpoint="/api/synpunkter" privacy-url="/personuppgifter" reply-days="10"
        appeal-url="/overklaga" fault-report-url="/felanmalan"${lattlast ? ' lattlast' : ''}>
        <synpunkt-area value="aldreomsorg">Äldreomsorg</synpunkt-area>
        <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
        <a href="mailto:kommun@exempelkommun.se">Skicka din synpunkt med e-post</a>
      </synpunkt-form>
    </main>
  </body>
</html>`;
const css = `body { margin: 0 auto; padding: 16px; max-width: 48rem; font-family: sans-serif;
  color: #1b1b1b; background: #fff; }`;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.setHeader('content-security-policy', "default-src 'self'");
  if (url.pathname === '/form.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(url.searchParams.has('lattlast')));
  }
  if (url.pathname === '/page.css') {
    res.writeHead(200, { 'content-type': 'text/css' });
    return res.end(css);
  }
  if (url.pathname === '/js/synpunkt-form.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    return res.end(readFileSync(bundle));
  }
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromeExecutable(),
  args: [...CHROME_FLAGS, '--lang=sv-SE'],
});
mkdirSync(out, { recursive: true });
try {
  for (const mode of ['standard', 'lattlast']) {
    for (const [size, width] of [
      ['desktop', 1280],
      ['320', 320],
    ]) {
      const context = await browser.newContext({
        viewport: { width, height: 800 },
        deviceScaleFactor: width === 320 ? 2 : 1,
        reducedMotion: 'reduce',
        // A Swedish browser (with --lang), as most people using the form have. The date field
        // still shows mm/dd/yyyy when the installed Chromium carries only its en-US locale file
        // (Debian's chromium without chromium-l10n); a Swedish Chromium shows åååå-mm-dd.
        locale: 'sv-SE',
      });
      const tab = await context.newPage();
      await tab.goto(`${base}/form.html${mode === 'lattlast' ? '?lattlast' : ''}`);
      await tab.locator('synpunkt-form button').first().waitFor();
      if (mode === 'lattlast') {
        // The first step with a choice made: the cards with their pictures, one chosen.
        await tab.locator('synpunkt-form label[for="f-kind-complaint"]').click();
        await tab.evaluate(
          () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
        );
      }
      const file = `${out}${mode}-${size}.png`;
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file.slice(root.length)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
