import type { ErrorCode } from '@synpunkt/sdk';

/** The form's fields, as error messages and the error summary name them. `form` is the whole form. */
export type FieldKey =
  | 'kind'
  | 'area'
  | 'message'
  | 'occurredAt'
  | 'place'
  | 'earlierReference'
  | 'attachments'
  | 'replyWanted'
  | 'via'
  | 'name'
  | 'email'
  | 'phone'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'channel'
  | 'form';

/** What an error text may use: the limit, the allowed values. */
export interface ErrorTextParams {
  /**
   * The limit, written for reading in the catalog's language: "10 000" (characters), "5" (files)
   * or "5 MB" (bytes), depending on the code.
   */
  max?: string;
  /** The allowed values, already joined for reading. */
  allowed?: string;
}

/** The three kinds, each with a name and one line saying what it is. */
export interface KindText {
  /** The name: "Beröm". */
  label: string;
  /** What it is: "Något som fungerar bra." */
  hint: string;
}

/**
 * Every text the form shows, in one language. Functions take the numbers they show. A missing
 * key or error code is a compile error, never a blank on screen. Keys ending in `Staff` are the
 * same texts written to a staff member registering a synpunkt for someone else.
 */
export interface Catalog {
  /** BCP 47 tag sent as the submission's `locale` and set as `lang` on the form. */
  locale: string;
  /** Locale used to write dates out (`sv-SE`: "tisdag 8 december 2026"). */
  dateLocale: string;

  /** Heading of the guidance box: "Innan du börjar". */
  routesHeading: string;
  /** The same box's heading where lättläst shows it again after a send failed for good. */
  otherWaysHeading: string;
  /**
   * Other routes than a synpunkt: the question, then the link text. `lexSarah` is shown to staff
   * only: employees report serious wrongs in social care under lex Sarah, not as a synpunkt.
   */
  routes: Record<
    'emergency' | 'appeal' | 'faultReport' | 'ivo' | 'lexSarah',
    readonly [string, string]
  >;
  /** The appeal route to staff, about the person: "Vill personen överklaga ett beslut?". */
  appealStaff: readonly [string, string];
  /** Before the editor's fallback link: "Vill du hellre höra av dig på ett annat sätt?". */
  alternatives: string;
  /** The same, to staff: the editor's links then say how staff register it another way. */
  alternativesStaff: string;

  /** After the label of an optional field: "(frivilligt)". */
  optional: string;
  /** Above the contact fields: "Obligatoriskt om du vill få svar". */
  requiredForReply: string;
  /** The same, to staff. */
  requiredForReplyStaff: string;

  /** The question for the kind: "Vad vill du lämna?". */
  kindLegend: string;
  /** The same, to staff. */
  kindLegendStaff: string;
  /** Under the kind question, to the citizen: a complaint does not count against them. */
  kindHint: string;
  /** Beröm, förslag, klagomål: name and one line each. */
  kinds: Record<'praise' | 'suggestion' | 'complaint', KindText>;
  /**
   * Staff only, with a complaint: the checkbox that marks it serious, "Allvarligt klagomål".
   * Serious complaints go to the nearest manager at once; the judgement is the staff member's.
   */
  seriousLabel: string;
  /**
   * Its hint, to the staff member ("du"). It states the municipality's rule, not what the form
   * does: the form cannot know where the receiver sends a serious complaint.
   */
  seriousHint: string;

  /** The question for the area: "Vad gäller det?". */
  areaLabel: string;
  /** The empty first option of a select: "Välj". */
  areaChoose: string;
  /** The "don't know" area: "Vet inte". */
  areaUnknown: string;

  /** Label of the message. */
  messageLabel: string;
  /** The same, to staff: "Skriv vad personen sa". */
  messageLabelStaff: string;
  /** Hint below the message label. */
  messageHint: string;
  /** The same, to staff. */
  messageHintStaff: string;
  /** The visible count: "120 av 10 000 tecken". */
  messageCount: (count: string, max: string) => string;
  /** When the text is too long: "12 tecken för mycket". */
  messageOver: (over: string) => string;

  /** Label of the date field. */
  whenLabel: string;
  /** Hint of the date field. */
  whenHint: string;
  /** The same, to staff. */
  whenHintStaff: string;
  /** Label of the place field. */
  whereLabel: string;
  /** Hint of the place field, with an example. */
  whereHint: string;
  /**
   * Label of the earlier case number, asked with a complaint or a suggestion: "Ärendenummer från
   * tidigare kontakt". The case number (ärendenummer, diarienummer) the municipality gave an
   * earlier contact about the same matter, not this synpunkt's own reference.
   */
  earlierLabel: string;
  /** Its hint: for someone who got an answer and takes the matter further. */
  earlierHint: string;
  /** The same, to staff. */
  earlierHintStaff: string;

