import {
  ATTACHMENT_TYPES,
  IDEMPOTENCY_HEADER,
  isHttpUrl,
  type AdapterCapabilities,
  type Submission,
} from '@synpunkt/sdk';
import * as z from 'zod/mini';
import { hasCredentials } from '../shared/url.js';
import { parseConfig } from '../shared/config.js';

/** The `fetch` the adapter calls: the global one, or an integrator's own. */
export type FetchFunction = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

/**
 * Headers made for each submission, such as the widget's proof of work. Called once per
 * `submit`, before the first try; every retry inside that `submit` sends the same headers. May
 * return a promise (the send waits for it). The `signal` is the one given to `submit`.
 */
export type HeadersFunction = (
  submission: Submission,
  context: { signal?: AbortSignal },
) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>;

/** How to reach a municipality's own endpoint (or the relay) over HTTP. */
export interface RestAdapterConfig {
  /** The `http:` or `https:` URL that takes `POST`ed synpunkter. Required. */
  endpoint: string;
  /**
   * How long one try may take for the answer's headers, in milliseconds, with the time to send
   * the body allowed on top (see `uploadBytesPerSecond`). Default 15 000.
   */
  timeoutMs?: number;
  /**
   * The slowest upload to wait for, in bytes per second: a try may take `timeoutMs` plus the
   * time its body needs at this rate. Default 32 000 (about 250 kbit/s, a weak mobile uplink),
   * so a photo sent from a phone on a poor connection is not cut off half-way.
   */
  uploadBytesPerSecond?: number;
  /** How many times to try again after a network error, 408, 429 or 5xx: 0 to 10. Default 2. */
  retries?: number;
  /**
   * Extra headers, such as an API key the endpoint wants: an object, or a function that makes
   * them for each submission (see {@link HeadersFunction}). `Idempotency-Key` and
   * `Content-Type` are the adapter's own and are refused, from a function too.
   */
  headers?: Readonly<Record<string, string>> | HeadersFunction;
  /** What the endpoint can carry, as its operator declares it, so the form shows the right limits. */
  capabilities?: AdapterCapabilities;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: FetchFunction;
}

/** The configuration after validation, with the defaults filled in. */
export interface ResolvedRestConfig {
  endpoint: string;
  timeoutMs: number;
  uploadBytesPerSecond: number;
  retries: number;
  headers: Readonly<Record<string, string>> | HeadersFunction;
  capabilities?: AdapterCapabilities;
  fetch?: FetchFunction;
}

const RESERVED_HEADERS = [IDEMPOTENCY_HEADER, 'Content-Type'].map((name) => name.toLowerCase());

const URL_ERROR = 'must be an http or https URL';

/** True for a plain object whose values are all strings. */
function isTextRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

/** True when the browser's (or Node's) `Headers` takes every name and value: no CR/LF, no NUL. */
function validHeaders(headers: Record<string, string>): boolean {
  try {
    new Headers(headers);
    return true;
  } catch {
    return false;
  }
}

/** True when no name is one the adapter sets itself. */
const ownHeadersOnly = (headers: Record<string, string>): boolean =>
  Object.keys(headers).every((name) => !RESERVED_HEADERS.includes(name.toLowerCase()));

const HEADERS_ERROR = 'must be an object of header names and text values';
const RESERVED_ERROR = `must not set ${IDEMPOTENCY_HEADER} or Content-Type: the adapter sets them`;
const INVALID_ERROR = 'must hold valid header names and values (no line breaks)';

/**
 * What is wrong with headers a {@link HeadersFunction} returned, or `undefined` when they may be
 * sent. The same checks as a static `headers` object gets when the adapter is made.
 */
export function headersProblem(headers: unknown): string | undefined {
  if (!isTextRecord(headers)) return HEADERS_ERROR;
  const record = headers as Record<string, string>;
  if (!ownHeadersOnly(record)) return RESERVED_ERROR;
  return validHeaders(record) ? undefined : INVALID_ERROR;
}

