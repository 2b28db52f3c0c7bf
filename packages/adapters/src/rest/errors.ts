import { AdapterError, issuesOfProblem } from '@synpunkt/sdk';
import { HTTPError, TimeoutError } from 'ky';
import { AnswerTimeoutError, textOf } from '../shared/answer.js';
import { retryAfterMsOf } from '../shared/retry-after.js';

/**
 * How long a `Retry-After` header asks us to wait, in milliseconds (see `retryAfterMsOf`).
 * `undefined` when there is no usable header; never negative, at most a day.
 */
export function retryAfterMs(response: Response): number | undefined {
  return retryAfterMsOf(response.headers.get('Retry-After'));
}

/** True for the answers worth trying again: 408, 429 and every 5xx. */
export function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The most of an answer the adapter reads: a receipt or a problem is a few hundred bytes. */
const MAX_ANSWER_BYTES = 1_048_576;

/**
 * The body parsed as JSON, or `undefined` when it is not JSON (or too long to be an answer of
 * this protocol). Throws when the body cannot be read within `timeoutMs` or the connection
 * broke, which is then a timeout or a network error.
 */
export async function jsonOf(response: Response, timeoutMs: number): Promise<unknown> {
  const text = await textOf(response, MAX_ANSWER_BYTES, timeoutMs);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The problem's `title`, when the answer has one, for the log line. */
function titleOf(body: unknown): string {
  const title = (body as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? `: ${title.slice(0, 200)}` : '';
}

/** The problem's `type` URI, when the answer is a problem with one. */
function problemTypeOf(body: unknown): { problemType?: string } {
  const type = (body as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && type.length <= 500 ? { problemType: type } : {};
}

/** Turns a refused answer into the `AdapterError` that says whether a retry may help. */
async function answerFailure(
  response: Response,
  cause: unknown,
  timeoutMs: number,
): Promise<AdapterError> {
  const { status } = response;
  if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
    const to = response.headers.get('location');
    return new AdapterError(
      `rest: the endpoint answered with a redirect (${status || 'opaque'}${to ? ` to ${to}` : ''}); ` +
        'it is not followed, so the submission and its headers go nowhere else: set endpoint to the final address',
      { reason: 'configuration', status, cause },
    );
  }
  const body = await jsonOf(response, timeoutMs).catch(() => undefined);
  const message = `rest: the endpoint answered ${status}${titleOf(body)}`;
  const problem = problemTypeOf(body);
  if (isTransient(status)) {
    const after = retryAfterMs(response);
    return new AdapterError(message, {
      reason: 'unavailable',
      status,
      cause,
      ...problem,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    });
  }
  // 409: the same Idempotency-Key arrived before with a different body. Never resend it.
  const issues = status === 409 ? [] : issuesOfProblem(body);
  return issues.length > 0
    ? new AdapterError(message, {
        reason: 'invalid',
        retryable: false,
        issues,
        status,
        cause,
        ...problem,
      })
    : new AdapterError(message, { reason: 'rejected', status, cause, ...problem });
}

/**
 * Maps whatever ky threw to an `AdapterError`: an HTTP answer by its status, a timeout or a
 * network error (DNS, connection refused, reset, CORS) to a retryable `unavailable`.
 */
export async function failureOf(error: unknown, timeoutMs: number): Promise<AdapterError> {
  if (error instanceof HTTPError) return answerFailure(error.response, error, timeoutMs);
  const message =
    error instanceof TimeoutError
      ? `rest: the endpoint did not answer within ${timeoutMs} ms`
      : error instanceof AnswerTimeoutError
        ? `rest: the endpoint sent the start of its answer but not the rest within ${timeoutMs} ms`
        : `rest: could not reach the endpoint (${error instanceof Error ? error.message : String(error)})`;
  return new AdapterError(message, { reason: 'unavailable', cause: error });
}
