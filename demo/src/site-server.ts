import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPage, type Page } from './site/layout.js';
import { NOT_FOUND } from './site/other-pages.js';

/** What the site serves besides its own pages. */
export interface SiteServerOptions {
  /** The pages, read per request: they name the relay, which starts after the site. */
  pages: () => Page[];
  /** The relay's origin, allowed in the page's Content-Security-Policy for the form's POST. */
  relayOrigin: () => string;
  /** JSON for the demo's mail page (GET): each handler returns a value or a promise of one. */
  api: Record<string, () => unknown>;
  /** What the mail page can set off (POST, from the site's own pages only), answered as JSON. */
  actions: Record<string, () => unknown>;
}

/** The names the site answers to: it listens on 127.0.0.1 only. */
const OWN_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Whether a request is for this site by name. Another name means a page elsewhere made the
 * browser ask (DNS rebinding: evil.example resolving to 127.0.0.1), and must not read the mail.
 */
function forThisSite(host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return OWN_HOSTS.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

const SITE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');
const require = createRequire(import.meta.url);
const WIDGET_FILE = require.resolve('@synpunkt/widget/synpunkt-form.js');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Static files the site serves, by URL path. */
function staticFile(path: string): string | undefined {
  if (path === '/js/synpunkt-form.js') return WIDGET_FILE;
  if (path === '/js/synpunkt-form.js.map') return `${WIDGET_FILE}.map`;
  if (path === '/css/site.css') return join(SITE_DIR, 'css', 'site.css');
  if (path === '/favicon.svg' || path === '/favicon.ico') return join(SITE_DIR, 'favicon.svg');
  if (path === '/js/mail-view.js') return join(SITE_DIR, 'js', 'mail-view.js');
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * Exempelkommun's web server. Pages carry a strict Content-Security-Policy (no inline scripts
 * or styles, no eval), the same a careful municipality would set, to show the form works under it.
 */
export function createSiteServer(options: SiteServerOptions): Server {
  const csp = () =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src 'self' ${options.relayOrigin()}`,
      "img-src 'self' data: blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');

  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://demo').pathname.replace(/\/$/, '') || '/';
    void (async () => {
      if (!forThisSite(req.headers.host)) {
        return send(res, 421, 'text/plain; charset=utf-8', 'Demon svarar bara på 127.0.0.1.');
      }
      const action = options.actions[path];
      if (action) {
        if (req.method !== 'POST') {
          res.setHeader('Allow', 'POST');
          return send(res, 405, 'text/plain; charset=utf-8', 'Det här görs med POST.');
        }
        // A form or fetch on another site may POST here too; the browser says where it came from.
        if (req.headers.origin !== `http://${req.headers.host}`) {
          return send(
            res,
            403,
            'text/plain; charset=utf-8',
            'Bara demons egna sidor kan göra det.',
          );
        }
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await action()));
      }
      const page = options.pages().find((candidate) => candidate.path === path);
      if (page) {
        res.setHeader('Content-Security-Policy', csp());
        return send(res, 200, 'text/html; charset=utf-8', renderPage(page));
      }
      const api = options.api[path];
      if (api)
        return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await api()));
      const file = staticFile(path);
      if (file) {
        const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
        return send(res, 200, type, await readFile(file));
      }
      res.setHeader('Content-Security-Policy', csp());
      send(res, 404, 'text/html; charset=utf-8', renderPage(NOT_FOUND));
    })().catch((error: unknown) => {
      send(res, 500, 'text/plain; charset=utf-8', `Fel i demoservern: ${String(error)}`);
    });
  });
}
