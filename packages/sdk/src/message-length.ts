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
 * The length a form shows beside "av 10 000 tecken", counted as the check that will judge it.
 * Two limits may apply: the schema's own counts characters (code points: a plain emoji is one,
 * a flag two), and a backend's `maxMessageLength` counts UTF-16 code units (an emoji is two), as
 * most servers do, so the count is never more lenient than the backend. The one with less room left is the
 * one that applies. One function, so a form's counter and the client's check cannot disagree.
 */
export function messageLength(
  message: string,
  capabilities: AdapterCapabilities = {},
): MessageLength {
  const schema = { length: [...message].length, max: LIMITS.messageMax };
  const backend = capabilities.maxMessageLength;
  if (backend === undefined) return schema;
  const server = { length: message.length, max: backend };
  return server.max - server.length < schema.max - schema.length ? server : schema;
}
