import type { AttachmentType, Channel, Kind, Mode, ReplyChannel } from './vocabulary.js';

/** A Swedish postal address, for a reply by letter. */
export interface PostalAddress {
  /** Street and number, c/o if any. */
  street: string;
  /** Five digits as `NNN NN`. */
  postalCode: string;
  /** The postal town. */
  city: string;
}

/** The sender wants no answer: they are anonymous, and no contact details are kept. */
export interface AnonymousReply {
  /** No answer wanted. */
  wanted: false;
}

/** The sender wants an answer, through one channel, and gives the details it needs. */
export interface WantedReply {
  /** An answer is wanted. */
  wanted: true;
  /** How to answer: by e-mail, phone or letter. The matching field below is required. */
  via: ReplyChannel;
  /** Who to answer. */
  name: string;
  /** E-mail address; required when `via` is `email`. */
  email?: string;
  /** Phone number in E.164 (`+46701234567`); required when `via` is `phone`. */
  phone?: string;
  /** Postal address; required when `via` is `letter`. */
  address?: PostalAddress;
}

/** The sender's wish about an answer. */
export type Reply = AnonymousReply | WantedReply;

/** One attached file: a photo or a scanned letter. */
export interface Attachment {
  /** The file name as the sender's device gave it, without any path. */
  name: string;
  /** The media type, checked against the file's bytes. */
  type: AttachmentType;
  /** Size in bytes. */
  size: number;
  /** The content, standard base64. */
  data: string;
}

/**
 * One synpunkt as it travels from the form to the municipality: validated and normalised by
 * `parseSubmission`.
 */
export interface Submission {
  /** The format version (`SCHEMA_VERSION`). */
  schemaVersion: 1;
  /** Client-generated UUID: the idempotency key, the same on every retry. */
  id: string;
  /** Beröm, förslag or klagomål. */
  kind: Kind;
  /** The id of the service it concerns, from the municipality's list, or `unknown`. */
  area: string;
  /** What the sender wants to say. */
  message: string;
  /** When it happened, as the sender knows it: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. */
  occurredAt?: string;
  /** Where it happened: an address or a description. */
  place?: string;
  /**
   * The case number (ärendenummer, diarienummer) of an earlier contact about the same matter,
   * when the sender takes it further: one line, at most `LIMITS.earlierReferenceMax` characters.
   */
  earlierReference?: string;
  /**
   * Staff judged the complaint serious (allvarligt klagomål): it goes to the nearest manager at
   * once. Only on a complaint that staff register (`kind` `complaint`, `channel` not `web`);
   * absent means not serious.
   */
  serious?: true;
  /** Whether and how the sender wants an answer. */
  reply: Reply;
  /** Attached files, possibly none. */
  attachments: Attachment[];
  /** The language the sender used (BCP 47: `sv`, `en`, `fi`, `se`…). */
  locale: string;
  /** Whether the sender used the standard form or the lättläst steps. */
  mode: Mode;
  /** `web` when the sender used the form; otherwise how staff received it. */
  channel: Channel;
  /** When the sender pressed send, as an ISO 8601 instant. */
  submittedAt: string;
  /** The page the form was on. */
  pageUrl: string;
}

/**
 * What a submission may look like before `parseSubmission` trims and normalises it: the same
 * fields, with attachments optional.
 */
export type SubmissionInput = Omit<Submission, 'attachments'> & {
  /** Attached files; none when left out. */
  attachments?: Attachment[];
};
