import { accessSync, constants, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { ConfigError } from './config.js';

/** Error codes of a store (or its directory) this process may not write. */
const NO_WRITE = /^(EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM)/;

/** This process's user name, if the system knows one. */
function userName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

/** Who this process runs as, for a message: `synpunkt, uid 998`. */
function processUser(): string {
  const uid = process.getuid?.();
  const name = userName();
  if (name === undefined) return uid === undefined ? 'unknown' : `uid ${uid}`;
  return uid === undefined ? name : `${name}, uid ${uid}`;
}

/**
 * A store that cannot be written (a read-only directory or file) as a configuration error
 * naming `storePath`, or undefined for any other error. Without it the relay exits 1 with
 * "attempt to write a readonly database" and no path, and systemd restarts it into the same
 * error again and again; exit code 78 stops that.
 */
export function storeAccessError(path: string, error: unknown): ConfigError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !NO_WRITE.test(code)) return undefined;
  const file = basename(path);
  return new ConfigError(
    `Invalid relay configuration:\n  storePath: cannot write the store ${path} (${code}): ` +
      `the directory ${dirname(path)} and the store file must be writable by the relay's user ` +
      `(this process runs as ${processUser()}), because SQLite writes ${file}-wal and ${file}-shm ` +
      `beside the file, and the relay ${file}.lock. Change the owner or mode (chown, chmod), ` +
      'or with systemd allow the directory (StateDirectory= or ReadWritePaths=).',
  );
}

/**
 * A file at `storePath` that is no SQLite database (a compressed backup, the configuration file
 * itself) as a configuration error naming `storePath`, or undefined for any other error.
 * SQLite says only "file is not a database", with no path; the relay exited 1, and systemd
 * restarted it into the same error.
 */
export function notAStoreError(path: string, error: unknown): ConfigError | undefined {
  if ((error as { code?: unknown } | null)?.code !== 'SQLITE_NOTADB') return undefined;
  return new ConfigError(
    `Invalid relay configuration:\n  storePath: ${path} is not an SQLite database (SQLITE_NOTADB): ` +
      "storePath must name the relay's store, or a file that does not exist yet for a new one. " +
      'A backup is restored as it was made (sqlite3 .backup), not compressed.',
  );
}

/**
 * A lock file (`<storePath>.lock`) this process may not read and write, typically left by a run
 * as another user (root), as a configuration error naming that file and how to give it back;
 * undefined when the lock file is not the cause (then the directory is, see
 * {@link storeAccessError}). Before, the message named only the directory, which may well be
 * writable.
 */
export function lockAccessError(lockPath: string, error: unknown): ConfigError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !NO_WRITE.test(code)) return undefined;
  let stat;
  try {
    stat = statSync(lockPath, { throwIfNoEntry: false });
  } catch {
    // Not even to be looked at (a directory the relay may not enter): the directory is the cause.
    return undefined;
  }
  if (!stat) return undefined;
  try {
    accessSync(lockPath, constants.R_OK | constants.W_OK);
    return undefined;
  } catch {
    // Not ours to read and write: the lock file is the cause.
  }
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  const name = userName();
  const ours = stat.uid === process.getuid?.();
  const fix =
    ours || name === undefined
      ? `chmod 600 ${lockPath}`
      : `as root, chown ${name} ${lockPath} and chmod 600 ${lockPath}`;
  return new ConfigError(
    `Invalid relay configuration:\n  storePath: cannot use the lock file ${lockPath} (${code}): ` +
      `it is owned by uid ${stat.uid} with mode ${mode}, and this process runs as ${processUser()}, ` +
      'which must be able to read and write it. A run of the relay as another user (such as ' +
      `root) leaves one behind. Give it to the relay's user: ${fix}. Such a run may have left ` +
      `the store and its -wal and -shm files the same: see ls -l ${dirname(lockPath)}.`,
  );
}
