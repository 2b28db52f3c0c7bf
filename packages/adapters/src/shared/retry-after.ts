/**
 * The longest wait a `Retry-After` is taken at. A backend that asks for more (a maintenance
 * window, a header set by mistake) is asked again after a day rather than in years: the relay
 * schedules the next try by this value and would otherwise leave the synpunkt waiting unseen.
 */
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

/**
 * Seconds from this many on are a moment, not a delay (Unix seconds, November 2023): some rate
 * limiters send the time to come back, which read as a delay would be some 55 years.
 */
const UNIX_SECONDS_FROM = 1_700_000_000;

/**
 * How long a `Retry-After` asks to wait, in milliseconds: delay-seconds (`120`, leniently
 * `1.5`), an HTTP date, or Unix seconds as some rate limiters send them. Never negative and at
 * most {@link RETRY_AFTER_MAX_MS}; `undefined` when there is no such value.
 */
export function retryAfterMsOf(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  let ms: number;
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    ms = seconds >= UNIX_SECONDS_FROM ? seconds * 1000 - now : seconds * 1000;
  } else if (/[a-z]/i.test(text)) {
    // An HTTP date names its day and month; Date.parse alone would take "-1" or "1.5" for one.
    ms = Date.parse(text) - now;
  } else {
    return undefined;
  }
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), RETRY_AFTER_MAX_MS);
}
