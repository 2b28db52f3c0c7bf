import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemDetails } from '@synpunkt/sdk';

/**
 * The problem types the relay answers with: the sdk's `PROBLEM_TYPES`, where every one of them
 * now lives so that clients can tell them apart.
 * @deprecated Use `PROBLEM_TYPES` from `@synpunkt/sdk`.
 */
export const RELAY_PROBLEM_TYPES = PROBLEM_TYPES;

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
