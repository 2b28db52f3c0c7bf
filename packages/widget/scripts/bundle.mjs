// The single file that web editors self-host: dist/synpunkt-form.js, one minified ES module with
// everything in it (the element, Lit, the sdk's zod/mini schema, the rest adapter), plus its
// source map. Registers <synpunkt-form> when loaded. Prints its gzip and brotli sizes.
// esbuild bundles and minifies; terser then goes over the result once more (terser-pass.mjs).
//
//   node scripts/bundle.mjs [entry] [outfile]   (defaults: src/define.ts → dist/synpunkt-form.js)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { bundleOptions, PRIVATE_NAMES } from './bundle-options.mjs';
import { terserPass } from './terser-pass.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = process.argv[2] ?? 'src/define.ts';
const outfile = process.argv[3] ?? 'dist/synpunkt-form.js';

/** Code that must never reach a browser: the Node-only adapters and what they use. */
const FORBIDDEN = [/nodemailer/, /xmldom/, /adapters\/(?:dist|src)\/(?:email|artvise)\//];

const result = await build({ ...bundleOptions(root, entry, outfile), write: false });

const inputs = Object.keys(result.metafile.inputs);
const leaked = inputs.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)));
if (leaked.length > 0) {
  console.error(`Node-only code in the browser bundle:\n  ${leaked.join('\n  ')}`);
  process.exit(1);
}

// A renamed member must be the widget's own: the same name in Lit, ky, zod, the sdk or the
// adapters would be renamed there too, and break wherever it meets an object from outside; in a
// catalog it would be a key that an integrator's own catalog spells out in full.
const foreign = (path) => !path.startsWith('src/') || path.startsWith('src/translations/');
for (const input of inputs.filter(foreign)) {
  const { code } = await transform(readFileSync(new URL(input, new URL('..', import.meta.url))), {
    loader: input.endsWith('.ts') ? 'ts' : 'js',
    minifyWhitespace: true,
  });
  const shared = PRIVATE_NAMES.filter((name) =>
    new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(code),
  );
  if (shared.length > 0) {
    console.error(`${input} uses names bundle-options.mjs renames: ${shared.join(', ')}`);
    process.exit(1);
  }
}

// Written only now, after both checks: a refused build leaves the last good file in place.
const outPath = fileURLToPath(new URL(outfile, new URL('..', import.meta.url)));
const esbuildCode = result.outputFiles.find((file) => file.path === outPath);
const esbuildMap = result.outputFiles.find((file) => file.path === `${outPath}.map`);
if (esbuildCode === undefined) throw new Error(`esbuild wrote no ${outfile}`);
const { code, map } = await terserPass(
  esbuildCode.text,
  esbuildMap?.text,
  `${basename(outPath)}.map`,
);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, code);
if (map !== undefined) writeFileSync(`${outPath}.map`, map);

const bytes = Buffer.from(code);
const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, {
  params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
}).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `${relative(root, fileURLToPath(new URL(outfile, new URL('..', import.meta.url))))}: ` +
    `${kb(bytes.length)} minified, ${kb(gzip)} gzip -9, ${kb(brotli)} brotli (budget 25 KB gzip)`,
);
