/** The version of the submission format this sdk writes and reads. */
export const SCHEMA_VERSION = 1;

/** The three kinds every Swedish municipality sorts a synpunkt into: beröm, förslag, klagomål. */
export const KINDS = ['praise', 'suggestion', 'complaint'] as const;
/** `praise`, `suggestion` or `complaint`. */
export type Kind = (typeof KINDS)[number];

/**
 * How the synpunkt reached the municipality. `web` when the citizen used the form; the others
 * when staff register an oral or written synpunkt on someone's behalf.
 */
export const CHANNELS = ['web', 'phone', 'visit', 'letter', 'email'] as const;
/** One of `CHANNELS`. */
export type Channel = (typeof CHANNELS)[number];

/** How a sender who wants an answer wants to be reached. */
export const REPLY_CHANNELS = ['email', 'phone', 'letter'] as const;
/** One of `REPLY_CHANNELS`. */
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** The form's presentation: the standard form, or lättläst (easy-to-read) steps. */
export const MODES = ['standard', 'lattlast'] as const;
/** One of `MODES`. */
export type Mode = (typeof MODES)[number];

/** The area id the form sends when the sender does not know which service it concerns. */
export const AREA_UNKNOWN = 'unknown';

/** Media types an attachment may have: photos and scanned letters. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** One of `ATTACHMENT_TYPES`. */
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
