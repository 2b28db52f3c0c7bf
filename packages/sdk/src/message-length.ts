import type { AdapterCapabilities } from './adapter.js';
import { LIMITS } from './limits.js';

/** How long a message is, measured the way the limit that applies to it measures. */
export interface MessageLength {
  /** The message's length by that measure. */
  length: number;
  /** The limit that applies: the schema's, or the backend's when that is lower. */
  max: number;
}

/**
 * The length a form shows beside "av 10 000 tecken", counted as the check that will judge it:
 * the schema's own limit counts characters (code points: an emoji is one), and a backend's lower
 * `maxMessageLength` counts UTF-16 code units (an emoji is two), as most servers do, so the
 * count is never more lenient than the backend. One function, so a form's counter and the
 * client's check cannot disagree.
 */
export function messageLength(
  message: string,
  capabilities: AdapterCapabilities = {},
): MessageLength {
  const backend = capabilities.maxMessageLength;
  if (backend !== undefined && backend < LIMITS.messageMax) {
    return { length: message.length, max: backend };
  }
  return { length: [...message].length, max: LIMITS.messageMax };
}
