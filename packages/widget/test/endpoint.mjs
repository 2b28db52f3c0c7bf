// A receiving endpoint on the test server's own origin that behaves like the relay will:
// validate, answer with a receipt, deduplicate by Idempotency-Key, refuse with problem+json.
// Used by @web/test-runner (as koa middleware) and by the Node tests (behind node:http).
//
//   POST /api/synpunkter   the submission (JSON) → 201 receipt | 409 | 415 | 400 | 413 | 422 | 503
//   POST /api/_control     {"mode": "up" | "down" | "invalid" | "slow" | "lost" | "open311"}
//                          ("lost": stores a new submission and answers 503 anyway, as when the
//                          answer is lost on the way; a different body under a stored key is
//                          still 409; "open311": refuses what an Open311 target cannot carry,
//                          4 000 characters and no files, as a relay routing to one does)
//                          or {"challenge": "on" | "off" | "fail" | { …an ALTCHA challenge… }}
//                          or {"refusePow": n}: the next n submissions get 403 challenge-failed,
//                          as from a relay whose key changed since the challenge was solved
//                          or {"limits": { routes: […] } | "off"}: what GET /api/limits answers
//   GET  /api/challenge    as a relay with challenge.enabled: "on" (the default) a fresh small
//                          challenge (maxnumber 1000); "off" 404 (a relay without one); "fail"
//                          500; an object: that challenge. Solutions are recorded, not checked.
//   GET  /api/_challenges  {"count": n}: how many GET /api/challenge arrived
//   GET  /api/limits       as the relay's GET /v1/limits: by default one route that takes
//                          everything the sdk allows; "off" 404 (an older relay). The limits
//                          are what the form is told, not what this endpoint checks.
//   GET  /api/_limits      {"count": n}: how many GET /api/limits arrived
//   GET  /api/_received    [{ key, body, honeypot?, pow? }] in arrival order (accepted only;
//                          honeypot and pow are the Synpunkt-Honeypot and Synpunkt-Pow headers)
//   POST /api/_reset       forget everything, mode back to "up", challenge "on"

import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  capabilityIssues,
  IDEMPOTENCY_HEADER,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  addWorkingDays,
  invalidSubmissionProblem,
  parseSubmission,
} from '@synpunkt/sdk';

/** The submissions path, relative to the server's origin. */
export const SUBMISSIONS_PATH = '/api/synpunkter';
/** The challenge path: the submissions path with `/synpunkter` → `/challenge`, as on the relay. */
export const CHALLENGE_PATH = '/api/challenge';
/** Largest request body accepted, in bytes (attachments travel as base64 inside the JSON). */
export const BODY_LIMIT = 20 * 1024 * 1024;
/** How long the "slow" mode waits before answering, in milliseconds. */
export const SLOW_MS = 2000;
/** The working days a sender who wants a reply will wait, as in the relay's default setting. */
export const REPLY_WORKING_DAYS = 10;

/** What GET /api/limits answers unless a test says otherwise: everything the sdk allows. */
const DEFAULT_LIMITS = { routes: [{ capabilities: {} }] };

const MODES = ['up', 'down', 'invalid', 'slow', 'lost', 'open311'];
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * @typedef {{ status: number, headers: Record<string, string>, body?: string }} Answer
 * @typedef {{ method: string, path: string, headers: Record<string, string | string[] | undefined>,
 *             read: () => Promise<Buffer | 'too-large'> }} Request
 */

/**
 * One endpoint with its own memory. Each test server gets a fresh one.
 *
 * @returns {{
 *   middleware: (ctx: any, next: () => Promise<unknown>) => Promise<unknown>,
 *   nodeHandler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>,
 *   handle: (request: Request) => Promise<Answer | undefined>,
 *   received: () => { key: string, body: unknown, honeypot?: string, pow?: string }[],
 *   reset: () => void,
 *   setMode: (mode: 'up' | 'down' | 'invalid' | 'slow') => void,
 * }}
 */
