import { createHash, randomBytes } from 'node:crypto';
import { followUpLanguageOf, type FollowUpMailer } from '@synpunkt/adapters/email';
import { addWorkingDays, isAdapterError, toPlainDate, type Mode } from '@synpunkt/sdk';
import { errorCode, type Logger } from './log.js';
import type { Store } from './store.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Questions go out from this hour (Swedish time): a mail at 03:00 is read as spam. */
export const ASK_FROM_HOUR = 9;

/** …and not from this hour on: one owed since the morning (a mail server down) waits for the next day. */
export const ASK_UNTIL_HOUR = 20;

/**
 * How many days after the promised day a sender may still be asked (a relay that was down, or
 * follow-up just switched on): later than that, the question would puzzle more than it tells.
 */
export const ASK_WITHIN_DAYS = 14;

/** The most questions one sweep sends; the next sweep takes the rest. */
const PER_SWEEP = 200;

/** The path of the answer page, under the relay's public address. */
export const FOLLOW_UP_PATH = '/uppfoljning';

/**
 * Questions asked after this moment (ms) can still be answered at `now`; earlier ones are
 * closed: an answer months later would change the figures of a period already reported.
 */
export function openSince(now: number, answerDays: number): number {
  return now - answerDays * DAY;
}

/**
 * Closes the questions whose answer time is over at `now`: their rows keep what the report
 * counts and lose what ties them to a person (the submission id, the reference, the key's
 * hash). A question is closed only once no sweep could ask it again (its promised day is more
 * than `ASK_WITHIN_DAYS` ago), which with `answerDays` of 14 or more is always so. Run with the
 * retention sweep: at start and every hour. Returns how many were closed.
 */
export function closeQuestions(store: Store, now: number, answerDays: number): number {
  const earliest = toPlainDate(new Date(now - ASK_WITHIN_DAYS * DAY));
  return store.closeFollowUps(openSince(now, answerDays), earliest);
}

/** The hash the store keeps of a link's key: the key itself is only in the sender's mail. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

let stockholmHour: Intl.DateTimeFormat | undefined;

/** The hour of the day in Sweden (0–23). */
function swedishHour(now: number): number {
  stockholmHour ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  return Number(stockholmHour.format(now));
}

/**
 * Whether a sender promised a reply by `replyBy` is asked at `now`: between 09:00 and 20:00 on
 * the working day after, or on a later day when it is still owed (the relay was down).
 */
export function isDue(replyBy: string, now: number): boolean {
  const today = toPlainDate(new Date(now));
  const hour = swedishHour(now);
  return addWorkingDays(replyBy, 1) <= today && hour >= ASK_FROM_HOUR && hour < ASK_UNTIL_HOUR;
}

/** How far ahead `longestWaitForQuestion` looks. */
const YEARS_AHEAD = 11;

/**
 * The most calendar days from the day a synpunkt comes in to the working day after its promised
 * day, over the coming eleven years (the weekdays Christmas falls on repeat within them).
 * Around Christmas and New Year, ten working days and one more take 25 calendar days.
 */
export function longestWaitForQuestion(replyDays: number, from = new Date()): number {
  let longest = 0;
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let day = start; day < start + YEARS_AHEAD * 366 * DAY; day += DAY) {
    const received = new Date(day).toISOString().slice(0, 10);
    const askOn = addWorkingDays(addWorkingDays(received, replyDays), 1);
    longest = Math.max(longest, (Date.parse(askOn) - day) / DAY);
  }
  return longest;
}

/**
 * What came of one question: sent; not sent, for a reason of this sender's (their address);
 * or not sent, for a reason that stops every question (the server, the settings).
 */
type Outcome = 'asked' | 'skipped' | 'stop';

/** What the follow-up needs. */
export interface FollowUpOptions {
  store: Store;
  mailer: FollowUpMailer;
  /** The relay's public address, for the link in the mail. */
  publicUrl: string;
  log: Logger;
}

