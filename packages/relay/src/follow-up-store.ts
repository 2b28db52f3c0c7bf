import type { FollowUpLanguage } from '@synpunkt/adapters/email';
import type Database from 'better-sqlite3';

/** Days a question can be answered after it is sent, unless `followUp.answerDays` says otherwise. */
export const DEFAULT_ANSWER_DAYS = 30;

/** What a sender answered: the reply came by the promised day, or it did not. */
export type FollowUpAnswer = 'kept' | 'not-kept';

/**
 * Schema version 6: one row per sender asked. It holds no name, address or text (the key in
 * the link only as a hash), so like the figures it is kept after the content is purged.
 */
export const followUpMigration = `CREATE TABLE follow_ups (
   submission_id TEXT PRIMARY KEY,
   token_hash TEXT UNIQUE,
   reference TEXT NOT NULL,
   received_on TEXT NOT NULL,
   reply_by TEXT NOT NULL,
   language TEXT NOT NULL,
   status TEXT NOT NULL,
   asked_at INTEGER NOT NULL,
   answer TEXT,
   answered_at INTEGER
 );
 CREATE INDEX follow_ups_received_on ON follow_ups (received_on);`;

/**
 * Schema version 7: once a question is closed, its row keeps only what the report counts (the
 * days, the language, the answer), so the submission id, the reference and the key's hash may
 * be NULL. SQLite cannot drop NOT NULL or a primary key in place: the table is made again, with
 * every row as it was.
 */
export const followUpClosingMigration = `CREATE TABLE follow_ups_v7 (
   id INTEGER PRIMARY KEY,
   submission_id TEXT UNIQUE,
   token_hash TEXT UNIQUE,
   reference TEXT,
   received_on TEXT NOT NULL,
   reply_by TEXT NOT NULL,
   language TEXT NOT NULL,
   status TEXT NOT NULL,
   asked_at INTEGER NOT NULL,
   answer TEXT,
   answered_at INTEGER
 );
 INSERT INTO follow_ups_v7 (submission_id, token_hash, reference, received_on, reply_by,
                            language, status, asked_at, answer, answered_at)
   SELECT submission_id, token_hash, reference, received_on, reply_by, language, status,
          asked_at, answer, answered_at
   FROM follow_ups ORDER BY asked_at, submission_id;
 DROP TABLE follow_ups;
 ALTER TABLE follow_ups_v7 RENAME TO follow_ups;
 CREATE INDEX follow_ups_received_on ON follow_ups (received_on);
 CREATE INDEX follow_ups_asked_at ON follow_ups (asked_at) WHERE submission_id IS NOT NULL;`;

/** A sender who was promised an e-mail reply by a day that has passed, and was not asked yet. */
export interface FollowUpCandidate {
  id: string;
  reference: string;
  receivedAt: string;
  replyBy: string;
  email: string;
  locale: string;
  mode: string;
}

/** What the answer page shows for a link. */
export interface FollowUpRecord {
  reference: string;
  /** When the question was sent (ms): it can be answered for `followUp.answerDays` after. */
  askedAt: number;
  replyBy: string;
  language: FollowUpLanguage;
  answer: FollowUpAnswer | null;
}

/** How many were asked about synpunkter received in a period, and what they answered. */
export interface FollowUpCounts {
  /** Senders the question reached. */
  asked: number;
  /** Answered: the reply came in time. */
  kept: number;
  /** Answered: it did not. */
  notKept: number;
}

