import { AdapterError } from '@synpunkt/sdk';
import { textOf } from '../shared/answer.js';
import type { FetchLike } from './config.js';

/**
 * The most of an answer read: a GeoReport answer, even a city's service list, is far smaller,
 * and a server (or a proxy in front of it) that sends an endless one must not fill the memory
 * before the timeout ends it.
 */
export const MAX_ANSWER_BYTES = 4 * 1_048_576;

/** A whole HTTP answer: status, headers and the body read as text ('' when over the limit). */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** How one HTTP exchange is bounded. */
export interface ExchangeOptions {
  fetch: FetchLike;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/**
 * One HTTP exchange, body included, within `timeoutMs`. The caller's abort signal wins and its
 * reason is thrown as is; a timeout or a network failure becomes a retryable `AdapterError`.
 */
export async function exchange(
  url: string,
  init: RequestInit,
  options: ExchangeOptions,
): Promise<HttpAnswer> {
  const { signal, timeoutMs } = options;
  signal?.throwIfAborted();
  // Not AbortSignal.any/timeout: older Safari lacks them, and the widget runs there.
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, timeoutMs);
  try {
    // A redirect is never followed: fetch would send the api_key and the sender's details on
    // to whatever address it names. It comes back as an answer for errorFromAnswer to refuse.
    const response = await options.fetch(url, {
      ...init,
      redirect: 'manual',
      signal: controller.signal,
    });
    const body = (await textOf(response, MAX_ANSWER_BYTES)) ?? '';
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const where = new URL(url).origin;
    if (timedOut) {
      throw new AdapterError(`Open311 server ${where} did not answer within ${timeoutMs} ms`, {
        reason: 'unavailable',
        cause: error,
      });
    }
    throw new AdapterError(`Could not reach the Open311 server ${where}: ${describe(error)}`, {
      reason: 'unavailable',
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** Waits, unless the signal aborts first (then throws its reason). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The body as JSON, or `undefined` when it is not JSON. */
export function jsonOf(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return undefined;
  }
}

/** The URL of a resource under the endpoint: `{baseUrl}/{path}.json?jurisdiction_id=…`. */
export function resourceUrl(
  baseUrl: string,
  path: string,
  jurisdictionId: string | undefined,
): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path}.json`);
  if (jurisdictionId !== undefined) url.searchParams.set('jurisdiction_id', jurisdictionId);
  return url.href;
}
