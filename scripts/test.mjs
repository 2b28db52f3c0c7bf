// `npm test`: set up what is missing, build, check types, lint and format, run every suite, and
// end with one line `N passed, N failed` summing all of them. Zero dependencies: it runs before
// anything is installed.
//
//   npm test               everything
//   npm test -- sdk relay  build and check everything, but run only these packages' suites
import { spawn } from 'node:child_process';
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

const only = process.argv.slice(2);
const started = Date.now();
let passed = 0;
let failed = 0;
const failures = [];

/** Runs a command, echoing its output, and resolves with the exit code and the output. */
function capture(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

function pnpmArgs(args) {
  const [command, ...prefix] = pnpm();
  return [command, [...prefix, ...args]];
}

/** A step that is not a test suite (build, types, lint): counts as one check. */
async function check(name, command, args) {
  log(`${name}…`);
  const { code } = await capture(command, args);
  if (code === 0) {
    passed += 1;
  } else {
    failed += 1;
    failures.push(name);
  }
  return code === 0;
}

/** Reads the counts a suite printed: node's test runner (spec or TAP) or our wtr reporter. */
function countsOf(text) {
  const plain = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { pass: Number(plain[1]), fail: Number(plain[2]) };
  const pass = [...text.matchAll(/^(?:ℹ|#) pass (\d+)/gm)].at(-1);
  const fail = [...text.matchAll(/^(?:ℹ|#) fail (\d+)/gm)].at(-1);
  if (pass && fail) return { pass: Number(pass[1]), fail: Number(fail[1]) };
  return undefined;
}

async function suite(pkg) {
  log(`Tests: ${pkg.json.name}`);
  const [command, args] = pnpmArgs(['--filter', pkg.json.name, 'run', 'test']);
  const { code, text } = await capture(command, args);
  const counts = countsOf(text);
  if (counts) {
    passed += counts.pass;
    failed += counts.fail;
  }
  if (code !== 0 || !counts || counts.fail > 0) {
    // A suite that crashed before counting still counts as a failure.
    if (!counts || counts.fail === 0) failed += 1;
    failures.push(pkg.json.name);
  }
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
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
