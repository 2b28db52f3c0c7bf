/** How long to wait before the next attempt. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with jitter: after the n-th failed attempt, wait between half and all of
 * `min(maxDelayMs, baseDelayMs × 2^(n−1))`, so many deliveries that failed together do not all
 * come back at once. A backend's own `Retry-After` wins when it asks for longer.
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
  return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
}
