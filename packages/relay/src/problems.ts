import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemDetails } from '@synpunkt/sdk';

/**
 * Problem types the relay answers with: the sdk's, and a few of its own for requests that are
 * wrong before they are a submission.
 */
export const RELAY_PROBLEM_TYPES = {
  ...PROBLEM_TYPES,
  /** The body is not UTF-8 JSON. */
  malformed: 'https://synpunkt.se/problems/malformed-request',
  /** The `Idempotency-Key` header is missing or differs from the submission's `id`. */
  idempotencyKey: 'https://synpunkt.se/problems/idempotency-key',
  /** The proof-of-work solution is missing, wrong, expired or already used. */
  challengeFailed: 'https://synpunkt.se/problems/challenge-failed',
  /** The page's origin is not one the relay serves. */
  forbiddenOrigin: 'https://synpunkt.se/problems/forbidden-origin',
  /** No such route. */
  notFound: 'https://synpunkt.se/problems/not-found',
} as const;

/** A problem+json response. */
export function problemResponse(
  problem: ProblemDetails,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** A problem with a type, title and status (and an optional detail for logs). */
export function problem(
  type: string,
  status: number,
  title: string,
  detail?: string,
): ProblemDetails {
  return detail === undefined ? { type, title, status } : { type, title, status, detail };
}
