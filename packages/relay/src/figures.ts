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
  /** A complaint staff marked serious (allvarligt klagomål); `false` for every other synpunkt. */
  serious: boolean;
}

/** The figures of a valid submission. */
export function figuresOf(submission: Submission): Figures {
  return {
    kind: submission.kind,
    area: submission.area,
    channel: submission.channel,
    mode: submission.mode,
    reply: submission.reply.wanted ? submission.reply.via : 'none',
    serious: submission.serious === true,
  };
}

/** The columns of `figures` that `FIGURES_FROM_BODY` fills, after `submission_id, received_on`. */
export const FIGURES_COLUMNS =
  'submission_id, received_on, kind, area, channel, mode, reply, serious';

/** `serious` read out of a stored body: 1 for `"serious": true`, else 0. */
const SERIOUS_FROM_BODY = `CASE WHEN json_extract(body, '$.serious') IS 1 THEN 1 ELSE 0 END`;

// The figures as schema version 5 had them: that migration stays as it was written, since the
// later ones (version 8 adds `serious`) run after it on an older store.
const FIGURES_FROM_BODY_V5 = `json_extract(body, '$.kind'), json_extract(body, '$.area'),
  json_extract(body, '$.channel'), json_extract(body, '$.mode'),
  CASE WHEN json_extract(body, '$.reply.wanted') THEN json_extract(body, '$.reply.via') ELSE 'none' END`;

/**
 * The same figures read out of a stored body in SQL, in the order of `FIGURES_COLUMNS` (for a
 * released quarantine).
 */
export const FIGURES_FROM_BODY = `${FIGURES_FROM_BODY_V5}, ${SERIOUS_FROM_BODY}`;

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
     SELECT id, ?, ${FIGURES_FROM_BODY_V5} FROM submissions WHERE id = ?`,
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

/**
 * Schema version 8: `figures.serious`, 1 for a complaint staff marked serious. Filled from every
 * submission that still has its content. For one purged before this version the mark is gone
 * and it stays 0; `figures_since.serious_unknown_until` keeps the newest day such a complaint
 * was received (one staff registered: only those can be serious), so the report can say its
 * count of serious complaints may be too low up to that day.
 */
export const seriousMigration = `ALTER TABLE figures ADD COLUMN serious INTEGER NOT NULL DEFAULT 0
   CHECK (serious IN (0, 1));
 UPDATE figures SET serious = 1
   WHERE submission_id IN (SELECT id FROM submissions
                           WHERE body IS NOT NULL AND ${SERIOUS_FROM_BODY} = 1);
 ALTER TABLE figures_since ADD COLUMN serious_unknown_until TEXT;
 UPDATE figures_since SET serious_unknown_until = (
   SELECT max(received_on) FROM figures f
   WHERE f.kind = 'complaint' AND f.channel <> 'web'
     AND NOT EXISTS (SELECT 1 FROM submissions s
                     WHERE s.id = f.submission_id AND s.body IS NOT NULL));`;
