import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { ConfigError } from './config.js';

/** Error codes of a store (or its directory) this process may not write. */
const NO_WRITE = /^(EACCES|EPERM|EROFS|SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM)/;

/** Who this process runs as, for a message: `synpunkt, uid 998`. */
function processUser(): string {
  const uid = process.getuid?.();
  try {
    const name = userInfo().username;
    return uid === undefined ? name : `${name}, uid ${uid}`;
  } catch {
    return uid === undefined ? 'unknown' : `uid ${uid}`;
  }
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