export function createEndpoint() {
  /** @type {Map<string, { canonical: string, receipt: object }>} */
  let byKey = new Map();
  /** @type {{ key: string, body: unknown, honeypot?: string, pow?: string }[]} */
  let received = [];
  let sequence = 0;
  let mode = 'up';
  /** @type {'on' | 'off' | 'fail' | object} */
  let challenge = 'on';
  let challengeRequests = 0;
  let refusePow = 0;
  /** @type {'off' | object} */
  let limits = DEFAULT_LIMITS;
  let limitsRequests = 0;

  const reset = () => {
    byKey = new Map();
    received = [];
    sequence = 0;
    mode = 'up';
    challenge = 'on';
    challengeRequests = 0;
    refusePow = 0;
    limits = DEFAULT_LIMITS;
    limitsRequests = 0;
  };

  /** @param {Request} request @returns {Promise<Answer | undefined>} */
  async function handle(request) {
    const { method, path } = request;
    if (!path.startsWith('/api/')) return undefined;
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'POST, GET, OPTIONS',
          'access-control-allow-headers': `content-type, ${IDEMPOTENCY_HEADER.toLowerCase()}, synpunkt-pow, synpunkt-honeypot`,
          'access-control-expose-headers': 'retry-after',
        },
      };
    }
    if (path === SUBMISSIONS_PATH && method === 'POST') return submit(request);
    if (path === '/api/_received' && method === 'GET') return json(200, received);
    if (path === CHALLENGE_PATH && method === 'GET') {
      challengeRequests += 1;
      if (challenge === 'off') return problem(404, 'about:blank', 'No challenge here');
      if (challenge === 'fail') return problem(500, 'about:blank', 'The challenge broke (test)');
      return json(200, challenge === 'on' ? smallChallenge() : challenge);
    }
    if (path === '/api/limits' && method === 'GET') {
      limitsRequests += 1;
      return limits === 'off' ? problem(404, 'about:blank', 'Not found') : json(200, limits);
    }
    if (path === '/api/_limits' && method === 'GET') return json(200, { count: limitsRequests });
    if (path === '/api/_challenges' && method === 'GET') {
      return json(200, { count: challengeRequests });
    }
    if (path === '/api/_reset' && method === 'POST') {
      reset();
      return { status: 204, headers: {} };
    }
    if (path === '/api/_control' && method === 'POST') {
      const raw = await request.read();
      let wanted;
      let control;
      try {
        control = raw === 'too-large' ? undefined : JSON.parse(raw.toString('utf8'));
        wanted = control?.mode;
      } catch {
        wanted = undefined;
      }
      if (control && typeof control === 'object' && 'refusePow' in control) {
        if (!Number.isInteger(control.refusePow) || control.refusePow < 0) {
          return problem(400, PROBLEM_TYPES.invalidSubmission, 'Unknown refusePow', {
            detail: 'refusePow must be a whole number',
          });
        }
        refusePow = control.refusePow;
        return json(200, { refusePow });
      }
      if (control && typeof control === 'object' && 'limits' in control) {
        if (control.limits !== 'off' && (typeof control.limits !== 'object' || !control.limits)) {
          return problem(400, PROBLEM_TYPES.invalidSubmission, 'Unknown limits', {
            detail: 'limits must be "off" or an object such as { "routes": [] }',
          });
        }
        limits = control.limits;
        return json(200, { limits });
      }
      if (
        control &&
        typeof control === 'object' &&
        'challenge' in control &&
        !('mode' in control)
      ) {
        const next = control.challenge;
        const named = next === 'on' || next === 'off' || next === 'fail';
        if (!named && (typeof next !== 'object' || next === null)) {
          return problem(400, PROBLEM_TYPES.invalidSubmission, 'Unknown challenge', {
            detail: 'challenge must be "on", "off", "fail" or a challenge object',
          });
        }
        challenge = next;
        return json(200, { challenge });
      }
      if (!MODES.includes(wanted)) {
        return problem(400, PROBLEM_TYPES.invalidSubmission, 'Unknown mode', {
          detail: `mode must be one of ${MODES.join(', ')}`,
        });
      }
      mode = wanted;
      return json(200, { mode });
    }
    return problem(404, 'about:blank', 'Not found');
  }

  /** @param {Request} request @returns {Promise<Answer>} */
  async function submit(request) {
    const contentType = String(request.headers['content-type'] ?? '');
    const raw = await request.read();
    if (raw === 'too-large') {
      return problem(413, PROBLEM_TYPES.tooLarge, 'The submission is too large', {
        detail: `At most ${BODY_LIMIT} bytes`,
      });
    }
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return problem(415, PROBLEM_TYPES.unsupportedMediaType, 'Send JSON', {
        detail: `Content-Type was "${contentType}", expected application/json`,
      });
    }
    let input;
    try {
      input = JSON.parse(raw.toString('utf8'));
    } catch {
      return problem(400, 'about:blank', 'The body is not JSON');
    }

    if (refusePow > 0) {
      refusePow -= 1;
      return problem(403, PROBLEM_TYPES.challengeFailed, 'The proof of work was not accepted', {
        detail: 'Refused on request (test)',
      });
    }
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    if (mode === 'down') {
      return problem(503, PROBLEM_TYPES.unavailable, 'The receiver is down (test mode)', {
        headers: { 'retry-after': '1' },
      });
    }
    if (mode === 'invalid') {
      return problemOf(invalidSubmissionProblem([{ path: ['message'], code: 'required' }]));
    }

    const parsed = parseSubmission(input);
    if (!parsed.success) return problemOf(invalidSubmissionProblem(parsed.issues));
    if (mode === 'open311') {
      const issues = capabilityIssues(parsed.data, { maxMessageLength: 4000, attachments: false });
      if (issues.length > 0) return problemOf(invalidSubmissionProblem(issues));
    }

    const header = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    const key = (Array.isArray(header) ? header[0] : header) ?? parsed.data.id;
    const canonical = JSON.stringify(input);
    const earlier = byKey.get(key);
    if (earlier) {
      if (earlier.canonical !== canonical) {
        return problem(409, PROBLEM_TYPES.idempotencyConflict, 'Another submission has this key', {
          detail: `Idempotency-Key ${key} was used for a different body`,
        });
      }
      if (mode === 'lost') return lostAnswer();
      return json(200, earlier.receipt);
    }

    sequence += 1;
    const receivedAt = new Date().toISOString();
    const receipt = {
      id: parsed.data.id,
      reference: `TEST-2026-${String(sequence).padStart(6, '0')}`,
      receivedAt,
      ...(parsed.data.reply.wanted
        ? { replyBy: addWorkingDays(new Date(receivedAt), REPLY_WORKING_DAYS) }
        : {}),
    };
    byKey.set(key, { canonical, receipt });
    const honeypot = request.headers['synpunkt-honeypot'];
    const pow = request.headers['synpunkt-pow'];
    received.push({
      key,
      body: input,
      ...(honeypot === undefined ? {} : { honeypot: String(honeypot) }),
      ...(pow === undefined ? {} : { pow: String(pow) }),
    });
    if (mode === 'lost') return lostAnswer();
    return json(201, receipt);
  }

  /** Koa-style middleware for @web/dev-server / @web/test-runner. */
  async function middleware(ctx, next) {
    const answer = await handle({
      method: ctx.method,
      path: ctx.path,
      headers: ctx.headers,
      read: () => readBody(ctx.req),
    });
    if (!answer) return next();
    ctx.status = answer.status;
    if (answer.body !== undefined) ctx.body = answer.body;
    ctx.set(answer.headers);
    return undefined;
  }

  /**
   * For a plain node:http server. Answers and returns true for `/api/…`, else returns false and
   * leaves the response alone.
   */
  async function nodeHandler(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const answer = await handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: req.headers,
      read: () => readBody(req),
    });
    if (!answer) return false;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return true;
  }

  return {
    middleware,
    nodeHandler,
    handle,
    received: () => received,
    reset,
    setMode: (next) => {
      if (!MODES.includes(next)) throw new TypeError(`Unknown mode: ${next}`);
      mode = next;
    },
  };
}

