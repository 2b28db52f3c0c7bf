import type Database from 'better-sqlite3';
import { toPlainDate } from '@synpunkt/sdk';

/**
 * Formats a case reference: `SYN-2026-000042`. The sequence is zero-padded to six digits and
 * grows wider on its own past 999 999.
 */
export function formatReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The next reference for a submission received at `receivedAt`. The sequence counts per year
 * (by the date in Sweden, so a synpunkt sent at 00:30 on New Year's Day belongs to the new year).
 * Call it inside the transaction that stores the submission: a rolled-back insert then gives
 * its number back, and two submissions never share one.
 */
export function nextReference(db: Database.Database, prefix: string, receivedAt: Date): string {
  const year = Number(toPlainDate(receivedAt).slice(0, 4));
  const row = db
    .prepare(
      `INSERT INTO reference_sequences (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = last + 1
       RETURNING last`,
    )
    .get(year) as { last: number };
  return formatReference(prefix, year, row.last);
}
