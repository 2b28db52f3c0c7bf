import type { AttachmentType } from './vocabulary.js';
import type { Submission } from './submission.js';

/**
 * What the sender gets back: proof that the municipality has the synpunkt.
 * `reference` is what they quote when they call (an ärendenummer such as `SYN-2026-000042`).
 */
export interface Receipt {
  /** The submission's own id (the idempotency key). */
  id: string;
  /** The receiver's reference for the case. */
  reference: string;
  /** When the receiver stored it, as an ISO 8601 instant. */
  receivedAt: string;
  /** The last day (`YYYY-MM-DD`, Swedish calendar) by which the sender will hear back, if they asked to. */
  replyBy?: string;
}

/** Passed to every `submit` call. */
export interface AdapterContext {
  /** Aborts the delivery: the adapter stops and throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * The reference the sender already got, when a relay forwards a submission it has accepted.
   * An adapter whose backend has no numbering of its own (e-mail) uses it, so the clerk sees the
   * same `SYN-2026-000042` that is on the sender's receipt.
   */
  reference?: string;
  /**
   * The day (`YYYY-MM-DD`) the sender's receipt promised a reply by, when a relay forwards a
   * submission it has accepted and the sender wants a reply. An adapter may pass it on: the
   * e-mail adapter shows it to the clerk and in the sender's confirmation.
   */
  replyBy?: string;
  /**
   * When the relay accepted the submission (ISO 8601, the receipt's `receivedAt`). A delivery
   * can come hours later, after an outage: this, not the time of delivery, is when the
   * municipality received it, and the day the reply-by date counts from.
   */
  receivedAt?: string;
}

/**
 * What a backend can carry, so a form can show the right limits before the sender types or
 * picks a file. An adapter never truncates or drops anything: what does not fit is refused.
 */
export interface AdapterCapabilities {
  /** Longest message the backend stores (Open311: 4 000 characters). */
  maxMessageLength?: number;
  /** Attachments the backend takes, or `false` when it takes none. */
  attachments?: false | AttachmentCapabilities;
}

/** The attachments a backend takes. Absent limits mean the sdk's own (`LIMITS`). */
export interface AttachmentCapabilities {
  /** Media types it takes. */
  types?: readonly AttachmentType[];
  /** Most files in one submission. */
  maxCount?: number;
  /** Largest single file, in bytes. */
  maxBytes?: number;
  /** Largest total of all files, in bytes. */
  maxTotalBytes?: number;
}

/**
 * A backend. Made by a factory (`restAdapter({ endpoint })`), never a class to extend. It speaks
 * its protocol and nothing else: it must treat a second arrival of the same `submission.id` as
 * the first (same receipt, no duplicate), and fail only with an `AdapterError` that says whether
 * a retry may help.
 */
export interface Adapter {
  /** A short name for logs and metrics: `rest`, `email`, `artvise`. */
  readonly name: string;
  /**
   * What the backend can carry; absent means the sdk's own limits. The client reads it at every
   * check, so a getter may answer with limits learned later (see `RouteLimits`).
   */
  readonly capabilities?: AdapterCapabilities;
  /** Delivers one validated submission and resolves with the backend's receipt. */
  submit(submission: Submission, context?: AdapterContext): Promise<Receipt>;
}
