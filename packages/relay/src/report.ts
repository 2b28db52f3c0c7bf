import { FollowUpStore, type FollowUpCounts } from './follow-up-store.js';
import type Database from 'better-sqlite3';
import {
  addWorkingDays,
  CHANNELS,
  KINDS,
  MODES,
  REPLY_CHANNELS,
  toPlainDate,
  type Channel,
  type Kind,
  type Mode,
  type PlainDate,
} from '@synpunkt/sdk';
import type { Figures } from './figures.js';
import { ASK_WITHIN_DAYS } from './follow-up.js';

/** Days in Sweden, both included. */
export interface Period {
  from: PlainDate;
  to: PlainDate;
}

/** A period given wrongly on the command line. */
export class PeriodError extends Error {
  override name = 'PeriodError';
}

const REPLIES = [...REPLY_CHANNELS, 'none'] as const;
type Reply = Figures['reply'];

/** One line of the compilation: how many synpunkter of one kind concerned one area. */
export interface AreaLine {
  area: string;
  /** The area's name, when the configuration gives one (see `followUpReport`). */
  name?: string;
  byKind: Record<Kind, number>;
  total: number;
}

/**
 * The follow-up compilation the municipality makes each quarter (or tertial): synpunkter by
 * kind and area, and how they came in. Counts only; nothing about who sent what.
 */
