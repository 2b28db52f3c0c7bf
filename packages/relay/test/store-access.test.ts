import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Store } from '../src/index.js';
import { runCli, tempDir, testConfig } from './helpers.js';

// root may write anywhere: chmod does not restrict it, so there is nothing to see.
const skip = process.getuid?.() === 0 ? 'running as root, where chmod 0500 does not apply' : false;

/** A store directory made read-only (0500) for the test, with a configuration beside it. */
function readOnlyStore(withStore: boolean) {
  const tmp = tempDir();
  const directory = join(tmp.dir, 'store');
  mkdirSync(directory);
  const storePath = join(directory, 'relay.db');
  if (withStore) new Store(storePath).close();
  const configPath = join(tmp.dir, 'relay.config.json');
  writeFileSync(configPath, JSON.stringify(testConfig(storePath)));
  chmodSync(directory, 0o500);
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
      const { code, stderr } = await runCli(['--config', store.configPath]);
      assert.equal(code, 78, stderr);
      assertNamesTheFix(stderr, store.storePath, store.directory);
    } finally {
      store.cleanup();
    }
  });

  it('stops with exit code 78 for an existing store too, also in the outbox commands', async () => {
    const store = readOnlyStore(true);
    try {
      const relay = await runCli(['--config', store.configPath]);
      assert.equal(relay.code, 78, relay.stderr);
      assertNamesTheFix(relay.stderr, store.storePath, store.directory);
      const list = await runCli(['outbox', 'list', '--config', store.configPath]);
      assert.equal(list.code, 78, list.stderr);
      assertNamesTheFix(list.stderr, store.storePath, store.directory);
    } finally {
      store.cleanup();
    }
  });
});
