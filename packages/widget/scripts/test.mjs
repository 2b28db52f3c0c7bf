// `pnpm test` in packages/widget: the browser tests (@web/test-runner, headless Chromium) and
// the Node tests (test/node: endpoint, bundle size, manifest, embedding), then ONE last line
// `N passed, N failed` summing both. The bundle tests need `pnpm build` first.
//
//   node scripts/test.mjs            both
//   node scripts/test.mjs browser    only the browser tests
//   node scripts/test.mjs node       only the Node tests
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture, tally } from '../../../scripts/lib/suite.mjs';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const which = process.argv[2];

const totals = { passed: 0, failed: 0 };

// A test that hangs fails after five minutes with its name, instead of holding up the whole run
// (no test here needs a tenth of that; this is no measure of speed). The packages' own `test`
// scripts pass the same.
const TEST_TIMEOUT = '--test-timeout=300000';

async function suite(command, args) {
  tally(totals, await capture(command, args, { cwd }));
}

if (which !== 'node') {
  await suite(process.execPath, [
    join(cwd, 'node_modules/@web/test-runner/dist/bin.js'),
    '--config',
    'web-test-runner.config.mjs',
  ]);
}
if (which !== 'browser') {
  const files = readdirSync(new URL('../test/node/', import.meta.url))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `test/node/${name}`);
  await suite(process.execPath, [
    '--import',
    'tsx',
    '--test',
    TEST_TIMEOUT,
    '--test-reporter=spec',
    ...files,
  ]);
}

process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