/**
 * `z.maximum` as a refinement: the same message, without zod's less-than check, which nothing
 * else in the widget's single file uses (the browser loads this schema too).
 */
const atMost = (max: number, error: string) => z.refine<number>((value) => value <= max, { error });

const positive = (what: string) =>
  z.exactOptional(
    z
      .int({ error: `must be a whole number of ${what}` })
      .check(z.positive({ error: `must be a positive number of ${what}` })),
  );

const capabilities = z.strictObject(
  {
    maxMessageLength: positive('characters'),
    attachments: z.exactOptional(
      z.union(
        [
          z.literal(false),
          z.strictObject(
            {
              types: z.exactOptional(
                z.array(
                  z.enum(ATTACHMENT_TYPES, {
                    error: `must be one of ${ATTACHMENT_TYPES.join(', ')}`,
                  }),
                  { error: 'must be a list of media types' },
                ),
              ),
              maxCount: positive('files'),
              maxBytes: positive('bytes'),
              maxTotalBytes: positive('bytes'),
            },
            {
              error: (issue) =>
                issue.code === 'unrecognized_keys'
                  ? `unknown option ${issue.keys.join(', ')} (the options are types, maxCount, maxBytes and maxTotalBytes)`
                  : 'must be false (no attachments) or an object of limits',
            },
          ),
        ],
        { error: 'must be false (no attachments) or an object of limits' },
      ),
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.join(', ')} (the options are maxMessageLength and attachments)`
        : 'must be an object such as { maxMessageLength: 4000 }',
  },
);

const schema = z.strictObject(
  {
    endpoint: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : URL_ERROR) })
      .check(
        z.refine(isHttpUrl, { error: URL_ERROR, abort: true }),
        z.refine((url) => !hasCredentials(url), {
          error:
            'must not hold a user name or password (fetch refuses such a URL): send them in headers, as Authorization',
        }),
      ),
    timeoutMs: z._default(
      z
        .int({ error: 'must be a whole number of milliseconds' })
        .check(
          z.minimum(1, { error: 'must be at least 1 millisecond' }),
          atMost(600_000, 'must be at most 600 000 milliseconds (10 minutes)'),
        ),
      15_000,
    ),
    uploadBytesPerSecond: z._default(
      z
        .int({ error: 'must be a whole number of bytes per second' })
        .check(z.minimum(1_000, { error: 'must be at least 1 000 bytes per second' })),
      32_000,
    ),
    retries: z._default(
      z
        .int({ error: 'must be a whole number from 0 to 10' })
        .check(
          z.minimum(0, { error: 'must be a whole number from 0 to 10' }),
          atMost(10, 'must be a whole number from 0 to 10'),
        ),
      2,
    ),
    headers: z._default(
      z
        .custom<Record<string, string> | HeadersFunction>(
          (value) => typeof value === 'function' || isTextRecord(value),
          { error: `${HEADERS_ERROR}, or a function that returns one` },
        )
        .check(
          // A function's headers are checked the same way on each submit.
          z.refine((headers) => typeof headers === 'function' || ownHeadersOnly(headers), {
            error: RESERVED_ERROR,
          }),
          z.refine((headers) => typeof headers === 'function' || validHeaders(headers), {
            error: INVALID_ERROR,
          }),
        ),
      {},
    ),
    capabilities: z.exactOptional(capabilities),
    fetch: z.exactOptional(
      z.custom<FetchFunction>((value) => typeof value === 'function', {
        error: 'must be a function with the signature of fetch',
      }),
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.join(', ')}`
        : 'must be an object such as { endpoint: "https://…" }',
  },
);

/** Checks a `restAdapter` configuration; throws a `TypeError` naming the field that is wrong. */
export function parseRestConfig(input: unknown): ResolvedRestConfig {
  return parseConfig('restAdapter', schema, input);
}
