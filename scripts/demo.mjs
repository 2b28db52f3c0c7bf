// `npm run demo`: set up what is missing, build, and start the demo on its embedded default.
// Zero dependencies: it runs before anything is installed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, fail, log, root, runPnpm } from './lib/setup.mjs';

ensureDependencies();
log('Building…');
if (runPnpm(['-r', '--workspace-concurrency=1', 'run', 'build']) !== 0)
  fail('The build failed; see above.');

// The demo runs as this script's own child, not through pnpm, and every way of stopping this
// process (Ctrl+C, an editor's stop button, SIGTERM, a closed terminal) is passed on to it:
// it stops its servers and releases its store before it exits, and nothing is left running.
const demo = spawn(process.execPath, ['dist/main.js'], {
  cwd: join(root, 'demo'),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => demo.kill(signal));
}
// npm passes a SIGTERM to its shell, which does not pass it on: when the process that started
// this one is gone, stop as well.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) demo.kill('SIGTERM');
}, 1000).unref();
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
