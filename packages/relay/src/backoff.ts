/** How long to wait before the next attempt. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The longest wait a backend's `Retry-After` gets: a day. A longer one is more likely a mistake
 * (a date in a wrong year, seconds written for milliseconds) than a plan, and would leave the
 * synpunkt pending, never dead, until then: a date in 9999 parks it for good.
 */
export const LONGEST_RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * Exponential backoff with jitter: after the n-th failed attempt, wait between half and all of
 * `min(maxDelayMs, baseDelayMs × 2^(n−1))`, so many deliveries that failed together do not all
 * come back at once. A backend's own `Retry-After` wins when it asks for longer, up to
 * {@link LONGEST_RETRY_AFTER_MS}.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  if (retryAfterMs === undefined || retryAfterMs <= delay) return delay;
  return Math.max(delay, Math.min(retryAfterMs, LONGEST_RETRY_AFTER_MS));
}