/** The follow-up questions in the relay's store. */
export class FollowUpStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      candidates: db.prepare(
        // Led by the figures (small rows that say who wanted an e-mail reply) and the questions
        // already sent: a submission's own row holds its files, which SQLite reads through to
        // get at the columns after them, so only the few left are read.
        `SELECT s.id, s.reference, s.received_at AS receivedAt, s.reply_by AS replyBy,
                json_extract(s.body, '$.reply.email') AS email,
                json_extract(s.body, '$.locale') AS locale, json_extract(s.body, '$.mode') AS mode
         FROM figures f CROSS JOIN submissions s ON s.id = f.submission_id
         WHERE f.reply = 'email'
           AND NOT EXISTS (SELECT 1 FROM follow_ups u WHERE u.submission_id = f.submission_id)
           AND s.body IS NOT NULL AND s.reply_by >= ? AND s.reply_by < ?
           AND s.status IN ('delivered', 'closed')
           AND json_extract(s.body, '$.reply.email') IS NOT NULL
         ORDER BY s.reply_by, s.received_at LIMIT ?`,
      ),
      record: db.prepare(
        `INSERT OR IGNORE INTO follow_ups
           (submission_id, token_hash, reference, received_on, reply_by, language, status, asked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byToken: db.prepare(
        `SELECT reference, asked_at AS askedAt, reply_by AS replyBy, language, answer
         FROM follow_ups WHERE token_hash = ? AND status = 'asked'`,
      ),
      answer: db.prepare(
        `UPDATE follow_ups SET answer = ?, answered_at = ?
         WHERE token_hash = ? AND status = 'asked' AND asked_at > ?`,
      ),
      close: db.prepare(
        `UPDATE follow_ups SET submission_id = NULL, reference = NULL, token_hash = NULL
         WHERE submission_id IS NOT NULL AND asked_at <= ? AND reply_by < ?`,
      ),
      forget: db.prepare(
        `UPDATE follow_ups SET submission_id = NULL, reference = NULL, token_hash = NULL
         WHERE submission_id = ?`,
      ),
      owed: db.prepare(
        `SELECT count(*) AS senders, max(s.reply_by) AS lastReplyBy
         FROM figures f CROSS JOIN submissions s ON s.id = f.submission_id
         WHERE f.reply = 'email' AND f.received_on BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM follow_ups u WHERE u.submission_id = f.submission_id)
           AND s.body IS NOT NULL AND s.reply_by >= ?`,
      ),
      counts: db.prepare(
        `SELECT count(*) AS asked,
                coalesce(sum(answer = 'kept'), 0) AS kept,
                coalesce(sum(answer = 'not-kept'), 0) AS notKept
         FROM follow_ups WHERE status = 'asked' AND received_on BETWEEN ? AND ?`,
      ),
    };
  }

  /**
   * Senders to ask: they wanted an e-mail reply by a day from `from` up to the day before
   * `before` (both `YYYY-MM-DD`), their synpunkt reached every target, its content is still
   * held, and nobody asked them yet.
   */
  candidates(from: string, before: string, limit: number): FollowUpCandidate[] {
    return this.statements.candidates.all(from, before, limit) as FollowUpCandidate[];
  }

  /**
   * Records that the question was sent (`asked`, with the hash of the link's key) or could
   * never be (`undeliverable`: the address was refused): either way, nobody asks again.
   */
  record(
    candidate: FollowUpCandidate,
    outcome:
      { status: 'asked'; tokenHash: string } | { status: 'undeliverable'; tokenHash?: undefined },
    receivedOn: string,
    language: FollowUpLanguage,
    now: number,
  ): void {
    this.statements.record.run(
      candidate.id,
      outcome.tokenHash ?? null,
      candidate.reference,
      receivedOn,
      candidate.replyBy,
      language,
      outcome.status,
      now,
    );
  }

  /** The question a link's key (as its hash) belongs to, or undefined for an unknown key. */
  byToken(tokenHash: string): FollowUpRecord | undefined {
    return this.statements.byToken.get(tokenHash) as FollowUpRecord | undefined;
  }

  /**
   * Records (or changes) an answer; with `askedAfter` (ms) only to a question asked after it:
   * one asked earlier is closed (the answer page passes `now - answerDays`). False for an
   * unknown key or a closed question: nothing is recorded.
   */
  answer(tokenHash: string, answer: FollowUpAnswer, now: number, askedAfter = -Infinity): boolean {
    return this.statements.answer.run(answer, now, tokenHash, askedAfter).changes > 0;
  }

  /**
   * Closes the questions asked at or before `askedBefore` (ms) about a promised day before
   * `replyByBefore` (`YYYY-MM-DD`, the first day a sweep may still ask about, so none is asked
   * twice): their rows keep the days, the language and the answer, which the report counts,
   * and lose the submission id, the reference and the key's hash, which tie them to a person.
   * Returns how many were closed.
   */
  close(askedBefore: number, replyByBefore: string): number {
    return this.statements.close.run(askedBefore, replyByBefore).changes;
  }

  /**
   * Unties the questions about these submissions from them now, as `close` does later: for
   * erasure on a data subject's request. Their links stop working. Returns how many.
   */
  forget(submissionIds: readonly string[]): number {
    let forgotten = 0;
    for (const id of submissionIds) forgotten += this.statements.forget.run(id).changes;
    return forgotten;
  }

  /**
   * Senders of synpunkter received from `from` to `to` who are still to be asked: they wanted
   * an e-mail reply promised by `earliest` or later, and have not been asked.
   */
  owed(
    from: string,
    to: string,
    earliest: string,
  ): { senders: number; lastReplyBy: string | null } {
    return this.statements.owed.get(from, to, earliest) as {
      senders: number;
      lastReplyBy: string | null;
    };
  }

  /** The questions about synpunkter received from `from` to `to` (Swedish days, inclusive). */
  counts(from: string, to: string): FollowUpCounts {
    return this.statements.counts.get(from, to) as FollowUpCounts;
  }
}
