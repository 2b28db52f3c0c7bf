import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Store, StoreFullError } from '../src/index.js';
import { runCli, tempDir, testConfig } from './helpers.js';

// A real full disk, not a mocked SQLite: a small tmpfs mounted for the test. Mounting needs
// root (CAP_SYS_ADMIN); elsewhere these tests are skipped.

/** A tmpfs of `size` (`256k`) mounted on a fresh directory, with a configuration beside it. */
function smallDisk(options: string) {
  const tmp = tempDir();
  const mountPoint = join(tmp.dir, 'disk');
  mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint]);
  if (mounted.status !== 0) {
    tmp.cleanup();
    return undefined;
  }
  const storePath = join(mountPoint, 'relay.db');
  const configPath = join(tmp.dir, 'relay.config.json');
  writeFileSync(configPath, JSON.stringify(testConfig(storePath)));
  return {
    mountPoint,
    storePath,
    configPath,
    cleanup: () => {
      spawnSync('umount', [mountPoint]);
      tmp.cleanup();
    },
  };
}

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const disk = smallDisk('size=64k');
  disk?.cleanup();
  return disk !== undefined;
})();
const skip = canMount ? false : 'mounting a small tmpfs (a disk to fill) needs root';

/** Writes a file until the file system has no block left. */
function fillBlocks(directory: string): void {
  const fd = openSync(join(directory, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (const size of [chunk.length, 4096, 1]) {
      try {
        for (;;) writeSync(fd, chunk, 0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Creates empty files until the file system has no inode left. */
function fillInodes(directory: string): void {
  for (let i = 0; ; i++) {
    try {
      closeSync(openSync(join(directory, `empty-${i}`), 'wx'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
      throw error;
    }
  }
}

function assertSaysDiskFull(stderr: string, storePath: string, directory: string) {
  assert.match(stderr, /the disk is full/);
  assert.ok(stderr.includes(`(storePath: ${storePath})`), stderr);
  assert.ok(stderr.includes(`the directory ${directory}`), stderr);
  assert.match(stderr, /Free space there/);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
}

describe('a full disk at start', { skip }, () => {
  it('stops a new relay with exit code 74 naming storePath and its directory', async () => {
    const disk = smallDisk('size=256k')!;
    try {
      fillBlocks(disk.mountPoint);
      const { code, stdout, stderr } = await runCli(['--config', disk.configPath]);
      assert.equal(code, 74, stderr);
      assertSaysDiskFull(stderr, disk.storePath, disk.mountPoint);
      assert.doesNotMatch(stdout, /relay\.listening/);
    } finally {
      disk.cleanup();
    }
  });

  it('exits 74 when no file can be created (no inodes left)', async () => {
    const disk = smallDisk('size=1m,nr_inodes=16')!;
    try {
      fillInodes(disk.mountPoint);
      const { code, stderr } = await runCli(['--config', disk.configPath]);
      assert.equal(code, 74, stderr);
      assertSaysDiskFull(stderr, disk.storePath, disk.mountPoint);
      assert.match(stderr, /\(ENOSPC\)/);
    } finally {
      disk.cleanup();
    }
  });

  it('exits 74 for an existing store on a disk that filled up, also in the outbox commands', async () => {
    const disk = smallDisk('size=1m')!;
    try {
      new Store(disk.storePath).close();
      fillBlocks(disk.mountPoint);
      const relay = await runCli(['--config', disk.configPath]);
      assert.equal(relay.code, 74, relay.stderr);
      assertSaysDiskFull(relay.stderr, disk.storePath, disk.mountPoint);
      const list = await runCli(['outbox', 'list', '--config', disk.configPath]);
      assert.equal(list.code, 74, list.stderr);
      assertSaysDiskFull(list.stderr, disk.storePath, disk.mountPoint);
    } finally {
      disk.cleanup();
    }
  });

  it('new Store throws StoreFullError when a new store cannot be created', () => {
    const disk = smallDisk('size=256k')!;
    try {
      fillBlocks(disk.mountPoint);
      assert.throws(
        () => new Store(disk.storePath),
        (error: Error) => {
          assert.ok(error instanceof StoreFullError, String(error));
          assert.match(error.message, /\(SQLITE_FULL\)/);
          return true;
        },
      );
    } finally {
      disk.cleanup();
    }
  });
});