/**
 * Asks senders whether the promised reply came in time (DOMAIN: "when a case closes, the person
 * is asked whether the guarantee was kept"). The relay cannot see a case close in the case
 * system, but it knows the day the receipt promised: a sender who wanted an e-mail reply gets
 * one question the working day after that day, with a link to a page where they answer yes or
 * no. The answers are counted in `synpunkt-relay report`.
 *
 * Each sender is asked once. An address the server refuses is recorded and never tried again;
 * one it defers (a full mailbox) is tried at the next sweep (hourly). Any other failure (the
 * server down, a refused login or sender address) is no sender's fault and stops the sweep:
 * nobody is written off, and the next sweep starts again from the first.
 */
export class FollowUps {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly options: FollowUpOptions) {}

  /** Sweeps now and then every hour. */
  start(): void {
    this.stopped = false;
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), HOUR);
    this.timer.unref();
  }

  /** Stops sweeping and waits for a sweep under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Asks everyone due at `now`; resolves with how many were asked. One sweep at a time. */
  sweep(now = Date.now()): Promise<number> {
    this.running ??= this.askAll(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async askAll(now: number): Promise<number> {
    const { store, log } = this.options;
    // Nobody is asked at night: no need to look.
    const hour = swedishHour(now);
    if (hour < ASK_FROM_HOUR || hour >= ASK_UNTIL_HOUR) return 0;
    const today = toPlainDate(new Date(now));
    const earliest = toPlainDate(new Date(now - ASK_WITHIN_DAYS * DAY));
    let asked = 0;
    let candidates;
    try {
      candidates = store.followUps.candidates(earliest, today, PER_SWEEP);
    } catch (error) {
      log.error('follow_up.sweep_failed', { code: errorCode(error) });
      return 0;
    }
    for (const candidate of candidates) {
      if (this.stopped) break;
      if (!isDue(candidate.replyBy, now)) continue;
      let outcome: Outcome;
      try {
        outcome = await this.ask(candidate, now);
      } catch (error) {
        // A sweep runs unattended: one question that cannot be recorded must not stop the rest.
        log.error('follow_up.record_failed', { id: candidate.id, code: errorCode(error) });
        continue;
      }
      if (outcome === 'stop') break;
      if (outcome === 'asked') asked += 1;
    }
    return asked;
  }

  private async ask(
    candidate: ReturnType<Store['followUps']['candidates']>[number],
    now: number,
  ): Promise<Outcome> {
    const { store, mailer, publicUrl, log } = this.options;
    const token = randomBytes(24).toString('base64url');
    const language = followUpLanguageOf(candidate.locale, candidate.mode as Mode);
    const receivedOn = toPlainDate(new Date(candidate.receivedAt));
    const fields = { id: candidate.id, reference: candidate.reference };
    try {
      await mailer.ask({
        submissionId: candidate.id,
        to: candidate.email,
        language,
        reference: candidate.reference,
        receivedAt: candidate.receivedAt,
        replyBy: candidate.replyBy,
        url: `${publicUrl.replace(/\/+$/, '')}${FOLLOW_UP_PATH}/${token}`,
      });
    } catch (error) {
      // No address and no server reply in the log: they may hold the sender's personal data.
      const code = errorCode(error);
      if (isAdapterError(error) && error.issues.length > 0) {
        // The server refused this address: never again, or deferred it: at the next sweep.
        const { retryable } = error;
        log.warn('follow_up.failed', { ...fields, code, retryable });
        if (!retryable) {
          store.followUps.record(candidate, { status: 'undeliverable' }, receivedOn, language, now);
        }
        return 'skipped';
      }
      const retryable = !isAdapterError(error) || error.retryable;
      if (retryable) {
        log.warn('follow_up.failed', {
          ...fields,
          code,
          retryable,
          fix: 'the next sweep tries again',
        });
      } else {
        log.error('follow_up.failed', {
          ...fields,
          code,
          retryable,
          fix: `check the SMTP settings of the e-mail target that sends the questions; the next sweep tries again`,
        });
      }
      return 'stop';
    }
    try {
      const outcome = { status: 'asked', tokenHash: tokenHash(token) } as const;
      store.followUps.record(candidate, outcome, receivedOn, language, now);
    } catch (error) {
      // The mail is out; its link will not work. Rare (a full disk), and the sender may write.
      log.error('follow_up.record_failed', { ...fields, code: errorCode(error) });
      return 'skipped';
    }
    log.info('follow_up.asked', fields);
    return 'asked';
  }
}
