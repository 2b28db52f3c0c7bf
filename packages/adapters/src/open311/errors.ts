import { AdapterError } from '@synpunkt/sdk';
import { retryAfterMsOf } from '../shared/retry-after.js';
import type { HttpAnswer } from './http.js';
import { jsonOf } from './http.js';

/** One entry of the spec's error answer: `[{ "code": 403, "description": "…" }]`. */
export interface Open311ErrorEntry {
  /** The server's error code, as text (often the HTTP status, sometimes its own code). */
  code: string;
  /** The server's explanation, meant to be shown to a person. */
  description: string;
}

/** Longest server text quoted in an error message: enough for an operator, bounded for logs. */
const QUOTE_MAX = 1_000;

/**
 * The spec's error answer (an array of `{ code, description }`; also accepted wrapped as
 * `{ "errors": [...] }`), or an empty list when the body is something else.
 */
export function parseSpecErrors(body: unknown): Open311ErrorEntry[] {
  const list =
    typeof body === 'object' && body !== null && !Array.isArray(body) && 'errors' in body
      ? (body as { errors: unknown }).errors
      : body;
  if (!Array.isArray(list)) return [];
  const entries: Open311ErrorEntry[] = [];
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { code, description } = item as Record<string, unknown>;
    if (typeof description !== 'string' && typeof code !== 'string' && typeof code !== 'number')
      continue;
    entries.push({
      code: typeof code === 'string' || typeof code === 'number' ? String(code) : '',
      description: typeof description === 'string' ? description : '',
    });
  }
  return entries;
}

/** `Retry-After` in milliseconds (see `retryAfterMsOf`), when present and sensible. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  return retryAfterMsOf(headers.get('retry-after'), now);
}

function quote(answer: HttpAnswer): string {
  const entries = parseSpecErrors(jsonOf(answer));
  const text =
    entries.length > 0
      ? entries
          .map((entry) =>
            entry.code && entry.description
              ? `${entry.description} (${entry.code})`
              : entry.description || entry.code,
          )
          .join('; ')
      : answer.body.trim();
  if (!text) return '';
  return `: ${text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text}`;
}

/**
 * The `AdapterError` for a non-2xx answer, with the server's descriptions in the message.
 * 401/403 (API key) and 404 (GeoReport v2: the `service_code` or `jurisdiction_id` was not
 * found, or `baseUrl` is wrong) → `configuration`; 408, 429 and 5xx → `unavailable` (retryable,
 * honouring `Retry-After`); every other 4xx (400…) → `rejected`. `action` names the call for
 * the message, e.g. `POST /requests.json`.
 */
export function errorFromAnswer(answer: HttpAnswer, action: string): AdapterError {
  const { status } = answer;
  const said = quote(answer);
  if (status >= 300 && status < 400) {
    const to = answer.headers.get('location');
    return new AdapterError(
      `The Open311 server answered ${action} with a redirect (HTTP ${status}${to ? ` to ${to}` : ''}); ` +
        'it is not followed, so the API key and the submission go nowhere else: set endpoint to the final address',
      { reason: 'configuration', status },
    );
  }
  if (status === 401 || status === 403) {
    return new AdapterError(
      `The Open311 server refused the API key on ${action} (HTTP ${status})${said}`,
      { reason: 'configuration', status },
    );
  }
  if (status === 404) {
    return new AdapterError(
      `The Open311 server found nothing for ${action} (HTTP 404)${said}: ` +
        'check baseUrl, jurisdictionId and serviceCodes',
      { reason: 'configuration', status },
    );
  }
  if (status === 408 || status === 429 || status >= 500) {
    const wait = retryAfterMs(answer.headers);
    return new AdapterError(
      `The Open311 server is unavailable on ${action} (HTTP ${status})${said}`,
      wait === undefined
        ? { reason: 'unavailable', status }
        : { reason: 'unavailable', status, retryAfterMs: wait },
    );
  }
  return new AdapterError(`The Open311 server refused ${action} (HTTP ${status})${said}`, {
    reason: 'rejected',
    status,
  });
}

/**
 * The error a 2xx answer carries inside, or `undefined` when it carries none. Some servers send
 * every answer with HTTP 200 and only the spec's error list (`[{ "code": 403, "description":
 * "Invalid api_key" }]`) says the request was refused: read as a blackbox acceptance, it would
 * give the sender a receipt for a request that does not exist. Classified as the same error sent
 * with its code as the HTTP status would be (403 → `configuration`, 503 → `unavailable` …); an
 * entry without such a code is a refusal.
 */
export function errorInsideSuccess(answer: HttpAnswer, action: string): AdapterError | undefined {
  const body = jsonOf(answer);
  const entries = parseSpecErrors(body);
  const [first] = entries;
  // Only a list of errors: a request entry has neither code nor description.
  if (first === undefined || first.description === '') return undefined;
  const code = Number(first.code);
  const status = Number.isInteger(code) && code >= 400 && code < 600 ? code : 400;
  const error = errorFromAnswer({ ...answer, status }, action);
  return new AdapterError(
    error.message.replace(`(HTTP ${status})`, `(HTTP ${answer.status}, an error list inside)`),
    {
      reason: error.reason,
      retryable: error.retryable,
      status: answer.status,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    },
  );
}
