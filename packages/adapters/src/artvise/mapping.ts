// How a synpunkt becomes an Artvise case and its deeds (the reference's default mapping).

import {
  formatPlainDate,
  type AdapterContext,
  type Attachment,
  type AttachmentType,
  type Kind,
  type Submission,
} from '@synpunkt/sdk';
import { windowsFileName } from '../shared/file-name.js';
import { languageOf } from '../shared/language.js';
import type { ResolvedArtviseConfig } from './config.js';
import { item, type ContractValues } from './contracts.js';
import type { Xml } from './xml.js';

type WantedReply = Extract<Submission['reply'], { wanted: true }>;

const KIND_TITLES: Record<Kind, string> = {
  praise: 'Beröm',
  suggestion: 'Förslag',
  complaint: 'Klagomål',
};

const CHANNEL_NAMES: Record<Submission['channel'], string> = {
  web: 'webbformulär',
  phone: 'telefon',
  visit: 'besök',
  letter: 'brev',
  email: 'e-post',
};

const REPLY_NAMES: Record<WantedReply['via'], string> = {
  email: 'e-post',
  phone: 'telefon',
  letter: 'brev',
};

const EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};

/**
 * The configured value for an area, own keys only: the area is the sender's text, and one called
 * `constructor` or `__proto__` must not reach Object.prototype.
 */
function ownValue<T>(table: Readonly<Record<string, T>> | undefined, area: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, area) ? table[area] : undefined;
}

/** The inbox (InboxGuid) for an area: its own, or the default. */
export function inboxFor(config: ResolvedArtviseConfig, area: string): string {
  return ownValue(config.inboxes.byArea, area) ?? config.inboxes.default;
}

/** Instead of `Klagomål` in the title of a complaint staff marked serious. */
export const SERIOUS_TITLE = 'Allvarligt klagomål';

/** In HtmlDescription of a serious complaint: whose judgement it is, and what is to happen. */
export const SERIOUS_TEXT =
  'ja, personalen som registrerade klagomålet bedömde det som allvarligt. Det ska lämnas direkt till närmaste chef.';

/**
 * The case title: "Klagomål: Äldreomsorg", or "Allvarligt klagomål: Äldreomsorg" when staff
 * marked it serious, so it stands out in the inbox's case list.
 */
export function caseTitle(config: ResolvedArtviseConfig, submission: Submission): string {
  const area =
    ownValue(config.areaNames, submission.area) ??
    (submission.area === 'unknown' ? 'okänd verksamhet' : submission.area);
  return `${submission.serious ? SERIOUS_TITLE : KIND_TITLES[submission.kind]}: ${area}`;
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` as an `xs:dateTime` without a zone (local time, as told). */
export function eventDate(occurredAt: string): string {
  return occurredAt.length === 10 ? `${occurredAt}T00:00:00` : `${occurredAt}:00`;
}

/** The file extension Artvise gets: from the checked media type, never from the sender's name. */
export function extensionOf(type: AttachmentType): string {
  return EXTENSIONS[type];
}

/** The Identifier of the deed that carries attachment `index`, so a retry can see it exists. */
export function deedIdentifier(submission: Submission, index: number): string {
  return `${submission.id}/bilaga-${index + 1}`;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

/** Before the earlier case number, in Description and HtmlDescription: "Tidigare ärende". */
export const EARLIER_LABEL = 'Tidigare ärende';

/**
 * Description: the message as sent. When the sender takes an earlier case further, its number
 * comes first on a line of its own, then an empty line: CaseDto has no member for a related
 * case, and the officer (and Artvise's free-text search) finds it there, before the message.
 */
export function description(submission: Submission): string {
  const { earlierReference, message } = submission;
  return earlierReference === undefined
    ? message
    : `${EARLIER_LABEL}: ${earlierReference}\n\n${message}`;
}

/** What a relay tells about the receipt the sender already has (see `AdapterContext`). */
export type ReceiptContext = Pick<AdapterContext, 'reference' | 'replyBy' | 'receivedAt'>;

const SWEDISH_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** An instant as the case officer reads it: `24 november 2026 kl. 00:33 (svensk tid)`. */
export function swedishTime(instant: string): string {
  const time = new Date(instant);
  return Number.isNaN(time.getTime()) ? instant : `${SWEDISH_TIME.format(time)} (svensk tid)`;
}

/**
 * HtmlDescription: the message and every other field as HTML, so the case officer sees it all
 * in one place. User text is HTML-escaped here (and XML-escaped again when written). From a
 * relay it also shows what the sender's receipt says: the reference they will quote, the day
 * they were promised a reply by, and when the municipality received it.
 */
export function htmlDescription(
  config: ResolvedArtviseConfig,
  submission: Submission,
  receipt: ReceiptContext = {},
): string {
  const { reply } = submission;
  const rows: [string, string][] = [];
  if (receipt.reference !== undefined) rows.push(['Avsändarens ärendenummer', receipt.reference]);
  if (submission.earlierReference !== undefined) {
    rows.push([EARLIER_LABEL, submission.earlierReference]);
  }
  rows.push(['Typ', KIND_TITLES[submission.kind]]);
  if (submission.serious) rows.push(['Allvarligt', SERIOUS_TEXT]);
  rows.push(['Verksamhet', caseTitle(config, submission).replace(/^[^:]*: /, '')]);
  if (submission.place) rows.push(['Plats', submission.place]);
  if (submission.occurredAt) rows.push(['När det hände', submission.occurredAt.replace('T', ' ')]);
  rows.push(['Vill ha svar', reply.wanted ? `ja, via ${REPLY_NAMES[reply.via]}` : 'nej (anonym)']);
  if (reply.wanted && receipt.replyBy !== undefined) {
    rows.push(['Svara senast', formatPlainDate(receipt.replyBy, 'sv-SE')]);
  }
  rows.push(['Kanal', CHANNEL_NAMES[submission.channel]]);
  rows.push(['Språk', languageOf(submission.locale)]);
  if (submission.mode === 'lattlast') rows.push(['Lättläst', 'ja']);
  rows.push(['Skickad', swedishTime(submission.submittedAt)]);
  if (receipt.receivedAt !== undefined) rows.push(['Mottagen', swedishTime(receipt.receivedAt)]);
  rows.push(['Sida', submission.pageUrl]);
  if (submission.attachments.length > 0) {
    rows.push(['Bilagor', submission.attachments.map((file) => file.name).join(', ')]);
  }
  rows.push(['Synpunkts-id', submission.id]);
  const message = escapeHtml(submission.message).replace(/\r\n|\r|\n/g, '<br>\n');
  const list = rows.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<p>${message}</p>\n<dl>${list.join('')}</dl>`;
}

