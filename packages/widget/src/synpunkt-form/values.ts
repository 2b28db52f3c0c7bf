import type {
  Attachment,
  Channel,
  Kind,
  Mode,
  ReplyChannel,
  SubmissionDraft,
  ValidationIssue,
} from '@synpunkt/sdk';
import type { FieldKey } from '../translations/catalog.js';

/** What the sender has typed and chosen, as the form's controls hold it (all strings). */
export interface FormValues {
  /** Beröm, förslag or klagomål; empty until chosen. */
  kind: Kind | '';
  /** The chosen area id. */
  area: string;
  /** The synpunkt itself. */
  message: string;
  /** When it happened (`YYYY-MM-DD`), if given. */
  occurredAt: string;
  /** Where it happened, if given. */
  place: string;
  /** The case number of an earlier contact, if given; sent only where it is asked for. */
  earlierReference: string;
  /** Whether the sender wants an answer; empty until chosen. */
  replyWanted: 'yes' | 'no' | '';
  /** How to answer. */
  via: ReplyChannel;
  /** The sender's name, for an answer. */
  name: string;
  /** For an answer by e-mail. */
  email: string;
  /** For an answer by phone. */
  phone: string;
  /** For an answer by letter. */
  street: string;
  /** For an answer by letter. */
  postalCode: string;
  /** For an answer by letter. */
  city: string;
  /** How the synpunkt came in, when staff register it; empty until chosen. */
  channel: Exclude<Channel, 'web'> | '';
  /** `yes` when staff marked the complaint serious (a checkbox; a string like the rest). */
  serious: 'yes' | '';
}

/** A form nobody has touched. */
export const emptyValues = (): FormValues => ({
  kind: '',
  area: '',
  message: '',
  occurredAt: '',
  place: '',
  earlierReference: '',
  replyWanted: '',
  via: 'email',
  name: '',
  email: '',
  phone: '',
  street: '',
  postalCode: '',
  city: '',
  channel: '',
  serious: '',
});

/**
 * Whether the synpunkt goes as a serious complaint: staff marked it, and it is a complaint. A
 * mark made before the kind changed is kept (it comes back with the kind) but not sent.
 */
export const sendsSerious = (values: FormValues, staff: boolean): boolean =>
  staff && values.kind === 'complaint' && values.serious === 'yes';

/**
 * Whether the form asks for an earlier case number: with a complaint or a suggestion, which are
 * answered and may be taken further (to the head of administration, then the committee); not
 * with praise, nor before a kind is chosen.
 */
export const asksEarlierReference = (kind: FormValues['kind']): boolean =>
  kind === 'complaint' || kind === 'suggestion';

/** What the draft needs besides the sender's values. */
export interface DraftContext {
  id: string | undefined;
  attachments: readonly Attachment[];
  locale: string;
  mode: Mode;
  staff: boolean;
  pageUrl: string;
}

/**
 * The submission draft the sdk client validates and sends. Empty optional fields are left out;
 * an unanswered choice is left out too, so the sdk reports it as `required`. Only the contact
 * field of the chosen channel travels: nothing is collected that is not needed.
 */
export function toDraft(values: FormValues, context: DraftContext): SubmissionDraft {
  const draft: Record<string, unknown> = {
    area: values.area,
    message: values.message,
    attachments: [...context.attachments],
    locale: context.locale,
    mode: context.mode,
    channel: context.staff ? values.channel || undefined : 'web',
    pageUrl: context.pageUrl,
  };
  if (context.id) draft.id = context.id;
  if (values.kind) draft.kind = values.kind;
  if (values.occurredAt) draft.occurredAt = values.occurredAt;
  if (values.place.trim()) draft.place = values.place;
  // Kept while the kind is praise (a change back shows it again), but not sent: it is not shown.
  if (asksEarlierReference(values.kind) && values.earlierReference.trim()) {
    draft.earlierReference = values.earlierReference;
  }
  if (sendsSerious(values, context.staff)) draft.serious = true;
  if (values.replyWanted === 'no') draft.reply = { wanted: false };
  if (values.replyWanted === 'yes') {
    const { via } = values;
    const reply: Record<string, unknown> = { wanted: true, via, name: values.name };
    if (via === 'email') reply.email = values.email;
    if (via === 'phone') reply.phone = values.phone;
    if (via === 'letter') {
      reply.address = { street: values.street, postalCode: values.postalCode, city: values.city };
    }
    draft.reply = reply;
  }
  if (draft.channel === undefined) delete draft.channel;
  // The sdk validates every key and value; the cast only skips repeating its rules here.
  return draft as unknown as SubmissionDraft;
}

/**
 * What the draft in sessionStorage keeps: contact details only for the answer asked for. The
 * form itself keeps all that was typed until the page goes, so switching back fills them in
 * again; but a person who chose not to be answered, or another way to be answered, leaves no
 * name or address behind in a shared computer's browser.
 */
export function storedValues(values: FormValues): FormValues {
  const wanted = values.replyWanted === 'yes';
  const via = (channel: ReplyChannel) => wanted && values.via === channel;
  return {
    ...values,
    name: wanted ? values.name : '',
    email: via('email') ? values.email : '',
    phone: via('phone') ? values.phone : '',
    street: via('letter') ? values.street : '',
    postalCode: via('letter') ? values.postalCode : '',
    city: via('letter') ? values.city : '',
  };
}

const DIRECT: readonly FieldKey[] = [
  'kind',
  'area',
  'message',
  'occurredAt',
  'place',
  'earlierReference',
  'channel',
];

/** The field an issue belongs to, for the inline message and the summary link. */
export function fieldOf(issue: ValidationIssue): FieldKey {
  const [first, second, third] = issue.path;
  if (first === 'attachments') return 'attachments';
  if (first === 'reply') {
    if (second === undefined || second === 'wanted') return 'replyWanted';
    if (second === 'address') {
      return third === 'postalCode' || third === 'city' ? third : 'street';
    }
    if (second === 'via' || second === 'name' || second === 'email' || second === 'phone') {
      return second;
    }
    return 'form';
  }
  return DIRECT.find((key) => key === first) ?? 'form';
}
