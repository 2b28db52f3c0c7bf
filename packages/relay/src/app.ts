import type { HttpBindings } from '@hono/node-server';
import {
  addWorkingDays,
  HONEYPOT_HEADER,
  IDEMPOTENCY_HEADER,
  invalidSubmissionProblem,
  parseSubmission,
  POW_HEADER,
  PROBLEM_TYPES as TYPES,
  type Receipt,
} from '@synpunkt/sdk';
import { Hono, type Context } from 'hono';
import { isJsonContentType, readJsonBody } from './body.js';
import type { BodyBudget, BodyReservation } from './body-budget.js';
import type { ProofOfWork } from './challenge.js';
import type { CommitQueue } from './commit-queue.js';
import type { RelayConfig } from './config.js';
import { submissionHash } from './hash.js';
import { errorCode, type Logger } from './log.js';
import { receiverLimits } from './limits.js';
import type { Metrics } from './metrics.js';
import type { OutboxWorker } from './outbox.js';
import { problem, problemResponse } from './problems.js';
import type { RateLimiter } from './rate-limit.js';
import { figuresOf } from './figures.js';
import type { Store } from './store.js';
import { DAMAGED_STORE_HELP } from './store-damage.js';
import { issuesOfTargets, targetsFor, type Target } from './targets.js';

/** Set on a `201` that repeats an earlier answer for the same `Idempotency-Key`. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** What the routes use. */
export interface AppDependencies {
  config: RelayConfig;
  store: Store;
  queue: CommitQueue;
  worker: OutboxWorker;
  targets: readonly Target[];
  log: Logger;
  metrics: Metrics;
  limiter: RateLimiter;
  pow: ProofOfWork | undefined;
  /** Request-body bytes in flight across all requests (`bodyBytesInFlight`). */
  budget: BodyBudget;
  /** Set while shutting down: new submissions get `503`. */
  state: { draining: boolean };
}

type Env = { Bindings: Partial<HttpBindings> };

const ALLOWED_HEADERS = ['Content-Type', IDEMPOTENCY_HEADER, POW_HEADER, HONEYPOT_HEADER].join(
  ', ',
);
const EXPOSED_HEADERS = ['Retry-After', REPLAYED_HEADER].join(', ');

/** The client's address, used only as input to the rate limiter's salted hash. */
function clientAddress(c: Context<Env>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return c.env?.incoming?.socket.remoteAddress ?? 'local';
}

