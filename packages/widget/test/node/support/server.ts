import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createEndpoint } from '../../endpoint.mjs';

/** The widget package folder. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The self-hosted bundle the tests load, as an editor would. */
export const BUNDLE = `${PACKAGE_ROOT}dist/synpunkt-form.js`;

/** No inline script or style, no eval: what a careful municipality sends. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

/** The presentations of the form: the one-page form, and lättläst steps. */
export type FormMode = 'standard' | 'lattlast';
/** The languages the form ships. */
export type Lang = 'sv' | 'en';

/** What the test page puts on the `<synpunkt-form>` element. */
export interface PageOptions {
  /** The page's `lang` (the form follows it). Default `sv`. */
  lang?: Lang;
  /** `lattlast` sets the `lattlast` attribute. Default `standard`. */
  mode?: FormMode;
  /** Staff mode. */
  staff?: boolean;
  /** The page's own colours: `dark` is a site theme with white text on a dark blue ground. */
  theme?: 'light' | 'dark';
}

/** The path of the test page for these options. */
export function pagePath({
  lang = 'sv',
  mode = 'standard',
  staff = false,
  theme = 'light',
}: PageOptions = {}): string {
  const query = new URLSearchParams({
    lang,
    mode,
    ...(staff ? { staff: '1' } : {}),
    ...(theme === 'dark' ? { theme } : {}),
  });
  return `/form.html?${query}`;
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A municipal page with the editor's snippet: a main landmark, an h1, then the form. */
function pageHtml(query: URLSearchParams): string {
  const lang = query.get('lang') === 'en' ? 'en' : 'sv';
  const flags = [
    query.get('mode') === 'lattlast' ? 'lattlast' : '',
    query.get('staff') ? 'staff' : '',
  ].join(' ');
  const title = lang === 'en' ? 'Give feedback' : 'Lämna en synpunkt';
  const other = lang === 'en' ? 'Send your feedback by e-mail' : 'Skicka din synpunkt med e-post';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escape(title)} – Exempels kommun</title>
    <link rel="stylesheet" href="/page.css" />${query.get('theme') === 'dark' ? '\n    <link rel="stylesheet" href="/page-dark.css" />' : ''}
    <script type="module" src="/js/synpunkt-form.js"></script>
  </head>
  <body>
    <main>
      <h1>${escape(title)}</h1>
      <synpunkt-form endpoint="/api/synpunkter" privacy-url="/personuppgifter" reply-days="10"
        appeal-url="/overklaga" fault-report-url="/felanmalan" ${flags}>
        <synpunkt-area value="aldreomsorg">Äldreomsorg</synpunkt-area>
        <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
        <a href="mailto:kommun@exempelkommun.se">${escape(other)}</a>
      </synpunkt-form>
    </main>
  </body>
</html>`;
}

/** The page's own CSS: an ordinary municipal page (system font, white, some padding). */
const PAGE_CSS = `body { margin: 0 auto; padding: 16px; max-width: 48rem; font-family: sans-serif;
  color: #1b1b1b; background: #fff; }`;

/**
 * A site theme with a dark ground, white text and light links. The link the editor puts inside
 * the form is the page's own (slotted), so the page styles it: the last rule is the one the
 * docs give for a dark theme.
 */
const PAGE_DARK_CSS = `body { color: #fff; background: #1d2b36; } a { color: #9fd3ff; }
  synpunkt-form a { color: #0b5394; }`;

/**
 * A reader's text-spacing stylesheet (WCAG 1.4.12), the way bookmarklets and extensions do it:
 * `!important` rules on every element. Inside the shadow root only the inherited properties
 * arrive, through the host.
 */
export const TEXT_SPACING_CSS = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

/** A running test server: the page, the bundle, and the test endpoint on `/api/…`. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** The test endpoint: `received()`, `reset()`, `setMode('down' | …)`. */
  endpoint: ReturnType<typeof createEndpoint>;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts the server on a free loopback port; every response carries the strict CSP. */
export async function startServer(): Promise<TestServer> {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run \`pnpm --filter @synpunkt/widget build\``);
  }
  const endpoint = createEndpoint();
  const send = (res: ServerResponse, type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-security-policy', STRICT_CSP);
    endpoint.nodeHandler(req, res).then(
      (handled) => {
        if (handled) return;
        const url = new URL(req.url ?? '/', 'http://localhost');
        switch (url.pathname) {
          case '/form.html':
            return send(res, 'text/html; charset=utf-8', pageHtml(url.searchParams));
          case '/page.css':
            return send(res, 'text/css; charset=utf-8', PAGE_CSS);
          case '/page-dark.css':
            return send(res, 'text/css; charset=utf-8', PAGE_DARK_CSS);
          case '/text-spacing.css':
            return send(res, 'text/css; charset=utf-8', TEXT_SPACING_CSS);
          case '/js/synpunkt-form.js':
            return send(res, 'text/javascript; charset=utf-8', readFileSync(BUNDLE));
          default:
            res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
        }
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    endpoint,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
