import { parseReceiverLimits, type ReceiverLimits } from '@synpunkt/sdk';

/** A relay that has not answered in this time is as good as one without limits to tell. */
const FETCH_TIMEOUT_MS = 10_000;

/**
 * The relay's `GET /v1/limits`: what each of its targets takes, so the form shows the right
 * limits before the person writes or picks a file. `undefined` when there is no such answer (an
 * older relay, a municipality's own endpoint, offline): the form then keeps the limits it has,
 * and the receiver's refusal still names any it missed.
 */
export async function fetchReceiverLimits(url: string): Promise<ReceiverLimits | undefined> {
  try {
    const answer = await fetch(url, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    return answer.ok ? parseReceiverLimits(await answer.json()) : undefined;
  } catch {
    return undefined;
  }
}
