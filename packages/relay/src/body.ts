/** Why a body could not be read. */
export type BodyError = 'too_large' | 'invalid_encoding' | 'invalid_json';

/** A parsed body, or why there is none. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; error: BodyError };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a request body as strict UTF-8 JSON, stopping as soon as it passes `limit` bytes (so a
 * huge body never sits in memory). Invalid UTF-8 is refused, not replaced.
 */
export async function readJsonBody(request: Request, limit: number): Promise<BodyResult> {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > limit) return { ok: false, error: 'too_large' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return { ok: false, error: 'too_large' };
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks, size);
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, error: 'invalid_encoding' };
  }
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
