import {
  AREA_UNKNOWN,
  formatPhone,
  formatPlainDate,
  type Attachment,
  type Submission,
} from '@synpunkt/sdk';
import {
  CHANNEL_LABELS,
  CLERK_TEXTS,
  FIELD_LABELS,
  KIND_LABELS,
  MODE_LABELS,
  REPLY_LABELS,
} from './texts.js';
import { languageOf } from '../shared/language.js';

/** One row of the clerk's mail: a Swedish label and the value as plain text (may span lines). */
export interface FieldRow {
  key: keyof typeof FIELD_LABELS;
  label: string;
  value: string;
}

/** A value from a configured map, never from `Object.prototype` (an area called `constructor`). */
export function lookup<T>(
  map: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * The name the clerk sees for an area: the configured label, or the id itself. The sender who
 * chose "Vet inte" sends `unknown`: the clerk sees that in Swedish, as the one that needs routing.
 */
export function areaLabelOf(
  areaLabels: Readonly<Record<string, string>> | undefined,
  area: string,
): string {
  return lookup(areaLabels, area) ?? (area === AREA_UNKNOWN ? CLERK_TEXTS.unknownArea : area);
}

const SWEDISH_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** An instant as Swedish local time: `23 november 2026 kl. 14:05`. */
export function swedishTime(instant: string, locale = 'sv-SE'): string {
  const format =
    locale === 'sv-SE'
      ? SWEDISH_TIME
      : new Intl.DateTimeFormat(locale, {
          timeZone: 'Europe/Stockholm',
          dateStyle: 'long',
          timeStyle: 'short',
        });
  return format.format(new Date(instant));
}

/** A local date, or date and time, as the sender gave it: `20 november 2026 kl. 14:30`. */
function localDateTime(value: string): string {
  const withTime = value.length > 10;
  const date = new Date(`${withTime ? value : `${value}T00:00`}:00Z`);
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'UTC',
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

/** A file size people read: `67 byte`, `2,4 kB`, `4,8 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${NUMBER.format(bytes / 1024)} kB`;
  return `${NUMBER.format(bytes / (1024 * 1024))} MB`;
}

/** One line per attachment: name, type, size, and the part's name when it had to differ. */
export function attachmentLine(file: Attachment, attachedAs: string | undefined): string {
  const line = `${file.name} (${file.type}, ${fileSize(file.size)})`;
  return attachedAs === undefined || attachedAs === file.name
    ? line
    : `${line}, bifogad som ${attachedAs}`;
}

/** Facts the rows need besides the submission. */
export interface RowOptions {
  reference: string;
  /** The file name each attachment has in the mail (see `attachmentFileNames`). */
  attachedAs: readonly string[];
  areaLabels?: Readonly<Record<string, string>> | undefined;
  /** The day the sender was promised a reply by, when the relay said so. */
  replyBy?: string | undefined;
  /** When the relay accepted it, when the relay said so. */
  receivedAt?: string | undefined;
}

/**
 * Every field of the submission as labelled rows, in the order the clerk reads them. Both the
 * plain-text and the HTML body are made from these rows, so neither can miss a field.
 */
export function fieldRows(submission: Submission, options: RowOptions): FieldRow[] {
  const row = (key: FieldRow['key'], value: string): FieldRow => ({
    key,
    label: FIELD_LABELS[key],
    value,
  });
  const { reply } = submission;
  const area = areaLabelOf(options.areaLabels, submission.area);
  const rows: FieldRow[] = [
    row('reference', options.reference),
    // Next to this case's number: the clerk sees at once that it takes an earlier one further.
    // Only when given: most synpunkter are a first contact.
    ...(submission.earlierReference === undefined
      ? []
      : [row('earlierReference', submission.earlierReference)]),
    row('kind', KIND_LABELS[submission.kind]),
    ...(submission.serious ? [row('serious', CLERK_TEXTS.serious)] : []),
    row('area', area === submission.area ? area : `${area} (${submission.area})`),
    row('message', submission.message),
    row(
      'occurredAt',
      submission.occurredAt === undefined
        ? CLERK_TEXTS.notGiven
        : localDateTime(submission.occurredAt),
    ),
    row('place', submission.place ?? CLERK_TEXTS.notGiven),
    row('reply', reply.wanted ? REPLY_LABELS[reply.via] : CLERK_TEXTS.anonymous),
    // The deadline the sender was given: the clerk's first question about a new case.
    ...(reply.wanted && options.replyBy !== undefined
      ? [row('replyBy', formatPlainDate(options.replyBy, 'sv-SE'))]
      : []),
  ];
  if (reply.wanted) {
    const { address } = reply;
    rows.push(
      row('name', reply.name),
      row('email', reply.email ?? CLERK_TEXTS.notGiven),
      // As the clerk dials it; the JSON copy keeps E.164 for machines.
      row('phone', reply.phone === undefined ? CLERK_TEXTS.notGiven : formatPhone(reply.phone)),
      row(
        'address',
        address === undefined
          ? CLERK_TEXTS.notGiven
          : `${address.street}\n${address.postalCode} ${address.city}`,
      ),
    );
  }
  rows.push(
    row('channel', CHANNEL_LABELS[submission.channel]),
    row('locale', languageOf(submission.locale)),
    row('mode', MODE_LABELS[submission.mode]),
    row('submittedAt', `${swedishTime(submission.submittedAt)} (${CLERK_TEXTS.swedishTime})`),
    // The municipality's own clock: the sender's device may be wrong, a delivery may be late.
    ...(options.receivedAt === undefined
      ? []
      : [row('receivedAt', `${swedishTime(options.receivedAt)} (${CLERK_TEXTS.swedishTime})`)]),
    row('pageUrl', submission.pageUrl),
    row('id', submission.id),
    row(
      'attachments',
      submission.attachments.length === 0
        ? CLERK_TEXTS.noAttachments
        : submission.attachments
            .map((file, index) => attachmentLine(file, options.attachedAs[index]))
            .join('\n'),
    ),
  );
  return rows;
}
