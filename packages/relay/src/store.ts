import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { toPlainDate, type Receipt } from '@synpunkt/sdk';
import { ConfigError } from './config.js';
import {
  FIGURES_COLUMNS,
  FIGURES_FROM_BODY,
  figuresMigration,
  seriousMigration,
  type Figures,
} from './figures.js';
import { followUpClosingMigration, FollowUpStore, followUpMigration } from './follow-up-store.js';
import { nextReference } from './references.js';
import { notAStoreError, storeAccessError } from './store-access.js';
import { storeFullError } from './store-space.js';
import { damageCode, damagedStoreError } from './store-damage.js';

/**
 * Where one delivery (one submission to one target) stands. `closed`: an operator handled it by
 * hand (`outbox close`); it is done, like `delivered`, but was not delivered by the relay.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'quarantined' | 'closed';

/**
 * Where a submission stands as a whole: `delivered` once every delivery is, `closed` once every
 * delivery is delivered or closed and at least one was closed.
 */
export type SubmissionStatus = 'accepted' | 'quarantined' | 'delivered' | 'closed' | 'purged';

/** What the relay stores for a newly accepted submission. */
export interface NewSubmission {
  id: string;
  /** Canonical hash of the normalised submission: a retry with another body is a conflict. */
  hash: string;
  /** The normalised submission as JSON. */
  body: string;
  receivedAt: Date;
  /** Days to add for `replyBy`, computed by the caller; undefined when no reply is wanted. */
  replyBy?: string;
  /** Names of the targets it goes to. */
  targets: readonly string[];
  /** A filled honeypot: stored and answered as usual, but held back from delivery. */
  quarantined: boolean;
  /**
   * The proof-of-work challenge it was sent with, and when that expires (ms): spent in the same
   * transaction, refused (`challenge-spent`) when another submission spent it first.
   */
  challenge?: { challenge: string; expiresAt: number };
  /**
   * What the follow-up report counts (kind, area, channel…), kept after the content is purged.
   * Recorded unless `quarantined`: spam is counted only once an operator releases it.
   */
  figures: Figures;
}

/** The outcome of storing a submission. */
export type AcceptResult =
  | { outcome: 'created'; receipt: Receipt }
  | { outcome: 'replayed'; receipt: Receipt }
  | { outcome: 'conflict'; receipt: Receipt }
  /** Nothing stored: its proof-of-work challenge was spent by another submission. */
  | { outcome: 'challenge-spent' };

/** A delivery the worker may attempt now. */
export interface DueDelivery {
  submissionId: string;
  target: string;
  attempts: number;
  body: string;
  /** The reference on the sender's receipt, handed to the adapter. */
  reference: string;
  /** The reply-by day on the sender's receipt (`null`: no reply wanted), handed on too. */
  replyBy: string | null;
  /** When the relay accepted it (the receipt's `receivedAt`), handed on too. */
  receivedAt: string;
}

/** One line of `synpunkt-relay outbox list`. */
export interface OutboxEntry {
  submissionId: string;
  reference: string;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  receivedAt: string;
}

/** How many deliveries are in each state. */
export type QueueCounts = Record<DeliveryStatus, number>;

/**
 * Deliveries still open for a target that is not in the configuration (removed or renamed):
 * the worker never picks them up.
 */
export interface UnknownTarget {
  target: string;
  pending: number;
  dead: number;
  quarantined: number;
}

/** What `closeDeliveries` did. */
export type CloseResult =
  /** These targets' deliveries are closed now. */
  | { outcome: 'closed'; targets: string[] }
  /** No submission has this id or reference. */
  | { outcome: 'not-found' }
  /** The submission has no delivery to the target asked for. */
  | { outcome: 'no-delivery'; targets: string[] }
  /** Refused: the delivery asked for is delivered. */
  | { outcome: 'delivered' }
  /** The delivery asked for was closed before. */
  | { outcome: 'already-closed' }
  /** Without a target: every delivery is delivered or closed already. */
  | { outcome: 'nothing-open' }
  /** Without a target: nothing dead or quarantined; these targets are still being tried. */
  | { outcome: 'still-pending'; targets: string[] };

