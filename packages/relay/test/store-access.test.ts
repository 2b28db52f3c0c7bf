import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Store } from '../src/index.js';
import { lockStore } from '../src/store-lock.js';
import { CLI, runCli, tempDir, testConfig } from './helpers.js';

// root may write anywhere: chmod does not restrict it. As root (CI here), the relay runs as
// `nobody` instead, when setpriv is there and nobody can read the package.
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
const asRoot = process.getuid?.() === 0;
const nobodyCanRun =
  asRoot &&
  spawnSync(AS_NOBODY[0]!, [
    ...AS_NOBODY.slice(1),
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(CLI)})`,
  ]).status === 0;
const under = nobodyCanRun ? AS_NOBODY : [];
const skip =
  asRoot && !nobodyCanRun ? 'running as root without setpriv, where chmod does not apply' : false;

/** A store directory made read-only (0555) for the test, with a configuration beside it. */
function readOnlyStore(withStore: boolean) {
  const tmp = tempDir();
  // Readable by the user the relay runs as (nobody, under root), and writable by none.
  chmodSync(tmp.dir, 0o755);
  const directory = join(tmp.dir, 'store');
  mkdirSync(directory);
  const storePath = join(directory, 'relay.db');
  if (withStore) {
    new Store(storePath).close();
    chmodSync(storePath, 0o644);
  }
  const configPath = join(tmp.dir, 'relay.config.json');
  writeFileSync(configPath, JSON.stringify(testConfig(storePath)));
  chmodSync(directory, 0o555);
  return {
    directory,
    storePath,
    configPath,
    cleanup: () => {
      chmodSync(directory, 0o700);
      tmp.cleanup();
    },
  };
}

function assertNamesTheFix(stderr: string, storePath: string, directory: string) {
  assert.ok(stderr.includes(`storePath: cannot write the store ${storePath}`), stderr);
  assert.ok(stderr.includes(`the directory ${directory}`), stderr);
  assert.match(stderr, /must be writable by the relay's user/);
  assert.match(stderr, /relay\.db-wal and relay\.db-shm/);
}

describe('a store directory the relay may not write', { skip }, () => {
  it('stops a new store with exit code 78 naming storePath, not a restart loop', async () => {
    const store = readOnlyStore(false);
    try {
      const { code, stderr } = await runCli(['--config', store.configPath], undefined, under);
      assert.equal(code, 78, stderr);
      assertNamesTheFix(stderr, store.storePath, store.directory);
    } finally {
      store.cleanup();
    }
  });

  it('stops with exit code 78 for an existing store too, also in the outbox commands', async () => {
    const store = readOnlyStore(true);
    try {
      const relay = await runCli(['--config', store.configPath], undefined, under);
      assert.equal(relay.code, 78, relay.stderr);
      assertNamesTheFix(relay.stderr, store.storePath, store.directory);
      const list = await runCli(['outbox', 'list', '--config', store.configPath], undefined, under);
      assert.equal(list.code, 78, list.stderr);
      assertNamesTheFix(list.stderr, store.storePath, store.directory);
    } finally {
      store.cleanup();
    }
  });

  it('stops with exit code 78 when the relay may not even enter the directory', async () => {
    // Made by a run as root (0700 root's, or 0600 here): the lock file in it cannot even be
    // looked at, so it is the directory, not a lock file, that the message names.
    const store = readOnlyStore(false);
    chmodSync(store.directory, 0o600);
    try {
      const { code, stderr } = await runCli(['--config', store.configPath], undefined, under);
      assert.equal(code, 78, stderr);
      assertNamesTheFix(stderr, store.storePath, store.directory);
    } finally {
      store.cleanup();
    }
  });
});

/** uid and gid of `nobody`, the user the relay runs as under root here. */
function nobody(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody']).stdout.toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

describe('a lock file another user left behind', { skip }, () => {
  it('names the lock file and how to give it back, and takes the lock once that is done', async () => {
    const tmp = tempDir();
    chmodSync(tmp.dir, 0o755);
    const directory = join(tmp.dir, 'store');
    mkdirSync(directory);
    const storePath = join(directory, 'relay.db');
    const lockPath = `${storePath}.lock`;
    const configPath = join(tmp.dir, 'relay.config.json');
    writeFileSync(configPath, JSON.stringify(testConfig(storePath)));
    // The relay's user owns its directory and store; a run as root (this test process, under
    // root) left the lock file, 0600 like every file it makes. Not root: one it may not write.
    new Store(storePath).close();
    (await lockStore(storePath, 0)).release();
    const user = nobodyCanRun ? nobody() : undefined;
    if (user) {
      chownSync(directory, user.uid, user.gid);
      chownSync(storePath, user.uid, user.gid);
    } else {
      chmodSync(lockPath, 0o400);
    }
    const move = ['outbox', 'move', '--from', 'gone', '--to', 'mem', '--config', configPath];
    try {
      for (const args of [['--config', configPath], move]) {
        const { code, stderr } = await runCli(args, undefined, under);
        assert.equal(code, 78, stderr);
        assert.ok(stderr.includes(`the lock file ${lockPath}`), stderr);
        assert.doesNotMatch(stderr, /the directory .* must be writable/, 'not the directory');
        if (user) {
          assert.match(stderr, /owned by uid 0/);
          assert.ok(stderr.includes(`chown nobody ${lockPath}`), stderr);
        }
        assert.ok(stderr.includes(`chmod 600 ${lockPath}`), stderr);
      }
      // What the message says to do.
      if (user) chownSync(lockPath, user.uid, user.gid);
      chmodSync(lockPath, 0o600);
      const after = await runCli(move, undefined, under);
      assert.equal(
        after.code,
        1,
        `takes the lock now (and finds nothing to move): ${after.stderr}`,
      );
      assert.match(after.stderr, /No pending, dead or quarantined deliveries to target "gone"/);
    } finally {
      tmp.cleanup();
    }
  });
});
