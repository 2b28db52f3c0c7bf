import type { ResolvedOpen311Config } from './config.js';
import { parseTokenAnswer } from './answer.js';
import { exchange, jsonOf, resourceUrl, sleep } from './http.js';

/**
 * Asks `GET /tokens/{token}` up to `tokenPolls` times, `tokenPollIntervalMs` apart, for the
 * request id. Any answer without an id (still queued, 404, 5xx, no connection) counts as "not
 * yet": the request was already accepted. Returns the id, or `undefined` when none came.
 * An aborted signal stops it at once with the signal's reason.
 */
export async function pollToken(
  token: string,
  config: ResolvedOpen311Config,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const url = resourceUrl(
    config.baseUrl,
    `tokens/${encodeURIComponent(token)}`,
    config.jurisdictionId,
  );
  for (let poll = 0; poll < config.tokenPolls; poll += 1) {
    await sleep(config.tokenPollIntervalMs, signal);
    try {
      const answer = await exchange(
        url,
        { method: 'GET', headers: { accept: 'application/json' } },
        { fetch: config.fetch, timeoutMs: config.timeoutMs, signal },
      );
      if (answer.status >= 200 && answer.status < 300) {
        const id = parseTokenAnswer(jsonOf(answer));
        if (id !== undefined) return id;
      }
    } catch {
      if (signal?.aborted) throw signal.reason;
      // Unreachable for a moment: the next poll may succeed.
    }
  }
  return undefined;
}
