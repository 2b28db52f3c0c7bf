import type Database from 'better-sqlite3';
import { toPlainDate, type Channel, type Kind, type Mode, type Submission } from '@synpunkt/sdk';

/**
 * What the follow-up report counts of one synpunkt. Nothing here says who sent it or what it
 * says, so it is kept after the content is purged: municipalities compile their synpunkter by
 * kind and area each quarter (or tertial), long after the retention time.
 */
export interface Figures {
  kind: Kind;
  /** The area id the form sent (`unknown` when the sender did not know). */
  area: string;
  channel: Channel;
  mode: Mode;
  /** How the sender wants the reply, or `none` (anonymous, or no reply wanted). */
  reply: 'email' | 'phone' | 'letter' | 'none';
}

/** The figures of a valid submission. */
export function figuresOf(submission: Submission): Figures {
  return {
    kind: submission.kind,
    area: submission.area,
    channel: submission.channel,
    mode: submission.mode,
    reply: submission.reply.wanted ? submission.reply.via : 'none',
  };
}

/** The same figures read out of a stored body in SQL (for a released quarantine and the backfill). */
export const FIGURES_FROM_BODY = `json_extract(body, '$.kind'), json_extract(body, '$.area'),
  json_extract(body, '$.channel'), json_extract(body, '$.mode'),
  CASE WHEN json_extract(body, '$.reply.wanted') THEN json_extract(body, '$.reply.via') ELSE 'none' END`;

/**
 * Schema version 5: the `figures` table, filled from every stored submission that still has its
 * content and is not held back as spam. Submissions purged before this version have no figures;
 * `figures_since` says from when the figures are whole.
 */
export function figuresMigration(db: Database.Database): void {
  db.exec(`CREATE TABLE figures (
     submission_id TEXT PRIMARY KEY,
     received_on TEXT NOT NULL,
     kind TEXT NOT NULL,
     area TEXT NOT NULL,
     channel TEXT NOT NULL,
     mode TEXT NOT NULL,
     reply TEXT NOT NULL
   );
   CREATE INDEX figures_received_on ON figures (received_on);
   CREATE TABLE figures_since (id INTEGER PRIMARY KEY CHECK (id = 1), purged_before TEXT);`);
  // Received on which day in Sweden: SQLite knows no time zones, so the dates are worked out here.
  const insert = db.prepare(
    `INSERT INTO figures (submission_id, received_on, kind, area, channel, mode, reply)
     SELECT id, ?, ${FIGURES_FROM_BODY} FROM submissions WHERE id = ?`,
  );
  const rows = db
    .prepare(
      `SELECT id, received_at FROM submissions
       WHERE body IS NOT NULL AND status <> 'quarantined'
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = submissions.id
                         AND d.status = 'quarantined')`,
    )
    .all() as { id: string; received_at: string }[];
  for (const row of rows) insert.run(toPlainDate(new Date(row.received_at)), row.id);
  // The newest day on which a purged submission was received: up to it, the report is not whole.
  // Only delivered (or closed) ones were synpunkter; purged spam never had a `delivered_at`.
  const purged = db
    .prepare(
      `SELECT max(received_at) AS at FROM submissions
       WHERE status = 'purged' AND delivered_at IS NOT NULL`,
    )
    .get() as { at: string | null };
  db.prepare('INSERT INTO figures_since (id, purged_before) VALUES (1, ?)').run(
    purged.at === null ? null : toPlainDate(new Date(purged.at)),
  );
}