export interface FollowUpReport extends Period {
  total: number;
  /** Areas with the most synpunkter first. */
  areas: AreaLine[];
  byKind: Record<Kind, number>;
  /**
   * Complaints that staff marked serious (allvarligt klagomål), which went to the nearest
   * manager at once. They are among the complaints in `byKind` too.
   */
  seriousComplaints: number;
  byChannel: Record<Channel, number>;
  byReply: Record<Reply, number>;
  byMode: Record<Mode, number>;
  /** Every combination that occurred, for a spreadsheet's pivot table. */
  rows: (Figures & { count: number })[];
  /**
   * Senders of these synpunkter asked whether the promised e-mail reply came in time (with
   * `followUp` configured), and their answers; `asked - kept - notKept` did not answer.
   */
  replyPromise: FollowUpCounts;
  /**
   * With `followUp` on: senders of these synpunkter still to be asked (their promised day has
   * not passed, or passed a moment ago), and the last day one of them is asked. Their answers
   * are not in `replyPromise` yet: run the report again after that day.
   */
  notAskedYet?: { senders: number; lastAskOn: PlainDate };
  /**
   * Set when the period starts on or before this day: submissions received up to it may have
   * been purged before the relay kept figures, and are then missing.
   */
  incompleteUntil?: PlainDate;
  /**
   * Set when the period has complaints staff registered up to this day whose content was purged
   * before the relay kept the serious mark (schema version 8): any of them may have been
   * serious, so `seriousComplaints` may be too low.
   */
  seriousIncompleteUntil?: PlainDate;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** The first and last day of a quarter written `2026-Q3` (or `2026Q3`). */
export function quarter(text: string): Period {
  const match = /^(\d{4})-?[Qq]([1-4])$/.exec(text.trim());
  if (match === null) {
    throw new PeriodError(`--quarter: "${text}" is not a quarter; write it like 2026-Q3`);
  }
  const year = match[1]!;
  const q = Number(match[2]);
  const first = String(q * 3 - 2).padStart(2, '0');
  const last = String(q * 3).padStart(2, '0');
  const lastDay = new Date(Date.UTC(Number(year), q * 3, 0)).getUTCDate();
  return { from: `${year}-${first}-01`, to: `${year}-${last}-${lastDay}` };
}

/** The quarter `day` falls in (in Sweden), as `2026-Q3`. */
function quarterName(day: Date): string {
  const [year, month] = toPlainDate(day).split('-').map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The quarter `day` falls in (in Sweden): so far, for a look at the current one. */
export function quarterOf(day: Date): Period {
  return quarter(quarterName(day));
}

/** The last whole quarter before `today` (in Sweden): the one a compilation is made for. */
export function previousQuarter(today: Date): Period {
  const { from } = quarterOf(today);
  // The day before the quarter began, at noon UTC: the same date in Sweden.
  return quarterOf(new Date(Date.parse(`${from}T12:00:00Z`) - 24 * 60 * 60 * 1000));
}

function plainDate(option: string, text: string): PlainDate {
  try {
    return toPlainDate(text);
  } catch {
    throw new PeriodError(`${option}: "${text}" is not a date; write it like 2026-07-01`);
  }
}

/** The period asked for: `--quarter`, or `--from` and `--to`, or else the last whole quarter. */
export function periodOf(
  options: { quarter?: string | undefined; from?: string | undefined; to?: string | undefined },
  today = new Date(),
): Period {
  const { from, to } = options;
  if (options.quarter !== undefined) {
    if (from !== undefined || to !== undefined) {
      throw new PeriodError('Give either --quarter or --from and --to, not both');
    }
    return quarter(options.quarter);
  }
  if (from === undefined && to === undefined) return previousQuarter(today);
  if (from === undefined || to === undefined) {
    throw new PeriodError('Give both --from and --to (the first and the last day, both counted)');
  }
  const period = { from: plainDate('--from', from), to: plainDate('--to', to) };
  if (period.from > period.to) {
    throw new PeriodError(`--from ${period.from} is after --to ${period.to}`);
  }
  return period;
}

/** Compiles the figures of the synpunkter received in `period` (days in Sweden). */
export function followUpReport(
  db: Database.Database,
  period: Period,
  /** Area id → the name people know it by (from `areaNamesOf(config.targets)`). */
  names: Readonly<Record<string, string>> = {},
  /** Whether the relay asks senders (`followUp` configured), and the day the report is made. */
  options: { followUp?: boolean; today?: Date } = {},
): FollowUpReport {
  const rows = db
    .prepare(
      `SELECT kind, area, channel, mode, reply, serious, count(*) AS count FROM figures
       WHERE received_on BETWEEN ? AND ?
       GROUP BY kind, area, channel, mode, reply, serious
       ORDER BY kind, area, channel, mode, reply, serious`,
    )
    .all(period.from, period.to)
    .map((row) => {
      const stored = row as Omit<Figures, 'serious'> & { serious: 0 | 1; count: number };
      return { ...stored, serious: stored.serious === 1 };
    });
  const followUps = new FollowUpStore(db);
  const report: FollowUpReport = {
    ...period,
    total: 0,
    areas: [],
    byKind: zeros(KINDS),
    seriousComplaints: 0,
    byChannel: zeros(CHANNELS),
    byReply: zeros(REPLIES),
    byMode: zeros(MODES),
    rows,
    replyPromise: followUps.counts(period.from, period.to),
  };
  if (options.followUp) {
    const today = options.today ?? new Date();
    const earliest = toPlainDate(new Date(today.getTime() - ASK_WITHIN_DAYS * 86_400_000));
    const owed = followUps.owed(period.from, period.to, earliest);
    if (owed.senders > 0 && owed.lastReplyBy !== null) {
      report.notAskedYet = {
        senders: owed.senders,
        lastAskOn: addWorkingDays(owed.lastReplyBy, 1),
      };
    }
  }
  const areas = new Map<string, AreaLine>();
  for (const row of rows) {
    report.total += row.count;
    report.byKind[row.kind] += row.count;
    if (row.serious && row.kind === 'complaint') report.seriousComplaints += row.count;
    report.byChannel[row.channel] += row.count;
    report.byReply[row.reply] += row.count;
    report.byMode[row.mode] += row.count;
    let line = areas.get(row.area);
    if (line === undefined) {
      line = { area: row.area, byKind: zeros(KINDS), total: 0 };
      if (Object.hasOwn(names, row.area)) line.name = names[row.area]!;
      areas.set(row.area, line);
    }
    line.byKind[row.kind] += row.count;
    line.total += row.count;
  }
  report.areas = [...areas.values()].sort(
    (a, b) => b.total - a.total || (a.area < b.area ? -1 : a.area > b.area ? 1 : 0),
  );
  const since = db
    .prepare('SELECT purged_before, serious_unknown_until FROM figures_since WHERE id = 1')
    .get() as
    { purged_before: PlainDate | null; serious_unknown_until: PlainDate | null } | undefined;
  const until = since?.purged_before ?? null;
  if (until !== null && period.from <= until) report.incompleteUntil = until;
  // Said only when the period holds one of the complaints whose mark is unknown.
  const seriousUntil = since?.serious_unknown_until ?? null;
  if (seriousUntil !== null && period.from <= seriousUntil) {
    const unknown = db
      .prepare(
        `SELECT 1 FROM figures
         WHERE received_on BETWEEN ? AND ? AND kind = 'complaint' AND channel <> 'web'
           AND serious = 0
         LIMIT 1`,
      )
      .get(period.from, seriousUntil < period.to ? seriousUntil : period.to);
    if (unknown !== undefined) report.seriousIncompleteUntil = seriousUntil;
  }
  return report;
}
