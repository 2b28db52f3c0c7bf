// `pnpm test` in packages/widget: the browser tests (@web/test-runner, headless Chromium) and
// the Node tests (test/node: endpoint, bundle size, manifest, embedding), then ONE last line
// `N passed, N failed` summing both. The bundle tests need `pnpm build` first.
//
//   node scripts/test.mjs            both
//   node scripts/test.mjs browser    only the browser tests
//   node scripts/test.mjs node       only the Node tests
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const which = process.argv[2];

/** Runs a command in the package, echoing its output; resolves with the exit code and output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      text += String(error);
      resolve({ code: 1, text });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** The counts a run printed: our wtr reporter's last line, or node's spec summary. */
function countsOf(text) {
  const plain = [...text.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const pass = [...text.matchAll(/^ℹ pass (\d+)/gm)].at(-1);
  const fail = [...text.matchAll(/^ℹ fail (\d+)/gm)].at(-1);
  if (pass && fail) return { passed: Number(pass[1]), failed: Number(fail[1]) };
  return undefined;
}

let passed = 0;
let failed = 0;

async function suite(command, args) {
  const { code, text } = await run(command, args);
  const counts = countsOf(text);
  passed += counts?.passed ?? 0;
  failed += counts?.failed ?? 0;
  // A run that crashed before counting, or exited badly with no failure counted, is a failure.
  if (!counts || (code !== 0 && counts.failed === 0)) failed += 1;
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
  await suite(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
