/**
 * Every way a submission can be wrong, as a code the widget maps to a text in each language.
 * Codes, never prose: a missing translation is then a compile error, not a blank on screen.
 */
export const ERROR_CODES = [
  /** A required field is missing or empty. */
  'required',
  /** The value has the wrong JSON type (a number where text belongs, and so on). */
  'invalid_type',
  /** Text longer than allowed; `params.max` says how long it may be. */
  'too_long',
  /** Control characters or broken characters in text (a line break in a name, say). */
  'invalid_characters',
  /** Not one of the allowed values; `params.allowed` lists them. */
  'invalid_value',
  /** A key the format does not have (unknown keys are refused, never ignored). */
  'unknown_key',
  /** Not a UUID. */
  'invalid_id',
  /** Not an e-mail address. */
  'invalid_email',
  /** Not a phone number (Swedish or international with a country code). */
  'invalid_phone',
  /** Not a Swedish postal code (five digits, `NNN NN`). */
  'invalid_postal_code',
  /** Not a date (`YYYY-MM-DD`), date and time, or not a real one. */
  'invalid_date',
  /** A date after the moment the synpunkt was sent. */
  'date_in_future',
  /** Not an http or https address. */
  'invalid_url',
  /** A sender who wants no answer must not leave contact details (they would be stored for nothing). */
  'contact_not_allowed',
  /** A file name with a path, control characters or nothing in it. */
  'invalid_file_name',
  /** A file whose content is not base64. */
  'invalid_file_data',
  /** A file type that is not accepted; `params.allowed` lists the types. */
  'file_type_not_allowed',
  /** The file's bytes are not what its type claims (a PDF called a JPEG). */
  'file_type_mismatch',
  /** The declared size differs from the file's real size. */
  'file_size_mismatch',
  /** One file is too large; `params.max` is the limit in bytes. */
  'file_too_large',
  /** Too many files; `params.max` is the limit. */
  'too_many_files',
  /** All files together are too large; `params.max` is the limit in bytes. */
  'files_too_large',
  /** The backend takes no attachments at all. */
  'files_not_supported',
  /** A submission format version this sdk does not know. */
  'unsupported_version',
] as const;

/** One of `ERROR_CODES`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Extra facts an error text may show, such as the maximum length. */
export interface IssueParams {
  /** The largest length, count or size allowed. */
  max?: number;
  /** The values allowed. */
  allowed?: readonly string[];
}

/** One thing wrong with a submission, at a path such as `['reply', 'email']`. */
export interface ValidationIssue {
  /** Where in the submission: `['reply', 'email']`, `['attachments', 0, 'type']`, `[]` for the whole. */
  path: readonly (string | number)[];
  /** What is wrong. */
  code: ErrorCode;
  /** Facts for the text, such as the maximum. */
  params?: IssueParams;
}

/** Thrown by the client when a submission is refused before it is sent, or by the receiver. */
export class SynpunktValidationError extends Error {
  /** Always `SynpunktValidationError`. */
  override readonly name = 'SynpunktValidationError';
  /** @param issues Every issue found. */
  constructor(
    /** Every issue found. */
    readonly issues: readonly ValidationIssue[],
  ) {
    super(
      `The submission is not valid: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.code}`).join(', ')}`,
    );
  }
}

/** Why a delivery failed, in words an operator can act on. */
export type AdapterErrorReason =
  /** The backend could not be reached, timed out or answered 5xx/429: try again later. */
  | 'unavailable'
  /** The backend refused this submission (4xx, SOAP fault, Ok=false): a retry will not help. */
  | 'rejected'
  /** The backend refused the submission's content with field errors (`issues`). */
  | 'invalid'
  /** The adapter's own configuration is wrong (credentials, endpoint). */
  | 'configuration';

/** What an `AdapterError` is made of. */
export interface AdapterErrorOptions {
  /** Why the delivery failed. */
  reason: AdapterErrorReason;
  /** Whether sending the same submission again may succeed. Defaults by reason. */
  retryable?: boolean;
  /** Field errors the backend reported, mapped to sdk codes. */
  issues?: readonly ValidationIssue[];
  /** How long the backend asked us to wait before trying again, in milliseconds. */
  retryAfterMs?: number;
  /** The HTTP status or protocol code, for logs. */
  status?: number | string;
  /** The `type` of the receiver's problem+json answer, when it sent one (see `PROBLEM_TYPES`). */
  problemType?: string;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The one error an adapter throws. `retryable` tells the caller (the client, the relay's outbox)
 * whether to try again with the same submission id.
 */
export class AdapterError extends Error {
  /** Always `AdapterError`. */
  override readonly name = 'AdapterError';
  /** Why the delivery failed. */
  readonly reason: AdapterErrorReason;
  /** Whether sending the same submission again may succeed. */
  readonly retryable: boolean;
  /** Field errors the backend reported. */
  readonly issues: readonly ValidationIssue[];
  /** How long the backend asked us to wait, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The HTTP status or protocol code. */
  readonly status: number | string | undefined;
  /**
   * The `type` of the receiver's problem+json answer, when it sent one: tells apart refusals
   * with the same status, such as a failed proof of work and a forbidden origin (both 403).
   */
  readonly problemType: string | undefined;

  constructor(message: string, options: AdapterErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = options.reason;
    this.retryable = options.retryable ?? options.reason === 'unavailable';
    this.issues = options.issues ?? [];
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.problemType = options.problemType;
  }
}

/** True for an `AdapterError`, also one from another copy of this package. */
export function isAdapterError(error: unknown): error is AdapterError {
  return (
    error instanceof AdapterError ||
    (error instanceof Error && error.name === 'AdapterError' && 'retryable' in error)
  );
}