/**
 * A fresh ALTCHA challenge with a small search (at most 1 001 hashes), as the relay makes them,
 * signed with a fixed test key.
 */
function smallChallenge() {
  const maxnumber = 1000;
  const sha256 = (text) => createHash('sha256').update(text).digest('hex');
  const salt = `${randomBytes(12).toString('hex')}?expires=${Math.floor(Date.now() / 1000) + 1200}`;
  const challenge = sha256(`${salt}${randomInt(0, maxnumber + 1)}`);
  return {
    algorithm: 'SHA-256',
    challenge,
    maxnumber,
    salt,
    signature: sha256(`test:${challenge}`),
  };
}

/**
 * The request body, or 'too-large' once it passes {@link BODY_LIMIT} (the rest is drained so the
 * client still gets the answer).
 *
 * @param {import('node:stream').Readable} stream
 * @returns {Promise<Buffer | 'too-large'>}
 */
function readBody(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > BODY_LIMIT) tooLarge = true;
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** @returns {Answer} */
function json(status, value) {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) };
}

/** @returns {Answer} */
function problemOf(details, headers = {}) {
  return {
    status: details.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(details),
  };
}

/** @returns {Answer} */
function problem(status, type, title, { detail, headers } = {}) {
  return problemOf({ type, title, status, ...(detail ? { detail } : {}) }, headers);
}

/** The 503 of the "lost" mode: the submission is stored, but the sender never hears so. */
function lostAnswer() {
  return problem(503, PROBLEM_TYPES.unavailable, 'The answer was lost (test mode)', {
    headers: { 'retry-after': '1' },
  });
}
