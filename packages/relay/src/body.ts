import type { BodyReservation } from './body-budget.js';

/**
 * Why a body could not be read. `busy`: a chunked body grew past what the relay's
 * {@link BodyReservation} could take while other bodies are in flight.
 */
export type BodyError =
  'too_large' | 'busy' | 'invalid_encoding' | 'invalid_json' | 'too_many_values';

/**
 * The most JSON values a body may hold. A submission has about 60 at most (its 14 fields, the
 * reply's 9, five files of 4). A body of millions of tiny values (`[0,0,0,…]`,
 * `{"attachments":[{},{},…]}`) fits the byte limit too, but `JSON.parse` and the schema would
 * hold the relay's only thread for seconds and take a gigabyte of memory for each, so such a
 * body is refused before it is parsed.
 */
export const MAX_JSON_VALUES = 1000;

/**
 * Whether JSON `bytes` hold more than `max` values, judged by the `{`, `[`, `,` and `:` outside
 * strings: one pass over the bytes, nothing allocated.
 */
function moreValuesThan(bytes: Uint8Array, max: number): boolean {
  let count = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      // After a backslash the next byte is escaped: `\"` does not end the string.
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b || byte === 0x2c || byte === 0x3a) {
      if (++count > max) return true;
    }
  }
  return false;
}

/** A parsed body, or why there is none. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; error: BodyError };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a request body's bytes, stopping as soon as it passes `limit` bytes (so a huge body
 * never sits in memory): `too_large` when it is larger. With a `reservation`, a body that
 * arrives beyond the bytes it holds (chunked, without `Content-Length`) must grow it, or
 * reading stops with `busy`.
 */
export async function readBodyBytes(
  request: Request,
  limit: number,
  reservation?: BodyReservation,
): Promise<Uint8Array | 'too_large' | 'busy'> {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > limit) return 'too_large';
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      const refused =
        size > limit ? 'too_large' : reservation && !reservation.grow(size) ? 'busy' : undefined;
      if (refused) {
        await reader.cancel().catch(() => {});
        return refused;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads a request body as strict UTF-8 JSON of at most `limit` bytes (and, with a
 * `reservation`, within the relay's budget of bytes in flight). Invalid UTF-8 is
 * refused, not replaced, and so is a body of more than {@link MAX_JSON_VALUES} values, before it
 * is parsed.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
  reservation?: BodyReservation,
): Promise<BodyResult> {
  const bytes = await readBodyBytes(request, limit, reservation);
  if (typeof bytes === 'string') return { ok: false, error: bytes };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, error: 'invalid_encoding' };
  }
  if (moreValuesThan(bytes, MAX_JSON_VALUES)) return { ok: false, error: 'too_many_values' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: 'invalid_json' };
  }
}

/** Whether a Content-Type header names JSON (`application/json`, optionally `; charset=utf-8`). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every(
    (param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param),
  );
}