/** What `retryDelivery` did. */
export type RetryResult =
  /** The delivery is pending again, attempts from zero. */
  | { outcome: 'retried' }
  /** No submission has this id or reference. */
  | { outcome: 'not-found' }
  /** The submission has no delivery to the target asked for. */
  | { outcome: 'no-delivery'; targets: string[] }
  /** Refused: the delivery asked for is delivered. */
  | { outcome: 'delivered' }
  /** Left alone: the target is not in the configuration, so no relay would send it. */
  | { outcome: 'not-configured' }
  /**
   * Left alone: the submission is held back as possible spam, with deliveries to these other
   * targets too. A quarantine is the submission's: it is released as a whole, without a target.
   */
  | { outcome: 'held-back'; targets: string[] };

/** What `moveTarget` did. */
export interface MoveResult {
  /** Deliveries handed to the new target. */
  moved: number;
  /** References of submissions left on the old target: they already have a delivery for the new one. */
  skipped: string[];
}

const MIGRATIONS: readonly (string | ((db: Database.Database) => void))[] = [
  `CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     hash TEXT NOT NULL,
     body TEXT,
     received_at TEXT NOT NULL,
     reply_by TEXT,
     status TEXT NOT NULL,
     delivered_at INTEGER
   );
   CREATE INDEX submissions_delivered ON submissions (status, delivered_at);
   CREATE TABLE deliveries (
     submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
     target TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     last_error TEXT,
     remote_reference TEXT,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (submission_id, target)
   );
   CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
   CREATE TABLE reference_sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
   CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL);`,
  // Where /healthz tries a write that needs new space, after storing a submission failed.
  `CREATE TABLE health_space (filler BLOB NOT NULL);`,
  // Solved challenges, each good for one submission: kept until they expire (ms), so a restart
  // does not make them good again.
  `CREATE TABLE spent_challenges (
     challenge TEXT PRIMARY KEY,
     submission_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX spent_challenges_expiry ON spent_challenges (expires_at);`,
  // Deliveries may be `closed` by hand (`outbox close`), and a lock file keeps a second relay
  // away. Nothing to change in the tables: the version alone makes an older relay, which knows
  // neither, refuse this store instead of hiding closed rows and running beside a newer one.
  `SELECT 1;`,
  // The follow-up report's figures, kept apart from the content so that they outlive the purge.
  figuresMigration,
  // Who was asked whether the reply came in time, and what they answered.
  followUpMigration,
  // A closed question keeps only what the report counts: nothing that ties it to a person.
  followUpClosingMigration,
  // The figures say whether staff marked a complaint serious, so the report can count them.
  seriousMigration,
];

/** The schema version this relay writes: a store below it is brought up to date on opening. */
export const STORE_VERSION = MIGRATIONS.length;

interface SubmissionRow {
  id: string;
  reference: string;
  hash: string;
  received_at: string;
  reply_by: string | null;
}

/** Parameters for `(? IS NULL OR target IN (SELECT value FROM json_each(?)))`. */
function targetsFilter(targets: readonly string[] | undefined): [string | null, string | null] {
  const json = targets === undefined ? null : JSON.stringify(targets);
  return [json, json];
}

function receiptOf(row: SubmissionRow): Receipt {
  const receipt: Receipt = { id: row.id, reference: row.reference, receivedAt: row.received_at };
  if (row.reply_by !== null) receipt.replyBy = row.reply_by;
  return receipt;
}

/** How to open a store. */
export interface StoreOptions {
  /**
   * Refuse to create the file: for the `outbox` commands, which must read the relay's store,
   * never a new empty one.
   */
  mustExist?: boolean;
}

/**
 * Creates a new, empty store file readable by its owner only (0600), before SQLite opens it:
 * SQLite would create it 0644 under the usual umask, and it holds names, contact details and
 * messages. SQLite gives the `-wal` and `-shm` files the database file's mode. An existing file
 * is left as it is.
 */
export function createPrivately(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  closeSync(fd);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}

/**
 * Stops with a configuration error, not a crash, when the store's directory is missing:
 * systemd would restart into it again and again.
 */
export function checkStoreDirectory(path: string): void {
  if (path === ':memory:') return;
  const directory = dirname(path);
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError(
      `Invalid relay configuration:\n  storePath: the directory ${directory} does not exist (create it, writable by the relay, or correct storePath)`,
    );
  }
  // SQLite would say SQLITE_CANTOPEN, which reads as a matter of owners and modes. A file that
  // cannot even be looked at is left to the check of access that follows.
  if (isDirectory(path)) {
    throw new ConfigError(
      `Invalid relay configuration:\n  storePath: ${path} is a directory; name the store file in it, such as ${join(path, 'relay.db')}`,
    );
  }
}