/**
 * A Swedish mobile number (070, 072, 073, 076, 079, as the sdk reads them) goes to MobilePhone,
 * any other to HomePhone: 0771 (shared cost), 074 and 075 also start with 7 but take no text
 * message, which is what a case system may send to a MobilePhone.
 */
function phoneMembers(phone: string | undefined): ContractValues<'CounterpartDto'> {
  if (phone === undefined) return {};
  return /^\+467[02369]\d{7}$/.test(phone) ? { MobilePhone: phone } : { HomePhone: phone };
}

/**
 * The sender as a counterpart. The name is split at its last space (first names, last name),
 * so FirstName + ' ' + LastName gives it back exactly; a one-word name is the LastName.
 */
export function counterpart(reply: WantedReply): Xml {
  const split = reply.name.lastIndexOf(' ');
  return item('CounterpartDto', {
    ...(reply.address && { Address1: reply.address.street, City: reply.address.city }),
    ...(reply.email !== undefined && { EMail: reply.email }),
    ...(split > 0 && { FirstName: reply.name.slice(0, split) }),
    ...phoneMembers(reply.phone),
    LastName: split > 0 ? reply.name.slice(split + 1) : reply.name,
    ...(reply.address && { Zip: reply.address.postalCode }),
  });
}

function customProperties(config: ResolvedArtviseConfig, submission: Submission): Xml[] {
  const guids = config.customProperties ?? {};
  const values = {
    area: submission.area,
    locale: submission.locale,
    mode: submission.mode,
    replyChannel: submission.reply.wanted ? submission.reply.via : undefined,
    channel: submission.channel,
    place: submission.place,
    pageUrl: submission.pageUrl,
    earlierReference: submission.earlierReference,
  };
  return Object.entries(values).flatMap(([key, value]) => {
    const guid = guids[key as keyof typeof values];
    if (guid === undefined || value === undefined) return [];
    return [item('ObjectCustomPropertyDto', { CustomPropertyGuid: guid, Value: value })];
  });
}

/** The CaseDto for `CreateCase`. */
export function caseValues(
  config: ResolvedArtviseConfig,
  submission: Submission,
  receipt: ReceiptContext = {},
): ContractValues<'CaseDto'> {
  const category = config.caseCategories[submission.kind];
  const properties = customProperties(config, submission);
  const { reply } = submission;
  return {
    ...(properties.length > 0 && { CustomProperties: properties }),
    Description: description(submission),
    Identifier: submission.id,
    InboxGuid: inboxFor(config, submission.area),
    Name: caseTitle(config, submission),
    // The installation's own priority for serious complaints, when configured.
    ...(submission.serious &&
      config.priorities !== undefined && { PriorityGuid: config.priorities.serious }),
    CaseCategories: [
      item('CaseCategoryItemDto', {
        ...(category.caseCategoryGuid !== undefined && {
          CaseCategoryGuid: category.caseCategoryGuid,
        }),
        DiaryPlanItemGuid: category.diaryPlanItemGuid,
        ...(category.fullName !== undefined && { FullName: category.fullName }),
      }),
    ],
    ...(reply.wanted && { Counterparts: [counterpart(reply)] }),
    ...(submission.occurredAt !== undefined && { EventDate: eventDate(submission.occurredAt) }),
    HtmlDescription: htmlDescription(config, submission, receipt),
    // When the municipality received it (the relay's clock, the day the deadline counts from);
    // without a relay, when the sender sent it.
    InOutDate: receipt.receivedAt ?? submission.submittedAt,
    IncomingMediaTypeGuid: config.mediaTypes[submission.channel] ?? config.mediaTypes.web,
    RequiresAnswer: reply.wanted,
  };
}

/** The DeedDto for `CreateDeed` that carries attachment `index` of the case `caseObjectId`. */
export function deedValues(
  config: ResolvedArtviseConfig,
  submission: Submission,
  index: number,
  caseObjectId: number,
): ContractValues<'DeedDto'> {
  const file: Attachment | undefined = submission.attachments[index];
  if (!file) throw new RangeError(`no attachment ${index}`);
  const count = submission.attachments.length;
  return {
    Identifier: deedIdentifier(submission, index),
    InboxGuid: inboxFor(config, submission.area),
    Name: `Bilaga ${index + 1} av ${count}: ${file.name}`,
    CaseObjectID: caseObjectId,
    Files: [
      item('FileDto', {
        Data: file.data,
        Extension: extensionOf(file.type),
        // Artvise saves it under this name on Windows; the deed's name and text keep the sender's.
        FileName: windowsFileName(file.name),
        Size: file.size,
      }),
    ],
    TextContent: `Bilaga ${index + 1} av ${count} från synpunktslämnaren: ${file.name}`,
  };
}