  /** Label of the file picker. */
  filesLabel: string;
  /**
   * The limits, shown before the person picks: count, size per file, size of them all together,
   * and the types the backend takes ("JPEG, PNG eller PDF").
   */
  filesHint: (count: number, perFile: string, together: string, types: string) => string;
  /** Accessible name of the list of attached files. */
  filesAdded: string;
  /**
   * The button that opens the system's file dialog (the browser's own would say "Choose Files"
   * in the browser's language): "Välj filer".
   */
  filesChoose: string;
  /** The same button once files are added: "Lägg till fler filer". */
  filesChooseMore: string;
  /** The remove button of one file: "Ta bort a.png". */
  fileRemove: (name: string) => string;
  /** A file of a type not taken, with the types that are ("JPEG, PNG och PDF"). */
  fileRefusedType: (name: string, types: string) => string;
  /** A file whose bytes are not what its type claims. */
  fileRefusedBytes: (name: string) => string;
  /** A file over the size limit. */
  fileRefusedSize: (name: string, megabytes: string) => string;
  /** A file beyond the count limit. */
  fileRefusedCount: (name: string, count: number) => string;
  /** A file that would pass the total size limit. */
  fileRefusedTotal: (name: string, megabytes: string) => string;
  /** A file the browser could not read. */
  fileRefusedRead: (name: string) => string;
  /** An empty file (0 bytes). */
  fileRefusedEmpty: (name: string) => string;
  /** A file that is already attached, byte for byte. */
  fileRefusedDuplicate: (name: string) => string;
  /** Said after picking, as the picker itself says nothing: "Bifogade: a.png, b.pdf." */
  filesAddedNote: (names: string, count: number) => string;
  /** Said after a file's remove button. */
  fileRemoved: (name: string) => string;
  /** Under a failure to send with files attached: files are slow on a weak connection. */
  failedWithFiles: string;
  /** After a reload: files are never kept in the draft, so they must be added again. */
  filesNotRestored: (names: string) => string;

  /** The question: "Vill du ha svar?". */
  replyLegend: string;
  /** The same, to staff. */
  replyLegendStaff: string;
  /** The "yes" choice. */
  replyYes: string;
  /** The same, to staff. */
  replyYesStaff: string;
  /** The "no, anonymous" choice. */
  replyNo: string;
  /** The same, to staff. */
  replyNoStaff: string;
  /** Under the "no" choice: said plainly, before anyone chooses not to get an answer. */
  anonymousNote: string;
  /** The same, to staff. */
  anonymousNoteStaff: string;
  /** Above the contact fields: what the contact details are used for, and by whom. */
  contactUse: (who: string) => string;
  /** The same, to staff. */
  contactUseStaff: (who: string) => string;
  /** Label of the name field. */
  nameLabel: string;
  /** The question for the reply channel. */
  viaLegend: string;
  /** The same, to staff. */
  viaLegendStaff: string;
  /** The e-mail choice. */
  viaEmail: string;
  /** The phone choice. */
  viaPhone: string;
  /** The letter choice. */
  viaLetter: string;
  /** Label of the e-mail field. */
  emailLabel: string;
  /** Label of the phone field. */
  phoneLabel: string;
  /** Label of the street address field. */
  streetLabel: string;
  /** Label of the postal code field. */
  postalCodeLabel: string;
  /** Label of the city field. */
  cityLabel: string;

  /** Staff mode: "Hur kom synpunkten in?". */
  channelLabel: string;
  /** Staff mode: the ways a synpunkt comes in. */
  channels: Record<'phone' | 'visit' | 'letter' | 'email', string>;

  /** "the municipality", used when the `municipality` attribute is not set. */
  theMunicipality: string;
  /** The public-record notice; `who` is the municipality's name or `theMunicipality`. */
  publicRecord: (who: string) => string;
  /** The same, to staff. */
  publicRecordStaff: (who: string) => string;
  /** The link to the municipality's page about personal data. */
  privacyLink: string;
  /** The same, to staff: not "your" data. */
  privacyLinkStaff: string;

  /** The send button. */
  send: string;
  /** The send button and the live region while sending: "Skickar…". */
  sending: string;
  /** Heading of the error summary. */
  summaryHeading: string;
  /** The summary's line for one field: "Meddelande: Skriv …". */
  summaryItem: (field: string, message: string) => string;

