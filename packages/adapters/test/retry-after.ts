import assert from 'node:assert/strict';
import type { AdapterError } from '@synpunkt/sdk';

/**
 * That a peer's `Retry-After`, sent as an HTTP date `seconds` ahead, reached the caller as the
 * wait until that moment. An HTTP date has whole seconds, so the wait is the time left until it,
 * give or take one; the rest of the slack is for a busy machine between answer and assertion.
 */
export function assertWaitsUntilHttpDate(error: AdapterError, seconds: number): void {
  const wait = error.retryAfterMs ?? 0;
  assert.ok(wait > (seconds - 5) * 1000 && wait <= seconds * 1000, `retryAfterMs ${wait}`);
}
