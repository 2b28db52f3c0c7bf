/**
 * Bounds on what a submission may hold. Each has a reason a municipality would recognise;
 * an adapter may declare tighter ones for its backend (see `AdapterCapabilities`).
 */
export const LIMITS = {
  /** Ten thousand characters is about four pages: room for a long letter, not for a book. */
  messageMax: 10_000,
  /** A place is an address or a short description ("lekplatsen vid Storgatan 4"). */
  placeMax: 300,
  /**
   * The case number of an earlier contact ("KS 2026/123", "SBN-2026-00042"): the longest a
   * municipality's case system gives is about twenty characters; fifty leaves room for a prefix
   * or a note such as "ärende" and still keeps it one line in a mail subject.
   */
  earlierReferenceMax: 50,
  /** Area ids come from the municipality's own list. */
  areaMax: 100,
  /** Longest names in the Swedish population register fit well within this. */
  nameMax: 200,
  /** RFC 5321: a forward path is at most 256 octets including the angle brackets. */
  emailMax: 254,
  /** A street address line, c/o included. */
  streetMax: 200,
  /** A postal town's name. */
  cityMax: 100,
  /** Browsers and servers commonly stop at 2 000 characters in a URL. */
  urlMax: 2_000,
  /** A file name as the sender's device gave it. */
  fileNameMax: 200,
  /** A photo from a phone or a scanned letter. */
  attachmentCountMax: 5,
  /** One file. */
  attachmentBytesMax: 5 * 1024 * 1024,
  /**
   * All attachments together. Base64 makes this about 13.4 MB on the wire, which still fits
   * the 25 MB message limit most municipal mail servers keep.
   */
  attachmentsTotalBytesMax: 10 * 1024 * 1024,
} as const;
