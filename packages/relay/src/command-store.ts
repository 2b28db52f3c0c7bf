import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { RelayConfig } from './config.js';
import { lockStoreNow, StoreInUseError } from './store-lock.js';
import { Store, STORE_VERSION } from './store.js';

/** The store's schema version, read without changing anything; undefined when unreadable. */
function versionOf(path: string): number | undefined {
  if (path === ':memory:' || !existsSync(path)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    // Opening it properly says what is wrong (access, a full disk) and names it.
    return undefined;
  } finally {
    db?.close();
  }
}

/**
 * Opens the relay's store for an `outbox` or `report` command, which must read the relay's
 * store, never a new one. Opening brings an older store up to date; with an older relay still
 * serving it (installed the new version, not restarted yet), that relay would go on writing
 * the old way into the new schema (no follow-up figures, for one), so the command refuses
 * (exit 75) until the relay is restarted.
 */
export function openCommandStore(config: RelayConfig): Store {
  const open = () => new Store(config.storePath, config.referencePrefix, { mustExist: true });
  const version = versionOf(config.storePath);
  if (version === undefined || version >= STORE_VERSION) return open();
  const lock = lockStoreNow(config.storePath);
  if (!lock) {
    throw new StoreInUseError(
      `The store ${config.storePath} is schema version ${version}, and the relay serving it is older than this synpunkt-relay (which brings it to version ${STORE_VERSION}). ` +
        'Restart the relay with the new version first (it brings the store up to date), then run the command again.',
    );
  }
  try {
    return open();
  } finally {
    lock.release();
  }
}
