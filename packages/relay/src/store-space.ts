import { statfsSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * The store cannot be created, migrated or opened because its file system is full: no space or
 * no free inodes. Not a configuration error (the same configuration works once there is room),
 * so the command line exits with 74 (EX_IOERR), not 78.
 */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}

/**
 * Error codes of a full file system: SQLite's SQLITE_FULL (it could not grow the store, its
 * `-wal` or the lock file), Node's ENOSPC (no block or inode for a new file) and EDQUOT (the
 * user's quota), and SQLITE_IOERR_SHMSIZE (SQLite could not grow the `-shm` file: what a full
 * disk gives when the store exists but its `-shm` file does not yet).
 */
const FULL = /^(SQLITE_FULL|SQLITE_IOERR_SHMSIZE|ENOSPC|EDQUOT)$/;

/** What is left on the file system of `directory`: `0 bytes and 12 inodes free`. */
function spaceLeft(directory: string): string {
  try {
    const fs = statfsSync(directory);
    return `${fs.bavail * fs.bsize} bytes and ${fs.ffree} inodes free`;
  } catch {
    return 'free space unknown';
  }
}

/**
 * A full disk while creating, migrating or opening the store (or its lock) as a
 * {@link StoreFullError} naming `storePath` and its directory, or undefined for any other
 * error. Without it the relay exits 1 with "database or disk is full" (or "disk I/O error")
 * and no path.
 */
export function storeFullError(path: string, error: unknown): StoreFullError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !FULL.test(code)) return undefined;
  const directory = dirname(path);
  const file = basename(path);
  return new StoreFullError(
    `Cannot open the store (storePath: ${path}): the disk is full (${code}). The file system of ` +
      `the directory ${directory} has no room for the store, its ${file}-wal and ${file}-shm ` +
      `files and ${file}.lock (${spaceLeft(directory)}). Free space there (old logs, backups ` +
      'or other files on that file system) or give it more, then try again.',
  );
}
