/**
 * `restAdapter`: posts a synpunkt as JSON to a municipality's own endpoint or the relay, for
 * browsers and Node. The wire format is described in `docs/rest.md`.
 * @packageDocumentation
 */
import {
  AdapterError,
  IDEMPOTENCY_HEADER,
  PROBLEM_CONTENT_TYPE,
  type Adapter,
} from '@synpunkt/sdk';
import ky, { HTTPError } from 'ky';
import { parseRestConfig, type RestAdapterConfig } from './config.js';
import { failureOf, isTransient, jsonOf, retryAfterMs } from './errors.js';
import { receiptOf } from './receipt.js';

export type { FetchFunction, RestAdapterConfig } from './config.js';

/**
 * The longest `Retry-After` the adapter waits for while the sender waits. A longer one ends the
 * try at once with a retryable error carrying `retryAfterMs`, for the caller to schedule.
 */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Every status worth retrying: 408, 429 and 5xx (ky wants them listed). */
const RETRY_STATUSES = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

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
 * @throws TypeError when the configuration is wrong, naming the field.
 * @example
 * ```ts
 * const adapter = restAdapter({ endpoint: 'https://synpunkt.exempelkommun.se/v1/synpunkter' });
 * const receipt = await adapter.submit(submission);
 * ```
 */
export function restAdapter(config: RestAdapterConfig): Adapter {
  const options = parseRestConfig(config);
  return {
    name: 'rest',
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    async submit(submission, { signal } = {}) {
      signal?.throwIfAborted();
      let response: Response;
      let body: unknown;
      try {
        response = await ky.post(options.endpoint, {
          json: submission,
          headers: {
            ...options.headers,
            Accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
            'Content-Type': 'application/json',
            [IDEMPOTENCY_HEADER]: submission.id,
          },
          timeout: options.timeoutMs,
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
        body = await jsonOf(response);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw await failureOf(error, options.timeoutMs);
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
