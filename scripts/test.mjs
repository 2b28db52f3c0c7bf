// `npm test`: set up what is missing, build, check types, lint and format, run every suite, and
// end with one line `N passed, N failed` summing all of them. Zero dependencies: it runs before
// anything is installed.
//
//   npm test               everything
//   npm test -- sdk relay  build and check everything, but run only these packages' suites
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureChrome,
  ensureDependencies,
  log,
  pnpm,
  root,
  workspacePackages,
} from './lib/setup.mjs';
import { capture, tally } from './lib/suite.mjs';

const only = process.argv.slice(2);
const started = Date.now();
const totals = { passed: 0, failed: 0 };
const failures = [];

function pnpmArgs(args) {
  const [command, ...prefix] = pnpm();
  return [command, [...prefix, ...args]];
}

/** A step that is not a test suite (build, types, lint): counts as one check. */
async function check(name, command, args) {
  log(`${name}…`);
  const { code } = await capture(command, args, { cwd: root });
  if (code === 0) {
    totals.passed += 1;
  } else {
    totals.failed += 1;
    failures.push(name);
  }
  return code === 0;
}

async function suite(pkg) {
  log(`Tests: ${pkg.json.name}`);
  const [command, args] = pnpmArgs(['--filter', pkg.json.name, 'run', 'test']);
  const result = await capture(command, args, { cwd: root });
  if (!tally(totals, result)) failures.push(pkg.json.name);
}

ensureDependencies();
ensureChrome();

const packages = workspacePackages();
const built = await check(
  'Build',
  ...pnpmArgs(['-r', '--workspace-concurrency=1', 'run', 'build']),
);
if (built) {
  for (const pkg of packages) {
    const config = join(pkg.dir, 'tsconfig.test.json');
    if (existsSync(join(root, config))) {
      await check(
        `Types of ${pkg.json.name} (with tests)`,
        ...pnpmArgs(['exec', 'tsc', '-p', config]),
      );
    }
  }
  await check('Lint', ...pnpmArgs(['exec', 'eslint', '.']));
  await check('Format', ...pnpmArgs(['exec', 'prettier', '--check', '.']));
  await check('API docs (typedoc, every export documented)', ...pnpmArgs(['exec', 'typedoc']));
  for (const pkg of packages) {
    if (!pkg.json.scripts?.test) continue;
    const short = pkg.dir.split('/').at(-1);
    if (only.length > 0 && !only.includes(short)) continue;
    await suite(pkg);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length > 0) log(`Failed: ${failures.join(', ')}`);
log(`Done in ${seconds} s.`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
