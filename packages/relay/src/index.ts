/**
 * The synpunkt relay: a small server between `<synpunkt-form>` and a municipality's backends.
 * It validates, stores durably, answers with a receipt, and delivers from an outbox with
 * retries. Run it with the `synpunkt-relay` command, or embed it with {@link createRelay}.
 * @packageDocumentation
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import { followUpMailer, type FollowUpMailer } from '@synpunkt/adapters/email';
import { createApp } from './app.js';
import { BodyBudget } from './body-budget.js';
import { warnOfSmallBodyLimit } from './body-limit.js';
import { ProofOfWork } from './challenge.js';
import { CommitQueue } from './commit-queue.js';
import {
  ConfigError,
  parseConfig,
  resolveSecrets,
  type RelayConfig,
  type TargetConfig,
  type RelayConfigInput,
} from './config.js';
import { FollowUps, longestWaitForQuestion } from './follow-up.js';
import { addFollowUpRoutes } from './follow-up-routes.js';
import { createLogger, errorCode, type Logger } from './log.js';
import { Metrics } from './metrics.js';
import { OutboxWorker } from './outbox.js';
import { RateLimiter } from './rate-limit.js';
import { Store } from './store.js';
import { lockStore } from './store-lock.js';
import { damagedStoreFix } from './store-damage.js';
import { buildTargets, type AdapterFactory, type BuiltInTargetType } from './targets.js';

export { ConfigError, loadConfig, parseConfig, fieldName } from './config.js';
export type { RelayConfig, RelayConfigInput, TargetConfig, EnvReference } from './config.js';
export { Store } from './store.js';
export { StoreInUseError } from './store-lock.js';
export { StoreFullError } from './store-space.js';
export { areaNamesOf } from './area-names.js';
export { figuresOf } from './figures.js';
export type { Figures } from './figures.js';
export {
  followUpReport,
  periodOf,
  previousQuarter,
  quarter,
  quarterOf,
  PeriodError,
} from './report.js';
export type { AreaLine, FollowUpReport, Period } from './report.js';
export { formatReportCsv, formatReportText } from './report-format.js';
export {
  FollowUps,
  isDue,
  ASK_FROM_HOUR,
  ASK_UNTIL_HOUR,
  ASK_WITHIN_DAYS,
  FOLLOW_UP_PATH,
} from './follow-up.js';
export type { FollowUpOptions } from './follow-up.js';
export { FollowUpStore } from './follow-up-store.js';
export type {
  FollowUpAnswer,
  FollowUpCandidate,
  FollowUpCounts,
  FollowUpRecord,
} from './follow-up-store.js';
export type { CsvFlavour } from './report-format.js';
export { REPORT_LANGUAGES } from './report-texts.js';
export type { ReportLanguage } from './report-texts.js';
export type {
  AcceptResult,
  CloseResult,
  DeliveryStatus,
  DueDelivery,
  NewSubmission,
  OutboxEntry,
  MoveResult,
  QueueCounts,
  RetryResult,
  StoreOptions,
  UnknownTarget,
  SubmissionStatus,
} from './store.js';
export { OutboxWorker } from './outbox.js';
export type { OutboxOptions, TargetOutcome } from './outbox.js';
export type { AdapterFactory, BuiltInTargetType, Target, TargetType } from './targets.js';
export { ProofOfWork } from './challenge.js';
export type { Challenge, CheckedSolution, Solution, Verdict } from './challenge.js';
export { REPLAYED_HEADER } from './app.js';
export { HONEYPOT_HEADER, POW_HEADER } from '@synpunkt/sdk';
export { RELAY_PROBLEM_TYPES } from './problems.js';
export { createLogger, silentLogger } from './log.js';
export type { Logger, LogFields } from './log.js';
export { formatReference } from './references.js';
export { backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';

/** How long a stop waits for requests still arriving (a slow upload) before cutting them. */
const DRAIN_MS = 30_000;

