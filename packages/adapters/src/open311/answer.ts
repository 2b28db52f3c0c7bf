/** What the server said about a new service request. */
export type CreatedAnswer =
  /** Realtime: the request has its id. */
  | { kind: 'id'; id: string }
  /** Batch: a token to exchange for the id later. */
  | { kind: 'token'; token: string }
  /** Blackbox: accepted, but no id will ever come. */
  | { kind: 'none' };

/** An id or token as the spec's JSON may give it: text or a number. */
function identifier(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}

/** The `request` entries of a GeoReport JSON answer (an array; also `{ service_requests: [...] }`). */
function requestsOf(body: unknown): Record<string, unknown>[] | undefined {
  const list =
    typeof body === 'object' && body !== null && !Array.isArray(body) && 'service_requests' in body
      ? (body as { service_requests: unknown }).service_requests
      : body;
  if (!Array.isArray(list)) return undefined;
  return (list as unknown[]).filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
}

/**
 * Reads a 2xx answer to `POST /requests`: the first request's `service_request_id`, else its
 * `token`, else "accepted without an id". `undefined` when the body is not a GeoReport answer.
 */
export function parseCreated(body: unknown): CreatedAnswer | undefined {
  const [first] = requestsOf(body) ?? [];
  if (!first) return undefined;
  const id = identifier(first.service_request_id);
  if (id !== undefined) return { kind: 'id', id };
  const token = identifier(first.token);
  if (token !== undefined) return { kind: 'token', token };
  return { kind: 'none' };
}

/** The `service_request_id` in an answer to `GET /tokens/{token}`, once the server has one. */
export function parseTokenAnswer(body: unknown): string | undefined {
  const [first] = requestsOf(body) ?? [];
  return first ? identifier(first.service_request_id) : undefined;
}
