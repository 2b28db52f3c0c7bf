import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { checkStoreDirectory, createPrivately } from './store.js';
import { lockAccessError, storeAccessError } from './store-access.js';
import { storeFullError } from './store-space.js';

/** Another relay process serves the same store: this one must not start. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
}

/** The serving relay's hold on its store; `release` lets the next relay start. */
export interface StoreLock {
  /** The lock file, `<storePath>.lock`. */
  readonly path: string;
  release(): void;
}

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown }).code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Takes the lock one serving relay holds on its store, so that a second one on the same store
 * (which would deliver every synpunkt again) cannot start. The lock is a companion SQLite file
 * in exclusive locking mode after one write: SQLite then keeps an exclusive fcntl lock until
 * the connection closes, and the kernel drops it when the process dies, even by SIGKILL, so a
 * crash leaves nothing stale behind. SQLite also tells two connections in one process apart.
 * The `outbox` commands do not take it: they must work while the relay runs.
 *
 * Waits up to `waitMs` for the holder to let go (a quick restart during a deploy), calling
 * `onWait` once when it starts waiting.
 *
 * @throws StoreInUseError when another relay still holds it after `waitMs`.
 */
export async function lockStore(
  storePath: string,
  waitMs: number,
  onWait: () => void = () => {},
): Promise<StoreLock> {
  if (storePath === ':memory:') return { path: storePath, release() {} };
  checkStoreDirectory(storePath);
  let path: string | undefined;
  try {
    path = lockPathOf(storePath);
    return await takeLock(storePath, path, waitMs, onWait);
  } catch (error) {
    throw whyNoLock(storePath, path, error);
  }
}

/**
 * What to tell about a lock that could not be taken: a lock file another user left, a
 * read-only directory (the lock file or its journal cannot be made) or a full disk.
 */
function whyNoLock(storePath: string, lockPath: string | undefined, error: unknown): unknown {
  return (
    (lockPath === undefined ? undefined : lockAccessError(lockPath, error)) ??
    storeAccessError(storePath, error) ??
    storeFullError(storePath, error) ??
    error
  );
}

/** One try at the lock file: the lock, or `busy` when another connection holds it. */
function tryLock(path: string): StoreLock | 'busy' {
  // No busy timeout: a caller that waits does so without blocking the event loop.
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(
        process.pid,
        new Date().toISOString(),
      );
    })();
    return {
      path,
      release() {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    return 'busy';
  }
}

/**
 * The lock file of a store: beside the store's real file, so a second path to it (a symlink)
 * names the same lock.
 */
function lockPathOf(storePath: string): string {
  const real = existsSync(storePath)
    ? realpathSync(storePath)
    : join(realpathSync(dirname(storePath)), basename(storePath));
  return `${real}.lock`;
}

/**
 * Takes the lock at once or not at all, for an `outbox` command that must not run beside a
 * serving relay (`move`: an attempt in flight to the old target would be recorded nowhere and
 * sent again). Undefined when a relay holds it.
 */
export function lockStoreNow(storePath: string): StoreLock | undefined {
  if (storePath === ':memory:') return { path: storePath, release() {} };
  checkStoreDirectory(storePath);
  let path: string | undefined;
  try {
    path = lockPathOf(storePath);
    createPrivately(path);
    const lock = tryLock(path);
    return lock === 'busy' ? undefined : lock;
  } catch (error) {
    throw whyNoLock(storePath, path, error);
  }
}

async function takeLock(
  storePath: string,
  path: string,
  waitMs: number,
  onWait: () => void,
): Promise<StoreLock> {
  createPrivately(path);
  const deadline = Date.now() + waitMs;
  for (let tries = 0; ; tries++) {
    const lock = tryLock(path);
    if (lock !== 'busy') return lock;
    if (tries === 0) onWait();
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new StoreInUseError(
        `Cannot start: another relay process uses the store (storePath: ${storePath}; it holds ${path}). ` +
          'Two relays on one store would deliver every synpunkt twice. Stop the other relay, or give this one its own storePath. ' +
          `(Waited ${waitMs} ms for it to stop; see storeLockWaitMs.)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, left)));
  }
}
