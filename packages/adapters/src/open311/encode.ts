import type { AdapterContext, Submission } from '@synpunkt/sdk';
import { withSwedishOffset } from './swedish-time.js';

/**
 * The `attribute[...]` codes this adapter sends, so the municipality's Open311 server (or
 * whoever reads its requests) can map them. GeoReport has no fields for them.
 */
export const ATTRIBUTES = {
  /** The submission's UUID: the idempotency key. A server should deduplicate on it. */
  submissionId: 'submission_id',
  /** `praise`, `suggestion` or `complaint`. */
  kind: 'kind',
  /** The area id from the form's list (`unknown` when the sender did not know). */
  area: 'area',
  /** When it happened: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, local time. Only when given. */
  occurredAt: 'occurred_at',
  /**
   * The case number of an earlier contact about the same matter, when the sender takes it
   * further (`KS 2026/123`), as typed. Only when given.
   */
  earlierReference: 'earlier_reference',
  /**
   * `true` when staff marked the complaint serious: it goes to the nearest manager at once.
   * Only then; an ordinary synpunkt sends no `serious`.
   */
  serious: 'serious',
  /** `web`, or `phone`, `visit`, `letter`, `email` when staff registered it. */
  channel: 'channel',
  /** The sender's language (BCP 47). */
  locale: 'locale',
  /** `standard` or `lattlast`: which form the sender used. */
  mode: 'mode',
  /** When the sender pressed send (ISO 8601 instant). */
  submittedAt: 'submitted_at',
  /** The page the form was on. */
  pageUrl: 'page_url',
  /** `true` when the sender wants an answer, `false` when anonymous. */
  replyWanted: 'reply_wanted',
  /** How the sender wants the answer: `email`, `phone` or `letter`. Only when wanted. */
  replyVia: 'reply_via',
  /** Postal address for an answer by letter: street. Only when given. */
  replyStreet: 'reply_street',
  /** Postal address for an answer by letter: postal code (`NNN NN`). Only when given. */
  replyPostalCode: 'reply_postal_code',
  /** Postal address for an answer by letter: city. Only when given. */
  replyCity: 'reply_city',
  /** From a relay: the reference on the sender's receipt (`SYN-2026-000042`). */
  reference: 'reference',
  /** From a relay: the day the sender was promised a reply by (`2026-12-08`). Only when wanted. */
  replyBy: 'reply_by',
  /** From a relay: when the municipality received it (ISO 8601 instant). */
  receivedAt: 'received_at',
} as const;

/** A name split for GeoReport's `first_name` and `last_name`. */
export interface SplitName {
  /** `first_name`: every word but the last. */
  first: string;
  /** `last_name`: the last word, when there are two or more. */
  last?: string;
}

/**
 * Splits a full name at its last space: given names first, family name last ("Anna Maria
 * Andersson" → "Anna Maria" + "Andersson"). A single word is a first name only.
 */
export function splitName(name: string): SplitName {
  const words = name.trim().split(/\s+/);
  const last = words.length > 1 ? words.pop() : undefined;
  const first = words.join(' ');
  return last === undefined ? { first } : { first, last };
}

/** What goes into the request besides the submission itself. */
export interface EncodeOptions {
  /** `api_key`. */
  apiKey: string;
  /** `jurisdiction_id`, when configured. */
  jurisdictionId: string | undefined;
  /** `service_code`, chosen by `serviceCodeFor`. */
  serviceCode: string;
  /** `address_string` when the submission has no place. */
  fallbackAddress: string | undefined;
  /** What a relay tells of the sender's receipt (see `AdapterContext`). */
  receipt?: Pick<AdapterContext, 'reference' | 'replyBy' | 'receivedAt'> | undefined;
}

/**
 * The `POST /requests` body for a submission, form-encoded as the spec requires. Contact fields
 * go only when the sender wants an answer; no `lat`/`long` (the form has no map).
 */
export function encodeRequest(submission: Submission, options: EncodeOptions): URLSearchParams {
  const form = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) form.append(key, value);
  };
  const attribute = (code: string, value: string | undefined) => put(`attribute[${code}]`, value);

  put('api_key', options.apiKey);
  put('jurisdiction_id', options.jurisdictionId);
  put('service_code', options.serviceCode);
  put('description', submission.message);
  put('address_string', submission.place ?? options.fallbackAddress);

  const { reply } = submission;
  if (reply.wanted) {
    const name = splitName(reply.name);
    put('first_name', name.first);
    put('last_name', name.last);
    put('email', reply.email);
    put('phone', reply.phone);
  }

  attribute(ATTRIBUTES.submissionId, submission.id);
  attribute(ATTRIBUTES.kind, submission.kind);
  attribute(ATTRIBUTES.area, submission.area);
  attribute(
    ATTRIBUTES.occurredAt,
    submission.occurredAt === undefined ? undefined : withSwedishOffset(submission.occurredAt),
  );
  attribute(ATTRIBUTES.earlierReference, submission.earlierReference);
  attribute(ATTRIBUTES.serious, submission.serious ? 'true' : undefined);
  attribute(ATTRIBUTES.channel, submission.channel);
  attribute(ATTRIBUTES.locale, submission.locale);
  attribute(ATTRIBUTES.mode, submission.mode);
  attribute(ATTRIBUTES.submittedAt, submission.submittedAt);
  attribute(ATTRIBUTES.pageUrl, submission.pageUrl);
  attribute(ATTRIBUTES.replyWanted, String(reply.wanted));
  if (reply.wanted) {
    attribute(ATTRIBUTES.replyVia, reply.via);
    attribute(ATTRIBUTES.replyStreet, reply.address?.street);
    attribute(ATTRIBUTES.replyPostalCode, reply.address?.postalCode);
    attribute(ATTRIBUTES.replyCity, reply.address?.city);
  }
  // From a relay: what the sender's receipt says, so the case can be found by the number they
  // quote and answered by the day they were promised.
  const { receipt = {} } = options;
  attribute(ATTRIBUTES.reference, receipt.reference);
  if (reply.wanted) attribute(ATTRIBUTES.replyBy, receipt.replyBy);
  attribute(ATTRIBUTES.receivedAt, receipt.receivedAt);
  return form;
}
