import { ConfigError } from './config.js';

/**
 * SQLite's codes for a store whose file is damaged: pages overwritten or cut off (a failing
 * disk, a copy taken while the relay ran, a file restored half-way). `SQLITE_CORRUPT` has
 * extended forms (`SQLITE_CORRUPT_INDEX`, …); `SQLITE_NOTADB` once the first page is gone.
 */
const DAMAGE = /^SQLITE_(CORRUPT|NOTADB)(_[A-Z]+)?$/;

/** Where the operator reads what to do. */
export const DAMAGED_STORE_HELP =
  'the section "A damaged store" in docs/relay-in-production.md (restore the last backup)';

/** The SQLite code when `error` says the store's file is damaged, else undefined. */
export function damageCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DAMAGE.test(code) ? code : undefined;
}

/** What to do about a damaged store at `path`, for the log line and for the message at start. */
export function damagedStoreFix(path: string): string {
  return (
    `stop the relay, move ${path} and its -wal and -shm files aside, and restore the last ` +
    `backup in its place; see ${DAMAGED_STORE_HELP}`
  );
}

/**
 * A store found damaged while it is opened (its schema or first pages overwritten) as an error
 * that names `storePath` and what to do, or undefined for any other error. A configuration
 * error, so the command line exits 78: starting again on the same file cannot help (before, it
 * exited 1 with "database disk image is malformed", and systemd restarted it into that again).
 */
export function damagedStoreError(path: string, error: unknown): ConfigError | undefined {
  const code = damageCode(error);
  if (code === undefined || code === 'SQLITE_NOTADB') return undefined;
  return new ConfigError(
    `The store is damaged (storePath: ${path}, ${code}): SQLite cannot read parts of it. ` +
      `To go on, ${damagedStoreFix(path)}.`,
  );
}