  /** The failure's heading and texts in staff mode: "Synpunkten registrerades inte". */
  failedStaff: { heading: string; retryable: string; final: string };
  /** Heading when sending failed (also announced). */
  failedHeading: string;
  /** Sending failed, a retry may work; the text is kept. */
  failedRetryable: string;
  /** Sending failed for good; the text is kept, other ways suggested. */
  failedFinal: string;
  /** The retry button: "Försök igen". */
  retry: string;
  /** A cancelled `synpunkt-submit` or an aborted send: nothing was sent. */
  notSent: string;

  /** Heading of the receipt. */
  receiptHeading: string;
  /** Before the case reference. */
  receiptReference: string;
  /** The date written out: "Du får svar senast tisdag 8 december 2026.". */
  receiptReplyBy: (date: string) => string;
  /** What happens next, when a reply was wanted. */
  receiptNext: (who: string) => string;
  /** What happens next, for an anonymous sender. */
  receiptNextAnonymous: (who: string) => string;
  /** The button that starts a new synpunkt. */
  sendAnother: string;
  /**
   * The receipt, to a staff member who registered the synpunkt for someone: no thanks to them,
   * and the person's reply date and reference to pass on.
   */
  receiptStaff: {
    heading: string;
    reference: string;
    replyBy: (date: string) => string;
    next: (who: string) => string;
    nextAnonymous: (who: string) => string;
    sendAnother: string;
  };

  /** Field names for the error summary. */
  fields: Record<FieldKey, string>;
  /** The same, to staff, where it differs: "Vad vill personen lämna". */
  fieldsStaff: Partial<Record<FieldKey, string>>;
  /** What to do about an empty field, per field: "Skriv din synpunkt." (the `required` code). */
  required: Record<FieldKey, string>;
  /** The same, to staff, where it differs: "Skriv personens namn." */
  requiredStaff: Partial<Record<FieldKey, string>>;
  /** The `contact_not_allowed` error, to staff: the person, not "du", chose to be anonymous. */
  contactNotAllowedStaff: string;
  /** One text per sdk error code. */
  errors: Record<ErrorCode, (params: ErrorTextParams) => string>;
}

/** The catalog's texts that lättläst mode shows in its own, easier words. */
export type LattlastShared =
  | 'kinds'
  | 'areaUnknown'
  | 'requiredForReply'
  | 'contactUse'
  | 'replyLegend'
  | 'replyYes'
  | 'replyNo'
  | 'viaLegend'
  | 'publicRecord'
  | 'privacyLink'
  | 'receiptReference'
  | 'receiptReplyBy'
  | 'receiptNext'
  | 'receiptNextAnonymous'
  | 'summaryHeading'
  | 'fields'
  | 'filesNotRestored'
  | 'failedHeading'
  | 'failedRetryable'
  | 'failedFinal'
  | 'errors';

/** The lättläst steps, in order. `area` is left out when no areas are configured. */
export type StepId = 'kind' | 'area' | 'message' | 'reply' | 'review';

/** The heading (the question) and the one instruction of a lättläst step. */
export interface StepText {
  /** The question: "Vad handlar din synpunkt om?". */
  heading: string;
  /** One short instruction: "Välj ett svar.". */
  instruction: string;
}

/**
 * The lättläst (easy-to-read) texts of one language: the steps' own texts and, for every text
 * of the standard catalog that the steps show, an easier version. Every sdk error code and every
 * field needs one, so a missing text is a compile error. Written to the easy-to-read guidance:
 * common words, short sentences, "du", no abbreviations, the same word for the same thing.
 */
export interface LattlastCatalog extends Pick<Catalog, LattlastShared> {
  /** The mode switch at the top of the form: "Lättläst". */
  toggle: string;
  /** The progress in each step heading: "Steg 2 av 5". */
  progress: (step: number, total: number) => string;
  /** Back one step: "Tillbaka". */
  back: string;
  /** On to the next step: "Nästa". */
  next: string;
  /** Reads the screen aloud: "Lyssna". */
  listen: string;
  /** Stops reading: "Sluta läsa". */
  stopListening: string;
  /** The button beside each answer on the last step: "Ändra". */
  change: string;
  /** Beside `filesNotRestored`: to the standard form's file field, "Lägg till filer igen". */
  addFilesAgain: string;
  /** What to choose, in the steps' own words (their labels differ from the standard form's). */
  requiredChoice: Record<'area' | 'replyWanted' | 'via', string>;
  /** Each step's question and instruction. */
  steps: Record<StepId, StepText>;
}
