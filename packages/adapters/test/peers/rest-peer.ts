import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  addWorkingDays,
  IDEMPOTENCY_HEADER,
  invalidSubmissionProblem,
  parseSubmission,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemDetails,
  type Receipt,
  type Submission,
} from '@synpunkt/sdk';

/** How the peer behaves: answers normally, or fails in one of the ways a real endpoint does. */
export type PeerMode =
  /** Stores and answers 201 with a receipt. */
  | 'up'
  /** Answers 503 problem+json to everything. */
  | 'down'
  /** Answers 400 problem+json to everything (a permanent refusal). */
  | 'refusing'
  /** Answers the next request 429 with `Retry-After: 1`, then goes back to `up`. */
  | 'throttling'
  /** Reads the request and never answers (for timeouts and aborts). */
  | 'silent';

/** An answer the test wants served before the peer's own logic, such as a malformed 500. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** One request as the peer saw it. */
export interface SeenRequest {
  /** `performance.now()` when the whole request had arrived. */
  at: number;
  method: string;
  /** The `Idempotency-Key` header, if any. */
  key: string | undefined;
  headers: IncomingMessage['headers'];
  /** The raw body as it arrived, decoded as UTF-8. */
  body: string;
  /** The raw body's bytes. */
  bytes: Buffer;
  /** The status the peer answered with (0 while silent). */
  status: number;
}

interface Stored {
  submission: Submission;
  canonical: string;
  receipt: Receipt;
}

/** A small receiving endpoint speaking the rest adapter's wire format, on 127.0.0.1. */
export interface RestPeer {
  /** The endpoint URL to configure the adapter with. */
  readonly url: string;
  mode: PeerMode;
  /**
   * Reads request bodies no faster than this (bytes per second), as a server behind a slow
   * mobile uplink receives them. `undefined`: as fast as they come.
   */
  readBytesPerSecond: number | undefined;
  /** Every request in arrival order. */
  readonly requests: SeenRequest[];
  /** Serves these answers, in order, before behaving as `mode` says. */
  script(...answers: CannedAnswer[]): void;
  /** Forgets scripted answers not yet served and goes back to `up`. */
  reset(): void;
  /** The stored submissions whose body id is `id` (one per record: a duplicate shows as two). */
  received(id: string): Partial<Submission>[];
  /** Requests that carried this `Idempotency-Key`. */
  triesOf(id: string): SeenRequest[];
  /** Closes the listener: connections are then refused until `start()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Stops for good and ends every held connection. */
  close(): Promise<void>;
}

function problem(
  res: ServerResponse,
  details: ProblemDetails,
  headers: Record<string, string> = {},
) {
  res.writeHead(details.status, { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers });
  res.end(JSON.stringify(details));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts a peer on 127.0.0.1 at a free port, path `/v1/synpunkter`. */
export async function startRestPeer(): Promise<RestPeer> {
  const store = new Map<string, Stored>();
  const requests: SeenRequest[] = [];
  const canned: CannedAnswer[] = [];
  const held = new Set<ServerResponse>();
  let sequence = 0;
  let port = 0;

  function answer(seen: SeenRequest, req: IncomingMessage, res: ServerResponse): void {
    const next = canned.shift();
    if (next) {
      res.writeHead(next.status, next.headers ?? {});
      res.end(next.body ?? '');
      return;
    }
    if (peer.mode === 'silent') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (peer.mode === 'down') {
      problem(res, { type: PROBLEM_TYPES.unavailable, title: 'Down for maintenance', status: 503 });
      return;
    }
    if (peer.mode === 'refusing') {
      problem(res, {
        type: 'https://example.org/problems/closed',
        title: 'We take no more',
        status: 400,
      });
      return;
    }
    if (peer.mode === 'throttling') {
      peer.mode = 'up';
      problem(
        res,
        { type: PROBLEM_TYPES.rateLimited, title: 'Too many requests', status: 429 },
        { 'Retry-After': '1' },
      );
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/synpunkter') {
      problem(res, { type: 'about:blank', title: 'Not found', status: 404 });
      return;
    }
    if (!req.headers['content-type']?.startsWith('application/json')) {
      problem(res, { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Send JSON', status: 415 });
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(seen.body);
    } catch {
      problem(res, { type: 'about:blank', title: 'The body is not JSON', status: 400 });
      return;
    }
    const parsed = parseSubmission(input);
    if (!parsed.success) {
      problem(res, invalidSubmissionProblem(parsed.issues));
      return;
    }
    const submission = parsed.data;
    if (seen.key !== submission.id) {
      problem(res, { type: 'about:blank', title: 'Idempotency-Key must be the id', status: 400 });
      return;
    }
    const canonical = JSON.stringify(submission);
    const existing = store.get(seen.key);
    if (existing) {
      if (existing.canonical !== canonical) {
        problem(res, {
          type: PROBLEM_TYPES.idempotencyConflict,
          title: 'This key was used for another submission',
          status: 409,
        });
        return;
      }
      json(res, 200, existing.receipt);
      return;
    }
    sequence += 1;
    const receivedAt = new Date();
    const receipt: Receipt = {
      id: submission.id,
      reference: `SYN-2026-${String(sequence).padStart(6, '0')}`,
      receivedAt: receivedAt.toISOString(),
      ...(submission.reply.wanted ? { replyBy: addWorkingDays(receivedAt, 10) } : {}),
    };
    store.set(seen.key, { submission, canonical, receipt });
    json(res, 201, receipt);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    const started = performance.now();
    let read = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      read += chunk.length;
      const rate = peer.readBytesPerSecond;
      if (rate === undefined) return;
      // Ahead of the allowed rate: stop reading until the clock catches up (TCP backpressure).
      const wait = (read / rate) * 1000 - (performance.now() - started);
      if (wait > 0) {
        req.pause();
        setTimeout(() => req.resume(), wait);
      }
    });
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
      const seen: SeenRequest = {
        at: performance.now(),
        method: req.method ?? '',
        key: typeof key === 'string' ? key : undefined,
        headers: req.headers,
        body: bytes.toString('utf8'),
        bytes,
        status: 0,
      };
      requests.push(seen);
      res.on('finish', () => {
        seen.status = res.statusCode;
      });
      answer(seen, req, res);
    });
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen();

  const peer: RestPeer = {
    url: `http://127.0.0.1:${port}/v1/synpunkter`,
    mode: 'up',
    readBytesPerSecond: undefined,
    requests,
    script: (...answers) => void canned.push(...answers),
    reset: () => {
      canned.length = 0;
      peer.mode = 'up';
      peer.readBytesPerSecond = undefined;
    },
    received: (id) =>
      [...store.values()]
        .filter((entry) => entry.submission.id === id)
        .map((entry) => structuredClone(entry.submission)),
    triesOf: (id) => requests.filter((seen) => seen.key === id),
    stop,
    start: listen,
    close: async () => {
      if (server.listening) await stop();
    },
  };
  return peer;
}