/** The slowest upload a citizen's phone may have: about 250 kbit/s (the rest adapter's too). */
const SLOWEST_UPLOAD_BYTES_PER_SECOND = 32_000;

/**
 * How long one request may take: a body at the size limit, sent at the slowest upload, plus a
 * minute. Node's own default (5 minutes) would cut off a photo from a phone on a weak uplink
 * that the form still waits for.
 */
export function uploadTimeoutMs(bodyLimitBytes: number): number {
  return 60_000 + Math.ceil((bodyLimitBytes / SLOWEST_UPLOAD_BYTES_PER_SECOND) * 1000);
}

/** Options for embedding the relay. */
export interface RelayOptions {
  /** Where log lines go (JSON lines on stdout by default). */
  log?: Logger;
  /** Adapter factories to use instead of `@synpunkt/adapters`, by target type. */
  adapters?: Partial<Record<BuiltInTargetType, AdapterFactory>>;
  /** The environment secrets are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** A relay, built and ready to start. */
export interface Relay {
  /** The HTTP routes (a Hono app): `app.request(...)` works without a listening server. */
  readonly app: Hono<never>;
  readonly config: RelayConfig;
  readonly store: Store;
  readonly worker: OutboxWorker;
  readonly metrics: Metrics;
  /**
   * Asks senders whether the promised reply came in time; undefined unless `followUp` is
   * configured. `sweep(now)` asks everyone due at `now` (the relay does so hourly).
   */
  readonly followUps: FollowUps | undefined;
  /**
   * Starts the outbox worker and listens on `config.listen`; resolves with the bound address.
   * When it cannot listen (the port is taken), the relay stops, as with `stop()`, releasing the
   * store's lock, and the promise rejects.
   */
  start(): Promise<{ host: string; port: number }>;
  /**
   * Graceful stop: refuses new submissions, lets requests and deliveries in flight finish,
   * then closes the store.
   */
  stop(): Promise<void>;
}

/**
 * Builds a relay from a configuration: opens the store, resolves secrets and builds the
 * targets' adapters.
 *
 * Holds a lock on the store (`<storePath>.lock`) from here until `stop()`: one store, one relay.
 *
 * @throws ConfigError naming the field when the configuration or a secret is wrong.
 * @throws StoreInUseError when another relay process uses the store (after
 * `storeLockWaitMs`).
 * @throws StoreFullError when the store's disk is full, so it cannot be created or opened.
 */
export async function createRelay(
  input: RelayConfig | RelayConfigInput,
  options: RelayOptions = {},
): Promise<Relay> {
  const config = parseConfig(input);
  const env = options.env ?? process.env;
  const log = options.log ?? createLogger();
  const metrics = new Metrics(config.targets.map((t) => t.name));
  const targets = await buildTargets(config.targets, options.adapters, env, {
    // A JSON line with ids and a code, never the address, instead of the adapter's stderr text.
    onConfirmationError(target, error, id) {
      metrics.confirmationFailed.inc(target);
      log.warn('confirmation.failed', { id, target, code: errorCode(error) });
    },
  });
  let pow: ProofOfWork | undefined;
  if (config.challenge.enabled) {
    const key = resolveSecrets(config.challenge.hmacKey, 'challenge.hmacKey', env);
    if (typeof key !== 'string' || key.length < 16) {
      throw new ConfigError(
        'Invalid relay configuration:\n  challenge.hmacKey: the key must be at least 16 characters',
      );
    }
    pow = new ProofOfWork(key, config.challenge.maxNumber, config.challenge.expiresMs);
  }
  const mailer = followUpMailerOf(config, env);
  // Before the store is opened: a second relay must neither deliver nor migrate the schema.
  const lock = await lockStore(config.storePath, config.storeLockWaitMs, () =>
    log.warn('store.in_use', { waitMs: config.storeLockWaitMs }),
  );
  let store: Store;
  try {
    store = new Store(config.storePath, config.referencePrefix);
  } catch (error) {
    lock.release();
    throw error;
  }
  // One line at error, the first time any operation finds the file damaged: what and where.
  let found: string | undefined;
  store.onDamage((code) =>
    log.error('store.damaged', {
      storePath: config.storePath,
      code,
      ...(found === undefined ? {} : { found }),
      fix: damagedStoreFix(config.storePath),
    }),
  );
  // A damaged page that no request happens to read (an old submission's files) would go
  // unnoticed until a delivery or the retention sweep met it: read them all once at start.
  // The relay still starts, answering 503 and an unhealthy /healthz, so the form keeps the text.
  const checkStarted = performance.now();
  const problems = (() => {
    try {
      return store.quickCheck();
    } catch (error) {
      store.close();
      lock.release();
      throw error;
    }
  })();
  if (problems.length > 0) found = `PRAGMA quick_check at start: ${problems[0]!.slice(0, 200)}`;
  log.info('store.checked', {
    ms: Math.round(performance.now() - checkStarted),
    problems: problems.length,
  });
  if (problems.length > 0) store.noticeDamage({ code: 'SQLITE_CORRUPT' });
  warnIfReadableByOthers(config.storePath, log);
  try {
    warnOfUnknownTargets(store, targets, log);
  } catch (error) {
    if (!store.noticeDamage(error)) throw error;
  }
  warnOfOpen311WithoutLocation(config.targets, log);
  warnOfShortRetention(config, log);
  warnOfSmallBodyLimit(config.bodyLimitBytes, targets, log);
  const worker = new OutboxWorker({
    store,
    targets,
    settings: config.outbox,
    retentionDays: config.retentionDays,
    answerDays: config.followUp?.answerDays,
    log,
    metrics,
  });
  const state = { draining: false };
  const app = createApp({
    config,
    store,
    queue: new CommitQueue(store),
    worker,
    targets,
    log,
    metrics,
    limiter: new RateLimiter(config.rateLimit.windowMs, config.rateLimit.max),
    pow,
    budget: new BodyBudget(config.bodyBytesInFlight),
    state,
  });

  const followUps =
    mailer && new FollowUps({ store, mailer, publicUrl: config.followUp!.publicUrl, log });
  if (mailer) {
    addFollowUpRoutes(app, {
      store,
      log,
      municipalityName: mailer.municipalityName,
      answerDays: config.followUp!.answerDays,
    });
  }

  let server: ServerType | undefined;
  let stopping: Promise<void> | undefined;

  const relay: Relay = {
    app: app as unknown as Hono<never>,
    config,
    store,
    worker,
    metrics,
    followUps,
    async start() {
      let address: AddressInfo;
      const requestTimeoutMs = uploadTimeoutMs(config.bodyLimitBytes);
      try {
        address = await new Promise<AddressInfo>((resolve, reject) => {
          server = serve(
            {
              fetch: app.fetch,
              hostname: config.listen.host,
              port: config.listen.port,
              serverOptions: { requestTimeout: requestTimeoutMs },
            },
            (info) => resolve(info),
          );
          server.once('error', reject);
        });
      } catch (error) {
        // Not listening (the port is taken): stop the worker and let go of the store and its
        // lock, so a relay made again (on another port) can use them.
        server = undefined;
        await relay.stop();
        throw error;
      }
      // Only a listening relay delivers: one that could not listen must leave the outbox alone.
      worker.start();
      followUps?.start();
      log.info('relay.listening', {
        host: address.address,
        port: address.port,
        targets: targets.length,
        requestTimeoutMs,
      });
      return { host: address.address, port: address.port };
    },
    stop() {
      stopping ??= (async () => {
        state.draining = true;
        // No new deliveries from now on, while requests drain: a stop that systemd cuts short
        // must not leave attempts behind that a restart makes again.
        const workerStopped = Promise.all([worker.stop(), followUps?.stop()]);
        if (server) {
          const http = server as Server;
          const closed = new Promise<void>((resolve) => http.close(() => resolve()));
          // Connections busy now become idle after their answer: close those too, until done.
          const sweep = setInterval(() => http.closeIdleConnections(), 50);
          http.closeIdleConnections();
          // A slow upload may take minutes: after DRAIN_MS it is cut (no 201 was given, so its
          // sender tries again with the same key), so stopping fits a service manager's timeout.
          const cut = setTimeout(() => http.closeAllConnections(), DRAIN_MS);
          await closed;
          clearTimeout(cut);
          clearInterval(sweep);
        }
        await workerStopped;
        store.close();
        lock.release();
        log.info('relay.stopped', {});
      })();
      return stopping;
    },
  };
  return relay;
}

/**
 * The follow-up question's mailer, from the settings of the e-mail target `followUp.target`
 * names (its SMTP server and sender); undefined without `followUp`.
 */
function followUpMailerOf(config: RelayConfig, env: NodeJS.ProcessEnv): FollowUpMailer | undefined {
  const { followUp } = config;
  if (followUp === undefined) return undefined;
  // parseConfig makes sure followUp.target names an e-mail target.
  const index = config.targets.findIndex((t) => t.name === followUp.target);
  const field = `targets[${index}].settings`;
  const settings = resolveSecrets(config.targets[index]!.settings, field, env);
  try {
    return followUpMailer(settings as Parameters<typeof followUpMailer>[0]);
  } catch (error) {
    throw new ConfigError(`Invalid relay configuration:\n  ${field}: ${(error as Error).message}`);
  }
}

/**
 * Deliveries to a target that was removed or renamed in the configuration are never picked up:
 * say so at start, with what to do.
 */
function warnOfUnknownTargets(store: Store, targets: readonly { name: string }[], log: Logger) {
  for (const unknown of store.unknownTargets(targets.map((t) => t.name))) {
    log.warn('outbox.unknown_target', {
      ...unknown,
      fix: `synpunkt-relay outbox move --from ${unknown.target} --to <a configured target>`,
    });
  }
}

/**
 * Open311 requires a location on every request, and the form's place is optional: without
 * `fallbackAddress` every synpunkt without a place is refused by a strict server and ends dead.
 * Say so at start rather than at the first such synpunkt.
 */
function warnOfOpen311WithoutLocation(targets: readonly TargetConfig[], log: Logger): void {
  for (const target of targets) {
    if (target.type !== 'open311') continue;
    const fallback = target.settings['fallbackAddress'];
    if (typeof fallback !== 'string' || fallback.trim() === '') {
      log.warn('open311.no_fallback_address', {
        target: target.name,
        fix: 'set settings.fallbackAddress (for example the municipality’s name): a synpunkt without a place has no location, which Open311 requires',
      });
    }
  }
}

/**
 * The follow-up question needs the sender's address, read from the stored synpunkt the working
 * day after the promised day: content purged before then means nobody is asked. One day more
 * than the longest wait: the purge counts from the moment of delivery, the question goes out
 * from 09:00.
 */
function warnOfShortRetention(config: RelayConfig, log: Logger): void {
  if (config.followUp === undefined) return;
  const needed = longestWaitForQuestion(config.replyDays) + 1;
  if (config.retentionDays < needed) {
    log.warn('follow_up.retention_too_short', {
      retentionDays: config.retentionDays,
      fix: `set retentionDays to at least ${needed}: the question is sent the working day after the promised day (replyDays ${config.replyDays}), and needs the sender's address until then`,
    });
  }
}

/**
 * New stores are made 0600, but one an earlier release made may be readable by every user of the
 * machine (0644 under the usual umask). It holds names, contacts and messages: say so at start.
 */
function warnIfReadableByOthers(path: string, log: Logger): void {
  if (path === ':memory:') return;
  const mode = statSync(path, { throwIfNoEntry: false })?.mode;
  if (mode !== undefined && (mode & 0o077) !== 0) {
    log.warn('store.readable_by_others', {
      mode: (mode & 0o777).toString(8),
      fix: 'chmod 600 the store file and its -wal and -shm files',
    });
  }
}
