// `pnpm --filter @synpunkt/widget bench`: NOT a test. Measures the self-hosted bundle:
//  - its size: minified, gzip -9, brotli (quality 11), and what zod, ky and lit each add;
//  - the time to an interactive form in headless Chromium, median and p90 of 20 page loads, for
//    (a) a page with <synpunkt-form> and (b) the same page with the equivalent plain HTML form,
//    and their ratio. Same run, same machine, loads interleaved (a, b, a, b…), a fresh browser
//    context (empty cache) per load, one unmeasured warm-up load of each first.
// Needs `pnpm build` first (dist/synpunkt-form.js).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, chromeExecutable } from '../../../scripts/lib/chrome.mjs';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { terserPass } from '../scripts/terser-pass.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/synpunkt-form.js`;
const DEFINITION = [
  "Interactive = the first moment the form's first control (input, select, textarea or button;",
  'in the shadow root for the widget, in the page for the plain form) is in the DOM, has a',
  'non-empty layout box and focus() makes it the active element. Checked by bench/probe.js, a',
  'blocking script at the top of both pages: on DOM mutations while the page parses, and for the',
  'widget once customElements.whenDefined() and updateComplete resolve (then every frame).',
  'Times are ms from navigation start (performance.timeOrigin). "After script" is from the',
  'moment dist/synpunkt-form.js finished downloading (Resource Timing responseEnd) to interactive.',
  '"HTML document downloaded" is the page\'s own responseEnd: the part both pages share.',
].join('\n');

if (!existsSync(bundle)) {
  console.error(`${bundle} is missing: run \`pnpm --filter @synpunkt/widget build\` first.`);
  process.exit(1);
}

// --- sizes ---------------------------------------------------------------------------------
const bytes = readFileSync(bundle);
const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
}).length;

// --- what each part adds: rebuilt in memory with it left out, one after another -------------
// The languages and lättläst first: with them, zod, ky and lit all out, what is left is the
// least a Swedish-only standard form without those libraries could be.
const LIBRARIES = [
  ['English (standard and lättläst catalogs)', ['*/en.js', '*/en-lattlast.js']],
  [
    'lättläst (Swedish catalog, steps, styles)',
    ['*/sv-lattlast.js', '*/lattlast/steps.js', '*/lattlast/lattlast.styles.js'],
  ],
  ['zod (the sdk schema)', ['zod', 'zod/*']],
  ['ky (the rest adapter)', ['ky']],
  ['lit', ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*']],
];
const gzipWithout = async (external) => {
  const result = await build({
    ...bundleOptions(root, 'src/define.ts', 'dist/breakdown.js'),
    external,
    sourcemap: false,
    write: false,
  });
  const built = result.outputFiles.find((file) => file.path.endsWith('.js'));
  // The same two passes as scripts/bundle.mjs, so the parts add up to the file's size.
  const { code } = await terserPass(built.text, undefined, 'breakdown.js.map');
  return gzipSync(code, { level: 9 }).length;
};
const breakdown = [];
{
  let external = [];
  let previous = await gzipWithout(external);
  for (const [label, patterns] of LIBRARIES) {
    external = [...external, ...patterns];
    const without = await gzipWithout(external);
    breakdown.push([label, previous - without]);
    previous = without;
  }
  breakdown.push([
    'the rest: the standard form, its styles, the Swedish catalog, protection, sdk and adapter code',
    previous,
  ]);
}

// --- a loopback server for the two pages ----------------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const FILES = {
  '/bench/widget.html': `${root}bench/widget.html`,
  '/bench/plain-form.html': `${root}bench/plain-form.html`,
  '/bench/probe.js': `${root}bench/probe.js`,
  '/js/synpunkt-form.js': bundle,
  '/js/synpunkt-form.js.map': `${bundle}.map`,
};
const server = createServer((req, res) => {
  const file = FILES[new URL(req.url ?? '/', 'http://localhost').pathname];
  if (!file || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromeExecutable(),
  args: CHROME_FLAGS,
});

/** One load in a fresh context: ms from navigation start to interactive, and after the script. */
async function load(path) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
    const result = await page.evaluate(async () => {
      const interactive = await window.__interactive;
      const script = performance
        .getEntriesByType('resource')
        .find((entry) => entry.name.includes('/js/synpunkt-form.js'));
      const documentEnd = performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0;
      return {
        interactive,
        documentEnd,
        afterScript: script ? interactive - script.responseEnd : undefined,
      };
    });
    if (errors.length > 0) throw new Error(`${path}: ${errors.join('; ')}`);
    return result;
  } finally {
    await context.close();
  }
}

const chromiumVersion = browser.version();
const runs = { widget: [], plain: [], afterScript: [], documentEnd: [] };
try {
  await load('/bench/widget.html');
  await load('/bench/plain-form.html');
  for (let i = 0; i < LOADS; i += 1) {
    const widget = await load('/bench/widget.html');
    runs.widget.push(widget.interactive);
    if (widget.afterScript !== undefined) runs.afterScript.push(widget.afterScript);
    const plain = await load('/bench/plain-form.html');
    runs.plain.push(plain.interactive);
    runs.documentEnd.push(widget.documentEnd, plain.documentEnd);
  }
} finally {
  await browser.close();
  server.close();
}

// --- report -------------------------------------------------------------------------------
const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
/** Nearest-rank percentile. */
const p90 = (values) => sorted(values)[Math.ceil(0.9 * values.length) - 1];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => n.toFixed(1).padStart(8);
const row = (label, a, b) => `| ${label.padEnd(34)} | ${a} | ${b} |`;

console.log(`synpunkt-form bench, Chromium ${chromiumVersion}, ${LOADS} loads each\n`);
console.log('| bundle dist/synpunkt-form.js | size |');
console.log('|---|---|');
console.log(`| minified | ${kb(bytes.length)} (${bytes.length} B) |`);
console.log(`| gzip -9 | ${kb(gzip)} (${gzip} B) |`);
console.log(`| brotli q11 | ${kb(brotli)} (${brotli} B) |\n`);
console.log('| what it holds (gzip -9, by building without each part in turn) | gzip |');
console.log('|---|---:|');
for (const [label, size] of breakdown) console.log(`| ${label} | ${kb(size)} |`);
console.log('');
console.log(row('time to interactive (ms)', '  median', '     p90'));
console.log(`|${'-'.repeat(36)}|${'-'.repeat(10)}:|${'-'.repeat(10)}:|`);
console.log(row('(a) page with <synpunkt-form>', ms(median(runs.widget)), ms(p90(runs.widget))));
console.log(row('(b) same page, plain HTML form', ms(median(runs.plain)), ms(p90(runs.plain))));
console.log(
  row(
    'ratio (a) / (b)',
    `${(median(runs.widget) / median(runs.plain)).toFixed(2)}x`.padStart(8),
    `${(p90(runs.widget) / p90(runs.plain)).toFixed(2)}x`.padStart(8),
  ),
);
if (runs.afterScript.length > 0) {
  console.log(
    row('(a) after script downloaded', ms(median(runs.afterScript)), ms(p90(runs.afterScript))),
  );
}
console.log(
  row('(a)+(b) HTML document downloaded', ms(median(runs.documentEnd)), ms(p90(runs.documentEnd))),
);
console.log(`\n${DEFINITION}`);
