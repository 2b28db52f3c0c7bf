import type Database from 'better-sqlite3';
import { toE164, type Submission } from '@synpunkt/sdk';
import type { DeliveryStatus, SubmissionStatus } from './store.js';

/**
 * Whom a data subject's request is about: the e-mail address or phone number they gave for the
 * reply, or the reference (or submission id) on their receipt, the only way to find what an
 * anonymous sender wrote.
 */
export type Person =
  | { by: 'email'; email: string }
  | { by: 'phone'; phone: string }
  | { by: 'reference'; reference: string };

/**
 * What `person show|erase` was given, read as an e-mail address (it has an `@`), a reference
 * or submission id (it names a stored one), or a phone number (in any way of writing it the
 * form takes). Undefined when it is none of them.
 */
export function personOf(db: Database.Database, input: string): Person | undefined {
  const given = input.trim();
  if (given === '') return undefined;
  if (given.includes('@')) return { by: 'email', email: given };
  const known = db
    .prepare('SELECT 1 FROM submissions WHERE id = lower(?) OR id = ? OR reference = upper(?)')
    .get(given, given, given);
  if (known) return { by: 'reference', reference: given };
  const phone = toE164(given);
  return phone === undefined ? undefined : { by: 'phone', phone };
}

/** One submission the store holds about a person: all of it, for a registerutdrag. */
export interface PersonRecord {
  id: string;
  reference: string;
  receivedAt: string;
  /** `purged`: only the receipt is left. */
  status: SubmissionStatus;
  /** The reply-by day on the receipt, when a reply was wanted. */
  replyBy: string | null;
  /** Each target, whether it has it, and the number the target gave it. */
  deliveries: { target: string; status: DeliveryStatus; remoteReference: string | null }[];
  /** The submission as stored, files included; null once purged. */
  submission: Submission | null;
  /**
   * Their answer to "did you get a reply in time?", when they were asked and the question is
   * still open (`followUp.answerDays`): a closed one is no longer tied to anyone.
   */
  followUp: { askedAt: string; answer: string | null } | null;
}

/** The ids of the submissions the store holds about `person`, oldest first. */
export function submissionsOf(db: Database.Database, person: Person): string[] {
  const rows = (() => {
    switch (person.by) {
      case 'email':
        return db
          .prepare(
            `SELECT id FROM submissions WHERE body IS NOT NULL
               AND lower(json_extract(body, '$.reply.email')) = lower(?) ORDER BY received_at`,
          )
          .all(person.email);
      case 'phone':
        return db
          .prepare(
            `SELECT id FROM submissions WHERE body IS NOT NULL
               AND json_extract(body, '$.reply.phone') = ? ORDER BY received_at`,
          )
          .all(person.phone);
      case 'reference':
        return db
          .prepare(
            'SELECT id FROM submissions WHERE id = lower(?) OR id = ? OR reference = upper(?)',
          )
          .all(person.reference, person.reference, person.reference);
    }
  })() as { id: string }[];
  return rows.map((row) => row.id);
}

/** Everything the store holds about these submissions. */
export function recordsOf(db: Database.Database, ids: readonly string[]): PersonRecord[] {
  const submission = db.prepare(
    `SELECT id, reference, received_at AS receivedAt, status, reply_by AS replyBy, body
     FROM submissions WHERE id = ?`,
  );
  const deliveries = db.prepare(
    `SELECT target, status, remote_reference AS remoteReference FROM deliveries
     WHERE submission_id = ? ORDER BY target`,
  );
  const followUp = db.prepare(
    'SELECT asked_at AS askedAt, answer FROM follow_ups WHERE submission_id = ?',
  );
  return ids.map((id) => {
    const { body, ...row } = submission.get(id) as Omit<
      PersonRecord,
      'deliveries' | 'submission' | 'followUp'
    > & {
      body: string | null;
    };
    const asked = followUp.get(id) as { askedAt: number; answer: string | null } | undefined;
    return {
      ...row,
      deliveries: deliveries.all(id) as PersonRecord['deliveries'],
      submission: body === null ? null : (JSON.parse(body) as Submission),
      followUp: asked
        ? { askedAt: new Date(asked.askedAt).toISOString(), answer: asked.answer }
        : null,
    };
  });
}
