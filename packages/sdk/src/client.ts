import { untilAborted } from './abort.js';
import type { Adapter, AdapterCapabilities, Receipt } from './adapter.js';
import { addWorkingDays, toPlainDate, type PlainDate } from './calendar.js';
import {
  AdapterError,
  isAdapterError,
  SynpunktValidationError,
  type ValidationIssue,
} from './errors.js';
import { isInstant } from './fields.js';
import { messageLength } from './message-length.js';
import { parseSubmission } from './schema.js';
import type { Submission, SubmissionInput } from './submission.js';
import { SCHEMA_VERSION } from './vocabulary.js';

/** What a form hands the client: a submission without the fields the client fills in. */
export type SubmissionDraft = Omit<SubmissionInput, 'schemaVersion' | 'id' | 'submittedAt'> & {
  /** Set to resend a draft under an id it already had (a form restored after a reload). */
  id?: string;
  /**
   * Set with `id` to resend exactly what was sent before: the first try's `submittedAt`
   * (see `SynpunktClient.sentAt`). Otherwise the client stamps it on the first try.
   */
  submittedAt?: string;
};

/** Options for `createClient`. */
export interface ClientOptions {
  /** The backend to deliver to. */
  adapter: Adapter;
  /** The municipality's promise: an answer within this many working days. Default 10. */
  replyWithinWorkingDays?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/** Options for one `submit`. */
export interface SubmitOptions {
  /** Aborts the delivery. */
  signal?: AbortSignal;
}

/** Sends synpunkter through one adapter: see `createClient`. */
export interface SynpunktClient {
  /** What the adapter's backend can carry now, for showing limits in the form. */
  readonly capabilities: AdapterCapabilities;
  /** Every issue with a draft, including the backend's limits, without sending it. */
  validate(draft: SubmissionDraft): ValidationIssue[];
  /**
   * Validates, gives the draft its id (once: sending the same draft object again reuses it, so a
   * retry never makes a duplicate) and its `submittedAt`, and delivers it through the adapter.
   * Throws `SynpunktValidationError` for bad input and `AdapterError` when delivery fails.
   */
  submit(draft: SubmissionDraft, options?: SubmitOptions): Promise<Receipt>;
  /** The id this draft has been or will be sent under. */
  idOf(draft: SubmissionDraft): string;
  /**
   * When the submission with this id was first sent, if it was: every retry carries the same
   * `submittedAt`, so a receiver that compares bodies sees the same submission, not a conflict.
   */
  sentAt(id: string): string | undefined;
}

/** A random UUID v4, also where `crypto.randomUUID` is missing (pages served over plain http). */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Issues a backend's declared limits raise for an otherwise valid submission. */
export function capabilityIssues(
  submission: Submission,
  capabilities: AdapterCapabilities,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { attachments: files } = capabilities;
  const { length, max } = messageLength(submission.message, capabilities);
  if (length > max) issues.push({ path: ['message'], code: 'too_long', params: { max } });
  const attached = submission.attachments;
  if (attached.length === 0 || files === undefined) return issues;
  if (files === false) return [...issues, { path: ['attachments'], code: 'files_not_supported' }];
  if (files.maxCount !== undefined && attached.length > files.maxCount) {
    issues.push({ path: ['attachments'], code: 'too_many_files', params: { max: files.maxCount } });
  }
  const total = attached.reduce((sum, file) => sum + file.size, 0);
  if (files.maxTotalBytes !== undefined && total > files.maxTotalBytes) {
    issues.push({
      path: ['attachments'],
      code: 'files_too_large',
      params: { max: files.maxTotalBytes },
    });
  }
  attached.forEach((file, index) => {
    if (files.types && !files.types.includes(file.type)) {
      issues.push({
        path: ['attachments', index, 'type'],
        code: 'file_type_not_allowed',
        params: { allowed: files.types },
      });
    }
    if (files.maxBytes !== undefined && file.size > files.maxBytes) {
      issues.push({
        path: ['attachments', index, 'size'],
        code: 'file_too_large',
        params: { max: files.maxBytes },
      });
    }
  });
  return issues;
}

/** FNV-1a, 32 bits: enough to tell an edited draft from the one sent, in the browser too. */
function fingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function isRealPlainDate(value: string): boolean {
  try {
    toPlainDate(value);
    return true;
  } catch {
    return false;
  }
}

function isReceipt(value: unknown, id: string): value is Receipt {
  if (typeof value !== 'object' || value === null) return false;
  const receipt = value as Record<string, unknown>;
  return (
    // A backend may keep the id as a uuid column, which writes it in lower case.
    typeof receipt.id === 'string' &&
    receipt.id.toLowerCase() === id.toLowerCase() &&
    typeof receipt.reference === 'string' &&
    receipt.reference.length > 0 &&
    typeof receipt.receivedAt === 'string' &&
    !Number.isNaN(Date.parse(receipt.receivedAt))
  );
}

/**
 * The day a reply is promised by, counted from when the backend says it received the synpunkt;
 * from now when that is no instant the calendar can count from (a broken backend's `"1"` or
 * year 2301): the synpunkt arrived, and the form must not fail on the date.
 */
function promisedDay(receivedAt: string, days: number, now: () => Date): PlainDate {
  try {
    if (isInstant(receivedAt)) return addWorkingDays(new Date(receivedAt), days);
  } catch {
    // Out of the calendar's years: counted from now.
  }
  return addWorkingDays(now(), days);
}

/** The client a form or a server uses to send synpunkter through one adapter. */
export function createClient(options: ClientOptions): SynpunktClient {
  const { adapter, replyWithinWorkingDays = 10, now = () => new Date() } = options;
  if (!Number.isInteger(replyWithinWorkingDays) || replyWithinWorkingDays < 0) {
    throw new RangeError('replyWithinWorkingDays must be a whole number of days, 0 or more');
  }
  // Read at every check: an adapter may learn its backend's limits after it was made (a form
  // asking its relay), and a check must use what is known then.
  const capabilities = () => adapter.capabilities ?? {};
  const ids = new WeakMap<SubmissionDraft, string>();

  const idOf = (draft: SubmissionDraft): string => {
    const id = draft.id ?? ids.get(draft) ?? newSubmissionId();
    ids.set(draft, id);
    return id;
  };

  // The first try's timestamp per id: a retry must be byte-for-byte the same submission.
  const firstSent = new Map<string, string>();
  // A fingerprint of what went to the adapter under each id (all but the time), to notice a
  // changed draft. A hash, not the text: attachments are megabytes. The last 1 000 ids.
  const sentContent = new Map<string, number>();
  const contentOf = (submission: Submission) =>
    fingerprint(JSON.stringify({ ...submission, submittedAt: undefined }));

  const build = (draft: SubmissionDraft): SubmissionInput => {
    const id = idOf(draft);
    const submittedAt = draft.submittedAt ?? firstSent.get(id) ?? now().toISOString();
    // `{ place: undefined }` from a script is no place, not a place that is missing.
    const given = Object.fromEntries(
      Object.entries(draft).filter(([, value]) => value !== undefined),
    );
    return { ...given, schemaVersion: SCHEMA_VERSION, id, submittedAt } as SubmissionInput;
  };

  const check = (draft: SubmissionDraft) => {
    const parsed = parseSubmission(build(draft));
    if (!parsed.success) return { issues: parsed.issues };
    return { submission: parsed.data, issues: capabilityIssues(parsed.data, capabilities()) };
  };

  return {
    get capabilities() {
      return capabilities();
    },
    idOf,
    sentAt: (id) => firstSent.get(id),
    validate: (draft) => check(draft).issues,
    async submit(draft, { signal } = {}) {
      let { submission, issues } = check(draft);
      if (!submission || issues.length > 0) throw new SynpunktValidationError(issues);
      // The draft changed since it went out under this id (the sender edited it after a
      // failure): that is another synpunkt. The same id would get the first one's receipt, or
      // be refused as a conflict, and the change would be lost. An id the caller set is theirs.
      const before = sentContent.get(submission.id);
      if (draft.id === undefined && before !== undefined && before !== contentOf(submission)) {
        ids.set(draft, newSubmissionId());
        ({ submission, issues } = check(draft));
        if (!submission || issues.length > 0) throw new SynpunktValidationError(issues);
      }
      sentContent.delete(submission.id);
      sentContent.set(submission.id, contentOf(submission));
      if (sentContent.size > 1000) sentContent.delete(sentContent.keys().next().value ?? '');
      if (!firstSent.has(submission.id)) firstSent.set(submission.id, submission.submittedAt);
      signal?.throwIfAborted();
      let receipt: unknown;
      try {
        const sent = adapter.submit(submission, signal ? { signal } : {});
        // An adapter that does not listen to the signal must not leave the sender on "Skickar…".
        receipt = await (signal ? untilAborted(sent, signal) : sent);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isAdapterError(error)) throw error;
        // An adapter that broke its contract: treat it as an outage rather than lose the draft.
        throw new AdapterError(`The ${adapter.name} adapter failed: ${String(error)}`, {
          reason: 'unavailable',
          cause: error,
        });
      }
      if (!isReceipt(receipt, submission.id)) {
        throw new AdapterError(
          `The ${adapter.name} adapter returned no valid receipt for ${submission.id}`,
          { reason: 'rejected' },
        );
      }
      // A reply-by date that is no real date (a broken backend, or one that writes `null` or a
      // number) is dropped, not shown: the synpunkt arrived, and a form must not fail on
      // writing "senast 2026-99-99" out.
      const { replyBy, ...rest } = receipt as Omit<Receipt, 'replyBy'> & { replyBy?: unknown };
      const valid = typeof replyBy === 'string' && isRealPlainDate(replyBy) ? { replyBy } : {};
      if (submission.reply.wanted && valid.replyBy === undefined) {
        return { ...rest, replyBy: promisedDay(receipt.receivedAt, replyWithinWorkingDays, now) };
      }
      return { ...rest, ...valid };
    },
  };
}
