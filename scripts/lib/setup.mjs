// Zero-dependency setup shared by `npm test` and `npm run demo`: it runs before anything is
// installed, so it may only use Node's own modules.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findChrome } from './chrome.mjs';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNPM_MAJOR = '12';

export function log(message) {
  console.log(`[synpunkt] ${message}`);
}

export function fail(message) {
  console.error(`\n[synpunkt] ${message}\n`);
  process.exit(1);
}

/** Runs a command with inherited output; returns its exit code. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

let pnpmCommand;
/** A pnpm 12: the one on PATH if it is that major, else one run through npx. */
export function pnpm() {
  if (pnpmCommand) return pnpmCommand;
  const version = output('pnpm', ['--version']);
  pnpmCommand =
    version?.split('.')[0] === PNPM_MAJOR ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM_MAJOR}`];
  return pnpmCommand;
}

export function runPnpm(args, options = {}) {
  const [command, ...prefix] = pnpm();
  return run(command, [...prefix, ...args], options);
}

function installEnv() {
  // better-sqlite3 compiles with node-gyp; without a nodedir it tries to download headers.
  const env = { ...process.env };
  if (!env.npm_config_nodedir) {
    const prefix = dirname(dirname(process.execPath));
    if (existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  }
  return env;
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Installing dependencies with pnpm (the first time takes about a minute)…');
  const code = runPnpm(['install', '--frozen-lockfile'], { env: installEnv() });
  if (code !== 0) fail('Installing dependencies failed; see the output above.');
}

/**
 * Finds an installed Chromium or Chrome and exports it as CHROME_PATH. On Debian as root it
 * installs the `chromium` package; elsewhere it stops and says what to install. No test tool
 * downloads a browser of its own.
 */
export function ensureChrome() {
  let chrome = findChrome();
  if (!chrome && existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    log('No Chromium found: installing the Debian package `chromium`…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    chrome = findChrome();
  }
  if (!chrome) {
    fail(
      'The browser tests need Chromium or Google Chrome, and none was found.\n' +
        '  Install one (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: Google Chrome),\n' +
        '  or point CHROME_PATH at its executable, then run the command again.',
    );
  }
  process.env.CHROME_PATH = chrome;
  return chrome;
}

/** The workspace packages in dependency order, with their package.json. */
export function workspacePackages() {
  const order = ['packages/sdk', 'packages/adapters', 'packages/widget', 'packages/relay', 'demo'];
  return order.map((dir) => ({
    dir,
    json: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')),
  }));
}
