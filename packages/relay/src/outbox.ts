import { AdapterError, isAdapterError, type Submission } from '@synpunkt/sdk';
import { backoffDelay } from './backoff.js';
import type { RelayConfig } from './config.js';
import { closeQuestions } from './follow-up.js';
import { DEFAULT_ANSWER_DAYS } from './follow-up-store.js';
import { errorCode, type LogFields, type Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { DueDelivery, Store } from './store.js';
import type { Target } from './targets.js';

/** The last thing that happened with a target, for `GET /healthz`. */
export interface TargetOutcome {
  outcome: 'delivered' | 'failed';
  at: string;
  /** For a failure: the error's code (`AdapterError:unavailable`), never its message. */
  code?: string;
}

/** What the worker needs. */
export interface OutboxOptions {
  store: Store;
  targets: readonly Target[];
  settings: RelayConfig['outbox'];
  retentionDays: number;
  /**
   * Days a follow-up question can be answered (`followUp.answerDays`; 30 when left out, also
   * without `followUp`, so questions asked before it was switched off are closed too).
   */
  answerDays?: number | undefined;
  log: Logger;
  metrics: Metrics;
}

const HOUR = 3_600_000;

/**
 * Settles with `promise`, or fails (retryably) once `ms` pass: an adapter that ignores its
 * abort signal cannot hold a delivery slot, or a shutdown, for ever.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AdapterError('The delivery took too long', {
            reason: 'unavailable',
            status: 'timeout',
          }),
        ),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Delivers stored submissions to their targets. Each (submission, target) pair is its own
 * delivery, tried, retried with backoff and finally marked dead on its own, so one target
 * failing never sends anything twice to another.
 *
 * Crash safety: a delivery's state changes only after the attempt's outcome is known, in one
 * transaction. A delivery in flight when the process dies is still `pending` in the store and
 * is tried again after a restart (at least once; the adapters deduplicate by submission id
 * where their protocol allows).
 */
export class OutboxWorker {
  /** Per target: what happened last. */
  readonly lastOutcome = new Map<string, TargetOutcome>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Deliveries whose failed attempt the store could not record (a full disk): still due in the
   * store, so held back here until their backoff is over, or the target would be sent the same
   * submission again in a tight loop.
   */
  private readonly heldUntil = new Map<string, number>();
  private readonly byName: Map<string, Target>;
  private readonly targetNames: string;
  private poll: NodeJS.Timeout | undefined;
  private retention: NodeJS.Timeout | undefined;
  private kicked = false;
  /** Only a started worker delivers: a relay that is not (yet) listening leaves the outbox be. */
  private started = false;
  private stopping = false;
  /** When `stop` was called: a delivery whose record keeps failing waits at most `timeoutMs`. */
  private stoppingSince: number | undefined;
  /** Waits between tries to record a delivery; `stop` cuts them short. */
  private readonly pauses = new Set<() => void>();

  constructor(private readonly options: OutboxOptions) {
    this.byName = new Map(options.targets.map((t) => [t.name, t]));
    this.targetNames = JSON.stringify(options.targets.map((t) => t.name));
  }

  /** Starts polling the outbox and the hourly retention sweep. */
  start(): void {
    this.started = true;
    this.stopping = false;
    this.stoppingSince = undefined;
    this.sweep();
    this.poll = setInterval(() => this.tick(), this.options.settings.pollIntervalMs);
    this.poll.unref();
    this.retention = setInterval(() => this.sweep(), HOUR);
    this.retention.unref();
    this.kick();
  }

  /** Looks for work soon (after a new submission, or a slot freed up). */
  kick(): void {
    if (this.kicked || this.stopping || !this.started) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.tick();
    });
  }

  /** How many deliveries are being attempted right now. */
  get busy(): number {
    return this.inFlight.size;
  }

  /** Stops taking new work and waits for the deliveries in flight to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stoppingSince ??= Date.now();
    for (const wake of this.pauses) wake();
    clearInterval(this.poll);
    clearInterval(this.retention);
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Removes the content of submissions that every target has had for `retentionDays`, and of
   * quarantined ones received that long ago; closes the follow-up questions whose answer time
   * is over. Returns how many were purged.
   */
  runRetention(now = Date.now()): number {
    const { store, log } = this.options;
    store.forgetSpentChallenges(now);
    const before = now - this.options.retentionDays * 24 * HOUR;
    const delivered = store.purgeDelivered(before);
    const quarantined = store.purgeQuarantined(before);
    const purged = delivered + quarantined;
    if (purged > 0) log.info('retention.purged', { count: purged, quarantined });
    const closed = closeQuestions(store, now, this.options.answerDays ?? DEFAULT_ANSWER_DAYS);
    if (closed > 0) log.info('follow_up.closed', { count: closed });
    return purged;
  }

  /**
   * The retention sweep at start and every hour. A failure (a full disk while content is
   * overwritten) is logged and tried again in an hour: it must neither keep the relay from
   * starting nor end it, since taking and delivering synpunkter do not depend on it.
   */
  private sweep(): void {
    try {
      this.runRetention();
    } catch (error) {
      this.options.store.noticeDamage(error);
      this.options.log.error('retention.failed', { code: errorCode(error) });
    }
  }

  private tick(): void {
    if (this.stopping) return;
    const { store, settings } = this.options;
    const free = settings.concurrency - this.inFlight.size;
    if (free <= 0) return;
    let due: DueDelivery[];
    try {
      due = store.due(Date.now(), this.targetNames, settings.concurrency + this.inFlight.size);
    } catch (error) {
      // A damaged store is logged once (store.damaged), not at every poll.
      if (!store.noticeDamage(error)) {
        this.options.log.error('outbox.poll_failed', { code: errorCode(error) });
      }
      return;
    }
    let started = 0;
    const now = Date.now();
    for (const row of due) {
      if (started >= free) break;
      const key = `${row.submissionId}\u0000${row.target}`;
      if (this.inFlight.has(key)) continue;
      const held = this.heldUntil.get(key);
      if (held !== undefined && held > now) continue;
      this.heldUntil.delete(key);
      const target = this.byName.get(row.target);
      if (!target) continue;
      started += 1;
      const attempt = this.deliver(target, row).finally(() => {
        this.inFlight.delete(key);
        this.kick();
      });
      this.inFlight.set(key, attempt);
    }
  }

  private async deliver(target: Target, row: DueDelivery): Promise<void> {
    const { settings } = this.options;
    const started = Date.now();
    const attempt = row.attempts + 1;
    const fields = { id: row.submissionId, target: target.name, attempt };
    let remoteReference: string;
    try {
      const submission = JSON.parse(row.body) as Submission;
      const receipt = await withDeadline(
        // The receipt's reference, time and reply-by day travel along, so the clerk's mail
        // carries the same number and deadline as the receipt, also when delivered late.
        target.adapter.submit(submission, {
          signal: AbortSignal.timeout(settings.timeoutMs),
          reference: row.reference,
          receivedAt: row.receivedAt,
          ...(row.replyBy === null ? {} : { replyBy: row.replyBy }),
        }),
        settings.timeoutMs + 1_000,
      );
      remoteReference = receipt.reference;
    } catch (error) {
      this.recordFailure(target, row, error, fields, started);
      return;
    }
    // Outside the adapter's try: the backend has the submission now, so a store that cannot
    // record it must never make it look like a failed delivery (that would send it again).
    await this.recordDelivered(target, row, remoteReference, fields, started);
  }

  /**
   * Records a delivery the backend has taken. If the store cannot write it (disk full, busy),
   * the delivery stays delivered in memory (it is still in flight, so it is not picked up again)
   * and the write is tried again with backoff until it succeeds. Only a shutdown that outlasts
   * `outbox.timeoutMs` gives up; then the delivery is still `pending` in the store and is sent
   * once more after the restart, as with a crash.
   */
  private async recordDelivered(
    target: Target,
    row: DueDelivery,
    remoteReference: string,
    fields: LogFields,
    started: number,
  ): Promise<void> {
    const { store, settings, log, metrics } = this.options;
    const at = Date.now();
    metrics.delivered.inc(target.name);
    this.lastOutcome.set(target.name, { outcome: 'delivered', at: new Date(at).toISOString() });
    // The backend's own reference (its case number): how an operator finds the case a
    // reference on a receipt became. The adapter's text, so only a bounded piece of it.
    log.info('delivery.delivered', {
      ...fields,
      reference: row.reference,
      remoteReference: typeof remoteReference === 'string' ? remoteReference.slice(0, 200) : null,
      ms: at - started,
    });
    for (let failures = 1, wait = 100; ; failures++, wait = Math.min(wait * 2, 5_000)) {
      try {
        const recorded = store.markDelivered(
          row.submissionId,
          target.name,
          remoteReference,
          Date.now(),
        );
        // Moved to another target while this attempt was under way: that one will send it too.
        if (!recorded) log.warn('delivery.unrecorded', { ...fields, reason: 'no-such-delivery' });
        if (failures > 1) log.info('delivery.recorded', { ...fields, tries: failures });
        return;
      } catch (error) {
        store.noticeDamage(error);
        const stoppedLongAgo =
          this.stoppingSince !== undefined && Date.now() - this.stoppingSince > settings.timeoutMs;
        if (stoppedLongAgo) {
          log.error('delivery.record_abandoned', { ...fields, code: errorCode(error) });
          return;
        }
        log.error('delivery.record_failed', {
          ...fields,
          outcome: 'delivered',
          code: errorCode(error),
          retryInMs: wait,
        });
        await this.pause(this.stopping ? Math.min(wait, 250) : wait);
      }
    }
  }

  /** Waits `ms`, or less when `stop` is called meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pauses.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.pauses.add(wake);
    });
  }

  /** Records a failed attempt: retried with backoff, or dead. */
  private recordFailure(
    target: Target,
    row: DueDelivery,
    error: unknown,
    fields: LogFields,
    started: number,
  ): void {
    const { store, settings, log, metrics } = this.options;
    const attempt = row.attempts + 1;
    const now = Date.now();
    const code = errorCode(error);
    const retryable = isAdapterError(error) ? error.retryable : true;
    const dead = !retryable || attempt >= settings.maxAttempts;
    const retryAfter = isAdapterError(error) ? error.retryAfterMs : undefined;
    const nextAttemptAt = dead ? now : now + backoffDelay(attempt, settings, retryAfter);
    try {
      store.markFailed(row.submissionId, target.name, { dead, nextAttemptAt, error: code }, now);
    } catch (storeError) {
      store.noticeDamage(storeError);
      // Not recorded, so still due in the store: wait out the backoff here instead.
      const retryAt = dead ? now + backoffDelay(attempt, settings, retryAfter) : nextAttemptAt;
      this.heldUntil.set(`${row.submissionId}\u0000${row.target}`, retryAt);
      log.error('delivery.record_failed', {
        ...fields,
        outcome: 'failed',
        code: errorCode(storeError),
        retryAt: new Date(retryAt).toISOString(),
      });
      return;
    }
    this.lastOutcome.set(target.name, {
      outcome: 'failed',
      at: new Date(now).toISOString(),
      code,
    });
    if (dead) {
      metrics.dead.inc(target.name);
      log.error('delivery.dead', { ...fields, code, retryable, ms: now - started });
    } else {
      metrics.retried.inc(target.name);
      log.warn('delivery.retry', {
        ...fields,
        code,
        ms: now - started,
        nextAttemptAt: new Date(nextAttemptAt).toISOString(),
      });
    }
  }
}