/**
 * Opens (or creates) a store with the durability the relay promises: WAL, `synchronous=FULL`,
 * so a committed transaction survives a power cut. Brings the schema up to date through
 * `user_version`.
 */
export function openDatabase(path: string, options: StoreOptions = {}): Database.Database {
  checkStoreDirectory(path);
  if (options.mustExist && !existsSync(path)) {
    throw new ConfigError(
      `Invalid relay configuration:\n  storePath: the store ${path} does not exist (is this the configuration the relay runs with?)`,
    );
  }
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:' && !options.mustExist) createPrivately(path);
    db = new Database(path, { fileMustExist: options.mustExist === true });
    return prepareDatabase(db, path);
  } catch (error) {
    if (db?.open) db.close();
    throw (
      notAStoreError(path, error) ??
      damagedStoreError(path, error) ??
      storeAccessError(path, error) ??
      storeFullError(path, error) ??
      error
    );
  }
}

/** Sets up a freshly opened store (WAL, durability) and migrates its schema. */
function prepareDatabase(db: Database.Database, path: string): Database.Database {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Overwrite deleted content, so a purged message does not linger in free pages.
  db.pragma('secure_delete = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    // A configuration error (exit code 78): restarting the same release cannot help.
    throw new ConfigError(
      `Invalid relay configuration:\n  storePath: the store ${path} has schema version ${version}, newer than this relay knows (${MIGRATIONS.length}). Upgrade the relay, or restore the backup taken before the upgrade.`,
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      const migration = MIGRATIONS[next]!;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
  // A migration that makes a table again (version 7) leaves its old pages free in the file. A
  // new store starts without them, so a full disk shows at the first submission, not later.
  if (version === 0 && (db.pragma('freelist_count', { simple: true }) as number) > 0) {
    db.exec('VACUUM');
  }
  return db;
}

/** The relay's durable state: submissions, their deliveries, reference sequences. */
export class Store {
  readonly db: Database.Database;
  /** The follow-up questions: who was asked whether the reply came in time, and the answers. */
  readonly followUps: FollowUpStore;
  private readonly prefix: string;
  private readonly statements;
  /** Storing a submission failed, and none has been stored since: `writable()` says no. */
  private submissionWriteFailed = false;
  /** The SQLite code of the damage an operation found (see `noticeDamage`). */
  private damage: string | undefined;
  private readonly damageListeners: ((code: string) => void)[] = [];

  /** Opens the SQLite file at `path`; `prefix` starts every reference (`SYN`). */
  constructor(path: string, prefix = 'SYN', options: StoreOptions = {}) {
    this.db = openDatabase(path, options);
    this.prefix = prefix;
    const db = this.db;
    this.followUps = new FollowUpStore(db);
    this.statements = {
      byId: db.prepare(
        'SELECT id, reference, hash, received_at, reply_by FROM submissions WHERE id = ?',
      ),
      insertSubmission: db.prepare(
        `INSERT INTO submissions (id, reference, hash, body, received_at, reply_by, status)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFigures: db.prepare(
        `INSERT OR IGNORE INTO figures (${FIGURES_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      releaseFigures: db.prepare(
        `INSERT OR IGNORE INTO figures (${FIGURES_COLUMNS})
         SELECT id, ?, ${FIGURES_FROM_BODY} FROM submissions WHERE id = ? AND body IS NOT NULL`,
      ),
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (submission_id, target, status, next_attempt_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      due: db.prepare(
        `SELECT d.submission_id AS submissionId, d.target, d.attempts, s.body, s.reference,
                s.reply_by AS replyBy, s.received_at AS receivedAt
         FROM deliveries d JOIN submissions s ON s.id = d.submission_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ?
           AND d.target IN (SELECT value FROM json_each(?))
         ORDER BY d.next_attempt_at LIMIT ?`,
      ),
      delivered: db.prepare(
        `UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_error = NULL,
           remote_reference = ?, updated_at = ?
         WHERE submission_id = ? AND target = ? AND status IN ('pending', 'closed')`,
      ),
      undeliveredCount: db.prepare(
        `SELECT count(*) AS n FROM deliveries
         WHERE submission_id = ? AND status NOT IN ('delivered', 'closed')`,
      ),
      // Done: every delivery is delivered, or closed by hand. `delivered_at` is when, for retention.
      submissionDelivered: db.prepare(
        `UPDATE submissions
         SET status = CASE WHEN EXISTS (SELECT 1 FROM deliveries d
                                        WHERE d.submission_id = submissions.id AND d.status = 'closed')
                      THEN 'closed' ELSE 'delivered' END,
             delivered_at = ?
         WHERE id = ? AND status IN ('accepted', 'quarantined', 'closed')`,
      ),
      failed: db.prepare(
        `UPDATE deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?,
           last_error = ?, updated_at = ?
         WHERE submission_id = ? AND target = ? AND status = 'pending'`,
      ),
      counts: db.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status'),
      health: db.prepare(
        'INSERT INTO health (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
      ),
      healthRead: db.prepare('SELECT at FROM health WHERE id = 1'),
      spentBy: db.prepare('SELECT submission_id FROM spent_challenges WHERE challenge = ?'),
      spend: db.prepare(
        'INSERT INTO spent_challenges (challenge, submission_id, expires_at) VALUES (?, ?, ?)',
      ),
    };
  }

  /**
   * Stores a submission with one pending delivery per target, and its reference, in one
   * transaction; when this returns, the row is on disk. A second call with the same id returns
   * the first receipt: `replayed` for the same hash, `conflict` for another body.
   */
  accept(submission: NewSubmission): AcceptResult {
    return this.acceptMany([submission])[0]!;
  }

  /**
   * Stores several submissions in one transaction (one fsync for all: the group commit that
   * keeps the relay fast under load). Results are in the order given.
   */
  acceptMany(submissions: readonly NewSubmission[]): AcceptResult[] {
    const s = this.statements;
    let results: AcceptResult[];
    try {
      results = this.storeMany(s, submissions);
    } catch (error) {
      this.submissionWriteFailed = true;
      this.noticeDamage(error);
      throw error;
    }
    if (results.some((r) => r.outcome === 'created')) this.submissionWriteFailed = false;
    return results;
  }

  private storeMany(
    s: typeof this.statements,
    submissions: readonly NewSubmission[],
  ): AcceptResult[] {
    return this.db.transaction(() =>
      submissions.map((item): AcceptResult => {
        const existing = s.byId.get(item.id) as SubmissionRow | undefined;
        if (existing) {
          return {
            outcome: existing.hash === item.hash ? 'replayed' : 'conflict',
            receipt: receiptOf(existing),
          };
        }
        if (item.challenge) {
          const spent = s.spentBy.get(item.challenge.challenge) as
            { submission_id: string } | undefined;
          if (spent && spent.submission_id !== item.id) return { outcome: 'challenge-spent' };
          if (!spent) s.spend.run(item.challenge.challenge, item.id, item.challenge.expiresAt);
        }
        const reference = nextReference(this.db, this.prefix, item.receivedAt);
        const receivedAt = item.receivedAt.toISOString();
        const status = item.quarantined ? 'quarantined' : 'accepted';
        s.insertSubmission.run(
          item.id,
          reference,
          item.hash,
          item.body,
          receivedAt,
          item.replyBy ?? null,
          status,
        );
        if (!item.quarantined) {
          const f = item.figures;
          s.insertFigures.run(
            item.id,
            toPlainDate(item.receivedAt),
            f.kind,
            f.area,
            f.channel,
            f.mode,
            f.reply,
            f.serious ? 1 : 0,
          );
        }
        const now = item.receivedAt.getTime();
        const deliveryStatus: DeliveryStatus = item.quarantined ? 'quarantined' : 'pending';
        for (const target of item.targets) {
          s.insertDelivery.run(item.id, target, deliveryStatus, now, now);
        }
        const row: SubmissionRow = {
          id: item.id,
          reference,
          hash: item.hash,
          received_at: receivedAt,
          reply_by: item.replyBy ?? null,
        };
        return { outcome: 'created', receipt: receiptOf(row) };
      }),
    )();
  }

  /** The receipt of a stored submission, if there is one. */
  receipt(id: string): Receipt | undefined {
    const row = this.statements.byId.get(id) as SubmissionRow | undefined;
    return row && receiptOf(row);
  }

  /** The stored hash of a submission, if there is one. */
  hashOf(id: string): string | undefined {
    return (this.statements.byId.get(id) as SubmissionRow | undefined)?.hash;
  }

  /**
   * Pending deliveries whose time has come, oldest first, for the targets named in
   * `targetsJson` (a JSON array: deliveries to a target no longer configured wait in the outbox).
   */
  due(now: number, targetsJson: string, limit: number): DueDelivery[] {
    return this.statements.due.all(now, targetsJson, limit) as DueDelivery[];
  }

  /**
   * Records a successful delivery; the submission is `delivered` once every target has it (or
   * `closed`, when an operator closed one of them). A delivery closed by hand while this attempt
   * was in flight is recorded as delivered: it was. Returns false when there was no such
   * delivery to record (moved to another target meanwhile).
   */
  markDelivered(
    submissionId: string,
    target: string,
    remoteReference: string,
    now: number,
  ): boolean {
    const s = this.statements;
    return this.db.transaction(() => {
      const recorded = s.delivered.run(remoteReference, now, submissionId, target).changes > 0;
      const { n } = s.undeliveredCount.get(submissionId) as { n: number };
      if (n === 0) s.submissionDelivered.run(now, submissionId);
      return recorded;
    })();
  }

  /** Records a failed attempt: `pending` again at `nextAttemptAt`, or `dead`. */
  markFailed(
    submissionId: string,
    target: string,
    outcome: { dead: boolean; nextAttemptAt: number; error: string },
    now: number,
  ): void {
    this.statements.failed.run(
      outcome.dead ? 'dead' : 'pending',
      outcome.nextAttemptAt,
      outcome.error,
      now,
      submissionId,
      target,
    );
  }

  /** How many deliveries are pending, delivered, dead, quarantined and closed. */
  counts(): QueueCounts {
    const counts: QueueCounts = { pending: 0, delivered: 0, dead: 0, quarantined: 0, closed: 0 };
    for (const row of this.statements.counts.all() as { status: DeliveryStatus; n: number }[]) {
      counts[row.status] = row.n;
    }
    return counts;
  }

  /**
   * Deliveries that are not delivered: pending, dead, quarantined, and closed ones until their
   * submission is purged (or the given statuses).
   */
  list(
    statuses: readonly DeliveryStatus[] = ['pending', 'dead', 'quarantined', 'closed'],
  ): OutboxEntry[] {
    const marks = statuses.map(() => '?').join(', ');
    return this.db
      .prepare(
        `SELECT d.submission_id AS submissionId, s.reference, d.target, d.status, d.attempts,
           d.next_attempt_at AS next, d.last_error AS lastError, s.received_at AS receivedAt
         FROM deliveries d JOIN submissions s ON s.id = d.submission_id
         WHERE d.status IN (${marks})
         ORDER BY s.received_at, d.target`,
      )
      .all(...statuses)
      .map((row) => {
        const { next, ...rest } = row as Omit<OutboxEntry, 'nextAttemptAt'> & { next: number };
        return { ...rest, nextAttemptAt: new Date(next).toISOString() };
      });
  }

  /** The id of the submission with this id or reference, if there is one. */
  submissionId(idOrReference: string): string | undefined {
    const row = this.db
      .prepare('SELECT id FROM submissions WHERE id = ? OR reference = ?')
      .get(idOrReference, idOrReference) as { id: string } | undefined;
    return row?.id;
  }

  /**
   * Sends a submission's open deliveries again (dead, quarantined, closed, and pending ones
   * from the first attempt, without waiting for their backoff). Takes the
   * submission id or its reference. With `targets`, only deliveries to those targets (the
   * configured ones: a delivery to another target would wait for ever). Returns how many
   * deliveries were released.
   */
  retry(idOrReference: string, now = Date.now(), targets?: readonly string[]): number {
    return this.db.transaction(() => {
      const id = this.submissionId(idOrReference);
      if (id === undefined) return 0;
      const released = this.db
        .prepare(
          `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
           WHERE submission_id = ? AND status IN ('dead', 'quarantined', 'pending', 'closed')
             AND (? IS NULL OR target IN (SELECT value FROM json_each(?)))`,
        )
        .run(now, now, id, ...targetsFilter(targets)).changes;
      if (released > 0) {
        // A released quarantine was a real synpunkt after all: it counts from now on.
        this.countReleased(id);
        // Open again (a close undone, a quarantine released): not done, so never purged.
        this.db
          .prepare(
            `UPDATE submissions SET status = 'accepted', delivered_at = NULL
             WHERE id = ? AND status IN ('quarantined', 'closed', 'delivered')`,
          )
          .run(id);
      }
      return released;
    })();
  }

  /**
   * Records the figures of a submission held back as spam that an operator released or closed
   * by hand (dealt with another way): a real synpunkt after all. Counted once; a submission
   * already counted is left as it is.
   */
  private countReleased(id: string): void {
    const { received_at: receivedAt } = this.db
      .prepare('SELECT received_at FROM submissions WHERE id = ?')
      .get(id) as { received_at: string };
    this.statements.releaseFigures.run(toPlainDate(new Date(receivedAt)), id);
  }

  /**
   * Sends one delivery of a submission again (`outbox retry <id> --target <name>`): dead,
   * quarantined, closed or pending, attempts from zero. The submission's other deliveries are
   * left as they are. A delivered delivery is refused, and so is one to a target not among
   * `configured` (no relay would send it), and a quarantined one while others of the
   * submission are quarantined too (a quarantine is released as a whole).
   */
  retryDelivery(
    idOrReference: string,
    target: string,
    configured: readonly string[],
    now = Date.now(),
  ): RetryResult {
    return this.db.transaction((): RetryResult => {
      const id = this.submissionId(idOrReference);
      if (id === undefined) return { outcome: 'not-found' };
      const rows = this.db
        .prepare('SELECT target, status FROM deliveries WHERE submission_id = ? ORDER BY target')
        .all(id) as { target: string; status: DeliveryStatus }[];
      const row = rows.find((r) => r.target === target);
      if (!row) return { outcome: 'no-delivery', targets: rows.map((r) => r.target) };
      if (row.status === 'delivered') return { outcome: 'delivered' };
      if (!configured.includes(target)) return { outcome: 'not-configured' };
      // Released for one target only, the submission would count as real while its other
      // deliveries stayed held back, and neither purge would ever take its content.
      const othersHeld = rows.filter((r) => r.target !== target && r.status === 'quarantined');
      if (row.status === 'quarantined' && othersHeld.length > 0) {
        return { outcome: 'held-back', targets: othersHeld.map((r) => r.target) };
      }
      this.retry(id, now, [target]);
      return { outcome: 'retried' };
    })();
  }

  /**
   * Sends every dead delivery again (with `targets`, only those to these targets). Quarantined
   * ones stay: release those one by one.
   */
  retryAllDead(now = Date.now(), targets?: readonly string[]): number {
    return this.db
      .prepare(
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
         WHERE status = 'dead' AND (? IS NULL OR target IN (SELECT value FROM json_each(?)))`,
      )
      .run(now, now, ...targetsFilter(targets)).changes;
  }

  /**
   * Open deliveries (pending, dead, quarantined) to targets not among `configured`, by target;
   * only those of one submission when `submissionId` is given.
   */
  unknownTargets(configured: readonly string[], submissionId?: string): UnknownTarget[] {
    const rows = this.db
      .prepare(
        `SELECT target, status, count(*) AS n FROM deliveries
         WHERE status IN ('pending', 'dead', 'quarantined')
           AND target NOT IN (SELECT value FROM json_each(?))
           AND (? IS NULL OR submission_id = ?)
         GROUP BY target, status ORDER BY target`,
      )
      .all(JSON.stringify(configured), submissionId ?? null, submissionId ?? null) as {
      target: string;
      status: 'pending' | 'dead' | 'quarantined';
      n: number;
    }[];
    const byTarget = new Map<string, UnknownTarget>();
    for (const { target, status, n } of rows) {
      let entry = byTarget.get(target);
      if (!entry) {
        entry = { target, pending: 0, dead: 0, quarantined: 0 };
        byTarget.set(target, entry);
      }
      entry[status] = n;
    }
    return [...byTarget.values()];
  }

  /**
   * Marks a submission's dead and quarantined deliveries, or with `target` that one delivery
   * (pending too), as handled by hand: `closed`. Without a target a pending delivery is left
   * alone: it is still being tried, and closing it would take it from a working target.
   * `retry` opens a closed delivery again. They are not attempted again, and once every delivery
   * of the submission is delivered or closed, retention purges it like a delivered one. A
   * delivered delivery is refused: it needs no closing. A quarantined one closed is a synpunkt
   * dealt with by hand, so the follow-up report counts it, as a released one.
   */
  closeDeliveries(idOrReference: string, target?: string, now = Date.now()): CloseResult {
    return this.db.transaction((): CloseResult => {
      const id = this.submissionId(idOrReference);
      if (id === undefined) return { outcome: 'not-found' };
      const rows = this.db
        .prepare('SELECT target, status FROM deliveries WHERE submission_id = ? ORDER BY target')
        .all(id) as { target: string; status: DeliveryStatus }[];
      const open = rows.filter((row) =>
        target === undefined
          ? row.status === 'dead' || row.status === 'quarantined'
          : row.target === target &&
            (row.status === 'pending' || row.status === 'dead' || row.status === 'quarantined'),
      );
      if (target !== undefined) {
        const row = rows.find((r) => r.target === target);
        if (!row) return { outcome: 'no-delivery', targets: rows.map((r) => r.target) };
        if (row.status === 'delivered') return { outcome: 'delivered' };
        if (row.status === 'closed') return { outcome: 'already-closed' };
      }
      if (open.length === 0) {
        const pending = rows.filter((row) => row.status === 'pending').map((row) => row.target);
        return pending.length > 0
          ? { outcome: 'still-pending', targets: pending }
          : { outcome: 'nothing-open' };
      }
      const closeOne = this.db.prepare(
        `UPDATE deliveries SET status = 'closed', updated_at = ? WHERE submission_id = ? AND target = ?`,
      );
      for (const row of open) closeOne.run(now, id, row.target);
      if (open.some((row) => row.status === 'quarantined')) this.countReleased(id);
      const { n } = this.statements.undeliveredCount.get(id) as { n: number };
      if (n === 0) this.statements.submissionDelivered.run(now, id);
      return { outcome: 'closed', targets: open.map((row) => row.target) };
    })();
  }

  /**
   * Hands the open deliveries of target `from` (removed or renamed in the configuration) to
   * target `to`: pending and dead ones become pending with attempts from zero, quarantined ones
   * stay quarantined. A submission that already has a delivery for `to` is left as it is.
   */
  moveTarget(from: string, to: string, now = Date.now()): MoveResult {
    return this.db.transaction(() => {
      const moved = this.db
        .prepare(
          `UPDATE deliveries
           SET target = ?, attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ?,
               status = CASE status WHEN 'quarantined' THEN 'quarantined' ELSE 'pending' END
           WHERE target = ? AND status IN ('pending', 'dead', 'quarantined')
             AND NOT EXISTS (SELECT 1 FROM deliveries other
                             WHERE other.submission_id = deliveries.submission_id
                               AND other.target = ?)`,
        )
        .run(to, now, now, from, to).changes;
      const skipped = this.db
        .prepare(
          `SELECT s.reference FROM deliveries d JOIN submissions s ON s.id = d.submission_id
           WHERE d.target = ? AND d.status IN ('pending', 'dead', 'quarantined')
           ORDER BY s.received_at`,
        )
        .all(from) as { reference: string }[];
      return { moved, skipped: skipped.map((row) => row.reference) };
    })();
  }

  /**
   * Data minimisation: removes the content of submissions every target had (or an operator
   * closed) before `before` (ms). The receipt (id, reference, dates, hash) stays, so a late retry still gets its
   * receipt rather than creating a second case. Returns how many were purged.
   */
  purgeDelivered(before: number): number {
    return this.purge(
      `SELECT id FROM submissions WHERE status IN ('delivered', 'closed') AND delivered_at < ?
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = submissions.id
                       AND d.status NOT IN ('delivered', 'closed'))`,
      before,
    );
  }

  /**
   * Data minimisation for the honeypot's catch: removes the content of submissions received
   * before `before` (ms) that are still quarantined (never released with `outbox retry`). What
   * a bot typed into the form may be someone's name and address; nobody looked at it within
   * the retention time, so it goes. The receipt stays, as for a delivered submission. Returns
   * how many were purged.
   */
  purgeQuarantined(before: number): number {
    return this.purge(
      `SELECT id FROM submissions WHERE status = 'quarantined' AND received_at < ?
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = submissions.id
                       AND d.status NOT IN ('quarantined', 'closed'))`,
      new Date(before).toISOString(),
    );
  }

  /** Removes the content and deliveries of the submissions `select` finds; keeps the receipt. */
  private purge(select: string, before: number | string): number {
    return this.purgeWith(() =>
      (this.db.prepare(select).all(before) as { id: string }[]).map((row) => row.id),
    );
  }

  /**
   * Removes the content (message, contact details, files) and the deliveries of these
   * submissions now, whatever their state: open deliveries are never made. The receipt (id,
   * reference, dates, hash) and the follow-up figures stay. For erasure on a data subject's
   * request (`synpunkt-relay person erase`). Returns how many were purged.
   */
  purgeSubmissions(ids: readonly string[]): number {
    return this.purgeWith(() => ids);
  }

  /** Purges the submissions `find` names, found in the same transaction; then checkpoints. */
  private purgeWith(find: () => readonly string[]): number {
    const purged = this.db.transaction(() => {
      const ids = find();
      const purge = this.db.prepare(
        `UPDATE submissions SET body = NULL, status = 'purged' WHERE id = ?`,
      );
      const drop = this.db.prepare('DELETE FROM deliveries WHERE submission_id = ?');
      for (const id of ids) {
        drop.run(id);
        purge.run(id);
      }
      return ids.length;
    })();
    // Until a checkpoint, the old pages (with the text) are still in the main file and the
    // WAL. TRUNCATE copies the overwritten pages into the file (secure_delete) and empties the
    // WAL. A reader in the middle of a transaction can keep it from finishing; the next purge,
    // or SQLite's own checkpoints, complete it.
    if (purged > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return purged;
  }

  /**
   * Closes the follow-up questions asked at or before `askedBefore` (ms) about a promised day
   * before `replyByBefore`: their rows lose the submission id, the reference and the key's hash
   * (see `FollowUpStore.close`), overwritten and checkpointed out of the WAL like purged content.
   * Returns how many were closed.
   */
  closeFollowUps(askedBefore: number, replyByBefore: string): number {
    const closed = this.followUps.close(askedBefore, replyByBefore);
    if (closed > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return closed;
  }

  /**
   * Unties the follow-up questions about these submissions from them now (erasure on a data
   * subject's request): the answer stays in the report, nobody can tell whose it was. Returns
   * how many.
   */
  forgetFollowUps(ids: readonly string[]): number {
    const forgotten = this.db.transaction(() => this.followUps.forget(ids))();
    if (forgotten > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return forgotten;
  }

  /** Forgets spent challenges that expired before `now` (ms): they are refused as expired. */
  forgetSpentChallenges(now: number): number {
    return this.db.prepare('DELETE FROM spent_challenges WHERE expires_at < ?').run(now).changes;
  }

  /**
   * True when the store takes writes: a row can be written and read back, and, if storing a
   * submission failed since the last one was stored, the store can grow again. The row probe
   * alone is not enough: it updates a row in place, which still works on a full disk that
   * refuses every new submission.
   */
  writable(): boolean {
    if (this.damage !== undefined) return false;
    if (this.submissionWriteFailed && !this.spaceAgain()) return false;
    try {
      const now = Date.now();
      this.statements.health.run(now);
      const row = this.statements.healthRead.get() as { at: number } | undefined;
      return row?.at === now;
    } catch (error) {
      this.noticeDamage(error);
      return false;
    }
  }

  /**
   * Reads every page of the store and its indexes (`PRAGMA quick_check`) and returns what is
   * wrong (at most 10 lines), nothing when the file is sound, or the error of a store too damaged
   * to be checked. It marks nothing: see `noticeDamage`. A 1 GB store takes about half a second
   * when the file is in the page cache, 2.5 s when it is read from disk.
   */
  quickCheck(): string[] {
    try {
      const rows = this.db.pragma('quick_check(10)') as { quick_check: string }[];
      return rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    } catch (error) {
      const code = damageCode(error);
      if (code === undefined) throw error;
      return [`${code}: ${(error as Error).message}`];
    }
  }

  /**
   * The SQLite code (`SQLITE_CORRUPT`) once an operation found the file damaged, until the relay
   * restarts; undefined while none has. A damaged store may lose what is written to it when it
   * is restored, so the relay takes no submissions then and `/healthz` says so.
   */
  get damaged(): string | undefined {
    return this.damage;
  }

  /** Calls `listener` with the code the first time an operation finds the store damaged. */
  onDamage(listener: (code: string) => void): void {
    this.damageListeners.push(listener);
  }

  /**
   * Whether `error` says the store's file is damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`); the
   * first such error marks the store damaged and tells the `onDamage` listeners.
   */
  noticeDamage(error: unknown): boolean {
    const code = damageCode(error);
    if (code === undefined) return false;
    if (this.damage === undefined) {
      this.damage = code;
      for (const listener of this.damageListeners) listener(code);
    }
    return true;
  }

  /**
   * After a failed submission: whether the store can grow again, by writing (and at once
   * removing) a row the size of a large submission. Health must be able to recover without a
   * POST, or a load balancer that routes away from an unhealthy relay would keep it so forever.
   */
  private spaceAgain(): boolean {
    try {
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO health_space (filler) VALUES (zeroblob(65536))').run();
        this.db.prepare('DELETE FROM health_space').run();
      })();
      this.submissionWriteFailed = false;
      return true;
    } catch (error) {
      this.noticeDamage(error);
      return false;
    }
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
