/**
 * `restAdapter`: posts a synpunkt as JSON to a municipality's own endpoint or the relay, for
 * browsers and Node. The wire format is described in `docs/rest.md`.
 * @packageDocumentation
 */
import {
  AdapterError,
  capabilityIssues,
  IDEMPOTENCY_HEADER,
  isAdapterError,
  PROBLEM_CONTENT_TYPE,
  type Adapter,
  type Submission,
} from '@synpunkt/sdk';
import ky, { HTTPError } from 'ky';
import {
  headersProblem,
  parseRestConfig,
  type HeadersFunction,
  type RestAdapterConfig,
} from './config.js';
import { failureOf, isTransient, jsonOf, retryAfterMs } from './errors.js';
import { receiptOf } from './receipt.js';
import { timeoutFor } from './timeout.js';

export type { FetchFunction, HeadersFunction, RestAdapterConfig } from './config.js';

/**
 * The longest `Retry-After` the adapter waits for while the sender waits. A longer one ends the
 * try at once with a retryable error carrying `retryAfterMs`, for the caller to schedule.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Every status worth retrying: 408, 429 and 5xx (ky wants them listed). */
const RETRY_STATUSES = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/** Rejects with the signal's reason when it aborts; never resolves. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The extra headers for one submit: the static ones, or what the function makes (checked like
 * static ones). A function that throws fails the submit as `configuration`, unless it throws an
 * `AdapterError`, which passes through as it is.
 */
async function headersFor(
  headers: Readonly<Record<string, string>> | HeadersFunction,
  submission: Submission,
  signal: AbortSignal | undefined,
): Promise<Readonly<Record<string, string>>> {
  if (typeof headers !== 'function') return headers;
  let made: unknown;
  try {
    const making = Promise.resolve(headers(submission, signal ? { signal } : {}));
    // The sender may leave while the headers are being made: do not wait for them then.
    made = await (signal ? Promise.race([making, aborted(signal)]) : making);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isAdapterError(error)) throw error;
    throw new AdapterError(
      `rest: the headers function failed (${error instanceof Error ? error.message : String(error)})`,
      { reason: 'configuration', cause: error },
    );
  }
  signal?.throwIfAborted();
  const problem = headersProblem(made);
  if (problem !== undefined) {
    throw new AdapterError(`rest: headers: the function's result ${problem}`, {
      reason: 'configuration',
    });
  }
  return made as Readonly<Record<string, string>>;
}

/**
 * Makes an adapter that `POST`s each submission as JSON to `endpoint`, with its id as the
 * `Idempotency-Key`, and returns the receipt of a `201` (or `200`) answer.
 *
 * Network errors, 408, 429 and 5xx are retried `retries` times with backoff (honouring
 * `Retry-After` up to {@link MAX_RETRY_AFTER_MS}) and then fail as a retryable `unavailable`, as
 * does a try that gets no answer within `timeoutMs` (not retried: the sender has waited enough).
 * A `problem+json` answer with field errors fails as `invalid` with the sdk's codes in `issues`;
 * any other refusal as `rejected`. An aborted signal rejects with the signal's reason.
 *
 * `headers` may be a function: it is called once per `submit`, before the first try, and its
 * headers go with every try of that `submit`.
 *
 * @throws TypeError when the configuration is wrong, naming the field.
 * @example
 * ```ts
 * const adapter = restAdapter({ endpoint: 'https://synpunkt.exempelkommun.se/v1/synpunkter' });
 * const receipt = await adapter.submit(submission);
 * ```
 */
/**
 * Refuses, before any traffic, what the capabilities given in the configuration say the
 * endpoint cannot carry: a caller may skip the client, and nothing is cut or dropped.
 */
function refuseWhatDoesNotFit(
  submission: Submission,
  capabilities: RestAdapterConfig['capabilities'],
): void {
  const issues = capabilities ? capabilityIssues(submission, capabilities) : [];
  if (issues.length > 0) {
    throw new AdapterError(
      `The endpoint cannot carry this submission: ${issues.map((i) => `${i.path.join('.')} ${i.code}`).join(', ')}`,
      { reason: 'invalid', issues, retryable: false },
    );
  }
}

export function restAdapter(config: RestAdapterConfig): Adapter {
  const options = parseRestConfig(config);
  return {
    name: 'rest',
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    async submit(submission, { signal } = {}) {
      signal?.throwIfAborted();
      refuseWhatDoesNotFit(submission, options.capabilities);
      const extra = await headersFor(options.headers, submission, signal);
      const timeout = timeoutFor(submission, options);
      let response: Response;
      let body: unknown;
      try {
        response = await ky.post(options.endpoint, {
          json: submission,
          headers: {
            ...extra,
            Accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
            'Content-Type': 'application/json',
            [IDEMPOTENCY_HEADER]: submission.id,
          },
          timeout,
          // Never followed: the submission and any header with a key would go wherever the
          // redirect says. A 3xx (an opaque redirect in a browser) is a configuration error.
          redirect: 'manual',
          retry: {
            limit: options.retries,
            methods: ['post'],
            statusCodes: RETRY_STATUSES,
            afterStatusCodes: [429, 503],
            maxRetryAfter: MAX_RETRY_AFTER_MS,
            backoffLimit: 10_000,
            // Asked to wait longer than the sender should: stop now and report how long.
            shouldRetry: ({ error }) =>
              error instanceof HTTPError &&
              isTransient(error.response.status) &&
              (retryAfterMs(error.response) ?? 0) > MAX_RETRY_AFTER_MS
                ? false
                : undefined,
          },
          signal: signal ?? null,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        });
        body = await jsonOf(response, timeout);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw await failureOf(error, timeout);
      }
      const receipt = receiptOf(body, submission.id);
      if (receipt) return receipt;
      throw new AdapterError(
        `rest: the endpoint answered ${response.status} without a receipt for ${submission.id}`,
        { reason: 'rejected', status: response.status },
      );
    },
  };
}
