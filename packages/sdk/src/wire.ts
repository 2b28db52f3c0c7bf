import { ERROR_CODES, type ValidationIssue } from './errors.js';

/** The media type of error answers on the wire (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The header that carries the submission id on every try, so a receiver can deduplicate. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * An error answer from a receiver (the relay, a municipality's own endpoint), RFC 9457
 * problem details with the field errors in `errors`, as sdk codes with paths.
 */
export interface ProblemDetails {
  /** A URI naming the kind of problem, such as `https://synpunkt.se/problems/invalid-submission`. */
  type: string;
  /** A short, stable summary in English, for logs. */
  title: string;
  /** The HTTP status. */
  status: number;
  /** What went wrong in this case, for logs. Never shown to the sender: forms show the codes. */
  detail?: string;
  /** Field errors, when the submission itself was refused. */
  errors?: ValidationIssue[];
}

/**
 * Problem types the relay answers with; other receivers may use their own. A client tells
 * refusals with the same status apart by these (`AdapterError.problemType`).
 */
export const PROBLEM_TYPES = {
  /** 422: field errors in `errors`. */
  invalidSubmission: 'https://synpunkt.se/problems/invalid-submission',
  /** 409: the same Idempotency-Key came with a different body. */
  idempotencyConflict: 'https://synpunkt.se/problems/idempotency-conflict',
  /** 413: the body is over the limit. */
  tooLarge: 'https://synpunkt.se/problems/too-large',
  /** 415: not JSON. */
  unsupportedMediaType: 'https://synpunkt.se/problems/unsupported-media-type',
  /** 429: too many requests; see Retry-After. */
  rateLimited: 'https://synpunkt.se/problems/rate-limited',
  /** 503: the receiver cannot store anything right now. */
  unavailable: 'https://synpunkt.se/problems/unavailable',
  /** 400: the body is not UTF-8 JSON. */
  malformed: 'https://synpunkt.se/problems/malformed-request',
  /** 400: the `Idempotency-Key` header is missing or differs from the submission's `id`. */
  idempotencyKey: 'https://synpunkt.se/problems/idempotency-key',
  /**
   * 403: the proof-of-work solution is missing, wrong, expired or used for another submission.
   * A form solves a new challenge and sends again; the submission was not stored.
   */
  challengeFailed: 'https://synpunkt.se/problems/challenge-failed',
  /** 403: the page's origin is not one the receiver serves. */
  forbiddenOrigin: 'https://synpunkt.se/problems/forbidden-origin',
  /** 404: no such route. */
  notFound: 'https://synpunkt.se/problems/not-found',
} as const;

/** A `422` answer listing what is wrong with a submission. */
export function invalidSubmissionProblem(issues: ValidationIssue[]): ProblemDetails {
  return {
    type: PROBLEM_TYPES.invalidSubmission,
    title: 'The submission is not valid',
    status: 422,
    errors: issues,
  };
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/**
 * The field errors of a problem answer that this sdk understands, whatever else the receiver
 * put there; codes it does not know are dropped rather than shown as blanks.
 */
export function issuesOfProblem(body: unknown): ValidationIssue[] {
  if (typeof body !== 'object' || body === null) return [];
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown): ValidationIssue[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, code, params } = entry as Record<string, unknown>;
    if (typeof code !== 'string' || !KNOWN_CODES.has(code) || !Array.isArray(path)) return [];
    const cleanPath = path.filter((key): key is string | number =>
      ['string', 'number'].includes(typeof key),
    );
    const issue: ValidationIssue = { path: cleanPath, code: code as ValidationIssue['code'] };
    if (typeof params === 'object' && params !== null) {
      const { max, allowed } = params as { max?: unknown; allowed?: unknown };
      issue.params = {
        ...(typeof max === 'number' ? { max } : {}),
        ...(Array.isArray(allowed)
          ? { allowed: allowed.filter((a): a is string => typeof a === 'string') }
          : {}),
      };
    }
    return [issue];
  });
}

/**
 * The header that carries a solved proof-of-work challenge: base64 of the JSON `PowSolution`.
 * Forms solve it in the background while the person types; nobody sees a puzzle.
 */
export const POW_HEADER = 'Synpunkt-Pow';

/**
 * The header that carries the form's honeypot field when something filled it (one line,
 * printable ASCII). A receiver keeps such a submission aside (quarantine) rather than drop it:
 * a browser's autofill can fill a hidden field too.
 */
export const HONEYPOT_HEADER = 'Synpunkt-Honeypot';

/** What `GET /v1/challenge` answers: ALTCHA's challenge format. */
export interface PowChallenge {
  /** The hash; only `SHA-256` is in use. */
  algorithm: string;
  /** Hex SHA-256 of `salt + number`, for a secret number up to `maxnumber`. */
  challenge: string;
  /** The largest number to try (ALTCHA: 1 000 000 when absent). */
  maxnumber?: number;
  /** Random text, often ending in `?expires=<unix seconds>`. */
  salt: string;
  /** The receiver's signature of the challenge, sent back untouched. */
  signature: string;
}

/** A solved challenge: what goes, base64-encoded JSON, in `POW_HEADER`. */
export interface PowSolution {
  /** As in the challenge. */
  algorithm: string;
  /** As in the challenge. */
  challenge: string;
  /** The number found: `SHA-256(salt + number) === challenge`. */
  number: number;
  /** As in the challenge. */
  salt: string;
  /** As in the challenge. */
  signature: string;
}