/** Builds the relay's HTTP routes. */
export function createApp(deps: AppDependencies): Hono<Env> {
  const { config, store, log, metrics } = deps;
  const allowedOrigins = new Set(config.allowedOrigins);
  const app = new Hono<Env>();

  const reject = (reason: string, response: Response): Response => {
    metrics.rejected.inc(reason);
    return response;
  };

  // Latency per route, and one log line per request (route and status: no address, no body).
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // While shutting down, close each connection after its answer so the server can stop.
    if (deps.state.draining) c.res.headers.set('Connection', 'close');
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath === '/*' ? 'other' : c.req.routePath;
    metrics.observeRequest(route, seconds);
    if (route === '/v1/synpunkter' && c.res.status >= 400) {
      log.info('request.refused', { route, status: c.res.status, ms: Math.round(seconds * 1000) });
    }
  });

  // CORS for the configured origins only; a browser from any other origin gets 403.
  app.use('/v1/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined) {
      if (!allowedOrigins.has(origin)) {
        return reject(
          'forbidden_origin',
          problemResponse(
            problem(
              TYPES.forbiddenOrigin,
              403,
              "This origin is not in the relay's allowedOrigins",
              `To let pages on ${origin} send, add it to allowedOrigins in the relay configuration.`,
            ),
            {
              Vary: 'Origin',
            },
          ),
        );
      }
      if (c.req.method === 'OPTIONS') {
        return new Response(null, {
          status: 204,
          headers: {
            'Access-Control-Allow-Origin': origin,
            'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
            'Access-Control-Allow-Headers': ALLOWED_HEADERS,
            'Access-Control-Max-Age': '600',
            Vary: 'Origin',
          },
        });
      }
    }
    await next();
    if (origin !== undefined) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    c.res.headers.append('Vary', 'Origin');
  });

  const limited = (c: Context<Env>): Response | undefined => {
    const decision = deps.limiter.hit(clientAddress(c, config.trustProxy));
    if (decision.allowed) return undefined;
    return reject(
      'rate_limited',
      problemResponse(problem(TYPES.rateLimited, 429, 'Too many requests'), {
        'Retry-After': String(decision.retryAfterSeconds),
      }),
    );
  };

  app.get('/v1/challenge', (c) => {
    const refused = limited(c);
    if (refused) return refused;
    // 204, not 404: every form that asks would otherwise log an error in the page's console.
    if (!deps.pow) return c.body(null, 204, { 'Cache-Control': 'no-store' });
    return c.json(deps.pow.create(), 200, { 'Cache-Control': 'no-store' });
  });

  // The same for every caller and cheap, so not counted by the rate limiter: a page with the
  // form asks once per visit, and a browser may keep the answer five minutes.
  app.get('/v1/limits', (c) =>
    c.json(receiverLimits(deps.targets, config.bodyLimitBytes), 200, {
      'Cache-Control': 'public, max-age=300',
    }),
  );

  app.post('/v1/synpunkter', async (c) => {
    const started = performance.now();
    if (deps.state.draining) {
      return reject(
        'unavailable',
        problemResponse(problem(TYPES.unavailable, 503, 'The relay is restarting'), {
          'Retry-After': '5',
          Connection: 'close',
        }),
      );
    }
    if (store.damaged !== undefined) return damaged();
    const refused = limited(c);
    if (refused) return refused;
    if (!isJsonContentType(c.req.header('Content-Type'))) {
      return reject(
        'unsupported_media_type',
        problemResponse(
          problem(TYPES.unsupportedMediaType, 415, 'Send the submission as application/json'),
        ),
      );
    }
    // A compressed body would otherwise be refused as "not UTF-8", which sends an integrator
    // looking at their text instead of their HTTP client's compression.
    const coding = c.req.header('Content-Encoding')?.trim().toLowerCase();
    if (coding && coding !== 'identity') {
      return reject(
        'unsupported_media_type',
        problemResponse(
          problem(
            TYPES.unsupportedMediaType,
            415,
            'Send the submission uncompressed, without Content-Encoding',
          ),
          { 'Accept-Encoding': 'identity' },
        ),
      );
    }
    // A body over bodyLimitBytes gets 413 without being read, so it reserves nothing.
    const declared = Number(c.req.header('Content-Length') ?? 0);
    let reservation: BodyReservation | undefined;
    if (!(declared > config.bodyLimitBytes)) {
      reservation = deps.budget.reserve(declared);
      if (!reservation) return busy();
    }
    try {
      return await receive(c, started, reservation);
    } finally {
      // However the request ends: stored, refused, failed, or the sender's connection broke.
      reservation?.release();
    }
  });

  /**
   * The store's file is damaged (see `Store.noticeDamage`): nothing can be stored until an
   * operator restores it, so the form keeps the text. `Retry-After` is longer than the rest
   * adapter waits for while the sender waits, so it says so at once rather than after a minute
   * of tries that cannot succeed; the person can press "Försök igen" later.
   */
  const damaged = () =>
    reject(
      'store_damaged',
      problemResponse(problem(TYPES.unavailable, 503, 'The relay cannot store submissions now'), {
        'Retry-After': '300',
      }),
    );

  /**
   * Too many bytes of other bodies are being received and parsed now: come back in a few
   * seconds (spread from 3 to 8, so that refused senders do not all come back at once). The
   * rest adapter waits that long and sends again; after its retries the form keeps the text and
   * offers "Försök igen".
   */
  const busy = () =>
    reject(
      'busy',
      problemResponse(
        problem(
          TYPES.unavailable,
          503,
          'The relay is busy receiving other submissions',
          `more than bodyBytesInFlight (${config.bodyBytesInFlight}) bytes would be in flight`,
        ),
        { 'Retry-After': String(3 + Math.floor(Math.random() * 6)) },
      ),
    );

  const receive = async (
    c: Context<Env>,
    started: number,
    reservation: BodyReservation | undefined,
  ): Promise<Response> => {
    const body = await readJsonBody(c.req.raw, config.bodyLimitBytes, reservation);
    if (!body.ok) {
      if (body.error === 'busy') return busy();
      if (body.error === 'too_large') {
        return reject(
          'too_large',
          problemResponse(
            problem(
              TYPES.tooLarge,
              413,
              'The request is too large',
              `limit ${config.bodyLimitBytes} bytes`,
            ),
            { Connection: 'close' },
          ),
        );
      }
      return reject(
        body.error,
        problemResponse(
          problem(
            TYPES.malformed,
            400,
            body.error === 'invalid_encoding'
              ? 'The body is not UTF-8'
              : body.error === 'too_many_values'
                ? 'The body holds more JSON values than a submission has'
                : 'The body is not JSON',
          ),
        ),
      );
    }
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || key === '') {
      return reject(
        'idempotency_key',
        problemResponse(
          problem(TYPES.idempotencyKey, 400, 'The Idempotency-Key header is missing'),
        ),
      );
    }
    const parsed = parseSubmission(body.value);
    if (!parsed.success) {
      return reject('invalid_submission', problemResponse(invalidSubmissionProblem(parsed.issues)));
    }
    // A UUID is the same id in either case: stored, hashed and delivered in lower case, so an
    // upper-case copy of a stored id is a retry, not a second case. The answer still carries
    // the id as the client wrote it (clients check that the receipt is for their id). An id an
    // earlier release stored in upper case stays as it was, so its retries still match it.
    const sentId = parsed.data.id;
    const storedAsSent = sentId !== sentId.toLowerCase() && store.hashOf(sentId) !== undefined;
    const submission = { ...parsed.data, id: storedAsSent ? sentId : sentId.toLowerCase() };
    if (key.toLowerCase() !== submission.id.toLowerCase()) {
      return reject(
        'idempotency_key',
        problemResponse(
          problem(
            TYPES.idempotencyKey,
            400,
            'The Idempotency-Key header must equal the submission id',
          ),
        ),
      );
    }
    const hash = submissionHash(submission);

    // A replay answers 201 too, with the first receipt: the client needs no special case.
    const answer = (receipt: Receipt, replayed: boolean) =>
      c.json({ ...receipt, id: sentId }, 201, replayed ? { [REPLAYED_HEADER]: 'true' } : {});
    const conflict = () =>
      reject(
        'conflict',
        problemResponse(
          problem(
            TYPES.idempotencyConflict,
            409,
            'This Idempotency-Key was used for a different submission',
          ),
        ),
      );

    // A retry of a stored submission gets its receipt before any challenge: its solution may
    // have expired meanwhile, and it costs nothing to answer.
    const known = store.receipt(submission.id);
    if (known) {
      if (store.hashOf(submission.id) !== hash) return conflict();
      metrics.replayed.inc();
      return answer(known, true);
    }

    const challengeFailed = (verdict: string) =>
      reject(
        `challenge_${verdict}`,
        problemResponse(
          problem(TYPES.challengeFailed, 403, 'The proof of work is missing or not valid', verdict),
        ),
      );
    let challenge: { challenge: string; expiresAt: number } | undefined;
    if (deps.pow) {
      // Spent or not is asked in the transaction that stores the submission (the store keeps
      // spent challenges until they expire, across restarts).
      const checked = deps.pow.check(c.req.header(POW_HEADER));
      if (checked.verdict !== 'ok') return challengeFailed(checked.verdict);
      challenge = { challenge: checked.challenge, expiresAt: checked.expiresAt };
    }

    const targets = targetsFor(deps.targets, submission);
    const issues = issuesOfTargets(targets, submission);
    if (issues.length > 0) {
      return reject('invalid_submission', problemResponse(invalidSubmissionProblem(issues)));
    }

    const honeypot = c.req.header(HONEYPOT_HEADER);
    const quarantined = honeypot !== undefined && honeypot.trim() !== '';
    const receivedAt = new Date();
    let result;
    try {
      result = await deps.queue.accept({
        id: submission.id,
        hash,
        body: JSON.stringify(submission),
        receivedAt,
        ...(submission.reply.wanted
          ? { replyBy: addWorkingDays(receivedAt, config.replyDays) }
          : {}),
        targets: targets.map((t) => t.name),
        quarantined,
        figures: figuresOf(submission),
        ...(challenge ? { challenge } : {}),
      });
    } catch (error) {
      log.error('store.write_failed', { id: submission.id, code: errorCode(error) });
      if (store.damaged !== undefined) return damaged();
      return reject(
        'unavailable',
        problemResponse(problem(TYPES.unavailable, 503, 'The relay cannot store submissions now'), {
          'Retry-After': '30',
        }),
      );
    }
    if (result.outcome === 'challenge-spent') return challengeFailed('replayed');
    if (result.outcome === 'conflict') return conflict();
    if (result.outcome === 'replayed') {
      metrics.replayed.inc();
      return answer(result.receipt, true);
    }
    metrics.accepted.inc();
    log.info('submission.accepted', {
      id: submission.id,
      reference: result.receipt.reference,
      targets: targets.length,
      attachments: submission.attachments.length,
      quarantined,
      ms: Math.round(performance.now() - started),
    });
    if (!quarantined) deps.worker.kick();
    return answer(result.receipt, false);
  };

  const configured = deps.targets.map((t) => t.name);
  /** Open deliveries to targets no longer configured; none when the store cannot be read. */
  const unknownTargets = () => {
    try {
      return store.unknownTargets(configured);
    } catch (error) {
      store.noticeDamage(error);
      return [];
    }
  };

  app.get('/healthz', (c) => {
    const writable = !deps.state.draining && store.writable();
    // Damaged (found by any operation, or by the probe just now): say so, and where to read
    // what to do. It stays so until the store is restored and the relay restarted.
    const damage = store.damaged;
    const targets = Object.fromEntries(
      deps.targets.map((t) => [t.name, deps.worker.lastOutcome.get(t.name) ?? { outcome: 'none' }]),
    );
    // Stranded deliveries need an operator, but the relay itself is fine: still 200.
    const unknown = writable ? unknownTargets() : [];
    return c.json(
      {
        status: writable ? 'ok' : 'unavailable',
        store: writable ? 'writable' : damage !== undefined ? 'damaged' : 'failing',
        ...(damage === undefined
          ? {}
          : {
              code: damage,
              fix: `The store is damaged: restore the last backup, see ${DAMAGED_STORE_HELP}.`,
            }),
        targets,
        ...(unknown.length === 0
          ? {}
          : {
              unknownTargets: Object.fromEntries(
                unknown.map(({ target, ...counts }) => [target, counts]),
              ),
            }),
      },
      writable ? 200 : 503,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.get('/metrics', (c) => {
    let queue;
    try {
      queue = store.counts();
    } catch (error) {
      store.noticeDamage(error);
      queue = { pending: -1, delivered: -1, dead: -1, quarantined: -1, closed: -1 };
    }
    return c.body(metrics.render(queue, unknownTargets(), deps.budget.inFlight), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });

  app.notFound(() => problemResponse(problem(TYPES.notFound, 404, 'Not found')));
  app.onError((error, c) => {
    // The sender's connection broke while the body arrived (a phone leaving Wi-Fi halfway
    // through a photo): nothing was stored, nobody is left to answer, and nothing is wrong with
    // the relay, so no error for an operator to look into. The form sends it again.
    if (c.env?.incoming?.readableAborted === true) {
      log.info('request.aborted', { route: c.req.routePath, code: errorCode(error) });
      return reject(
        'aborted',
        problemResponse(problem(TYPES.malformed, 400, 'The request body did not arrive')),
      );
    }
    // A damaged store (SQLITE_CORRUPT when a receipt is looked up): 503, so the form keeps the
    // text and offers to try again, instead of a bare 500. Logged once, as store.damaged.
    if (store.noticeDamage(error)) return damaged();
    log.error('request.error', { code: errorCode(error) });
    return problemResponse(problem('about:blank', 500, 'Internal error'));
  });

  return app;
}
