import type { Channel, Kind, Mode, ReplyChannel } from '@synpunkt/sdk';

/** Swedish names of the kinds, as the registry clerk sorts them. */
export const KIND_LABELS: Record<Kind, string> = {
  praise: 'Beröm',
  suggestion: 'Förslag',
  complaint: 'Klagomål',
};

/** A complaint staff marked serious, in its title and subject instead of `Klagomål`. */
export const SERIOUS_COMPLAINT = 'Allvarligt klagomål';

/** How the synpunkt reached the municipality. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Webbformulär',
  phone: 'Telefon (registrerad av personal)',
  visit: 'Besök (registrerad av personal)',
  letter: 'Brev (registrerad av personal)',
  email: 'E-post (registrerad av personal)',
};

/** The form's presentation. */
export const MODE_LABELS: Record<Mode, string> = {
  standard: 'Vanligt formulär',
  lattlast: 'Lättläst formulär',
};

/** The way a sender wants an answer, for the clerk. */
export const REPLY_LABELS: Record<ReplyChannel, string> = {
  email: 'Ja, via e-post',
  phone: 'Ja, via telefon',
  letter: 'Ja, via brev',
};

/** Labels of the rows in the clerk's mail, in the order they are shown. */
export const FIELD_LABELS = {
  reference: 'Ärendenummer',
  /** The case number of an earlier contact, shown only when the sender gave one. */
  earlierReference: 'Tidigare ärende',
  kind: 'Typ',
  /** Shown only on a complaint staff marked serious. */
  serious: 'Allvarligt',
  area: 'Verksamhet',
  message: 'Meddelande',
  occurredAt: 'När det hände',
  place: 'Plats',
  reply: 'Vill ha svar',
  replyBy: 'Svara senast',
  name: 'Namn',
  email: 'E-post',
  phone: 'Telefon',
  address: 'Postadress',
  channel: 'Kanal',
  locale: 'Språk',
  mode: 'Formulär',
  submittedAt: 'Skickad',
  receivedAt: 'Mottagen',
  pageUrl: 'Sida',
  id: 'Id',
  attachments: 'Bilagor',
} as const;

/** Words in the clerk's subject line. */
export const SUBJECT_TEXTS = {
  /** Before the earlier case number: `… – SYN-1A2B3C4D – tidigare ärende KS 2026/123`. */
  earlier: 'tidigare ärende',
} as const;

/** Fixed phrases in the clerk's mail. */
export const CLERK_TEXTS = {
  notGiven: 'Inte angivet',
  /** The value of the `serious` row: whose judgement it is, and what is to happen. */
  serious:
    'Ja, personalen som registrerade klagomålet bedömde det som allvarligt. Det ska lämnas direkt till närmaste chef.',
  /** The area of a sender who chose "Vet inte" (`unknown`), unless `areaLabels` names it. */
  unknownArea: 'Okänd verksamhet',
  anonymous: 'Nej, anonym (kan inte få svar)',
  noAttachments: 'Inga',
  heading: 'En ny synpunkt har kommit in',
  replyHint:
    'Svara avsändaren genom att svara på det här meddelandet (svaret går till avsändarens e-postadress).',
  otherChannelHint:
    'Avsändaren vill ha svar på annat sätt än e-post, se raden ”Vill ha svar”. Svara inte på det här meddelandet.',
  anonymousHint: 'Avsändaren är anonym och kan inte få svar. Svara inte på det här meddelandet.',
  jsonHint:
    'Bilagan synpunkt.json innehåller hela synpunkten i maskinläsbar form, för import till ärendesystem.',
  publicRecord: 'Synpunkten är allmän handling när den har kommit in till kommunen.',
  swedishTime: 'svensk tid',
} as const;

/** The texts of the confirmation mail to the sender, one set per language. */
export interface ConfirmationTexts {
  subject: (reference: string) => string;
  greeting: string;
  received: (who: string, when: string) => string;
  municipality: string;
  kind: Record<Kind, string>;
  about: (kind: string) => string;
  reference: (reference: string) => string;
  willReply: Record<ReplyChannel, string>;
  /** The same with the day the receipt promised: "tisdag 8 december 2026". */
  willReplyBy: Record<ReplyChannel, (date: string) => string>;
  publicRecord: string;
  notYou: string;
  noReply: string;
  locale: string;
}

/** Swedish first, plain and friendly, addressing the reader as "du". */
export const CONFIRMATION_TEXTS: Record<'sv' | 'sv-lattlast' | 'en', ConfirmationTexts> = {
  sv: {
    subject: (reference) => `Vi har tagit emot din synpunkt (${reference})`,
    greeting: 'Hej!',
    received: (who, when) => `Tack för din synpunkt. ${who} tog emot synpunkten den ${when}.`,
    municipality: 'Kommunen',
    kind: { praise: 'beröm', suggestion: 'förslag', complaint: 'klagomål' },
    about: (kind) => `Vi har registrerat den som ${kind}.`,
    reference: (reference) =>
      `Ditt ärendenummer är ${reference}. Ange det om du kontaktar oss om din synpunkt.`,
    willReply: {
      email: 'Du får svar via e-post.',
      phone: 'Vi ringer dig när vi har svar.',
      letter: 'Du får svar med brev.',
    },
    willReplyBy: {
      email: (date) => `Du får svar via e-post senast ${date}.`,
      phone: (date) => `Vi ringer dig senast ${date}.`,
      letter: (date) => `Vi skickar svaret med brev senast ${date}.`,
    },
    publicRecord: 'Din synpunkt är nu en allmän handling.',
    notYou: 'Har du inte lämnat någon synpunkt? Då kan du strunta i det här meddelandet.',
    noReply: 'Du kan inte svara på det här meddelandet.',
    locale: 'sv-SE',
  },
  // For a sender who used the lättläst form: short sentences, common words, one idea each.
  'sv-lattlast': {
    subject: (reference) => `Vi har fått din synpunkt (${reference})`,
    greeting: 'Hej!',
    received: (who, when) =>
      `Tack för att du skrev till oss. ${who} fick din synpunkt den ${when}.`,
    municipality: 'Kommunen',
    kind: { praise: 'beröm', suggestion: 'ett förslag', complaint: 'ett klagomål' },
    about: (kind) => `Vi har sparat din synpunkt som ${kind}.`,
    reference: (reference) =>
      `Din synpunkt har numret ${reference}. Säg numret när du hör av dig om din synpunkt.`,
    willReply: {
      email: 'Du får svar i ett mejl.',
      phone: 'Vi ringer dig när vi har ett svar.',
      letter: 'Du får svar i ett brev.',
    },
    willReplyBy: {
      email: (date) => `Du får svar i ett mejl. Det kommer senast ${date}.`,
      phone: (date) => `Vi ringer dig. Vi ringer senast ${date}.`,
      letter: (date) => `Du får svar i ett brev. Vi skickar brevet senast ${date}.`,
    },
    publicRecord: 'Din synpunkt är nu en allmän handling. Det betyder att andra kan få läsa den.',
    notYou: 'Har du inte skickat någon synpunkt? Då behöver du inte göra något.',
    noReply: 'Du kan inte svara på det här mejlet.',
    locale: 'sv-SE',
  },
  en: {
    subject: (reference) => `We have received your feedback (${reference})`,
    greeting: 'Hello,',
    received: (who, when) => `Thank you for your feedback. ${who} received it on ${when}.`,
    municipality: 'The municipality',
    kind: { praise: 'praise', suggestion: 'a suggestion', complaint: 'a complaint' },
    about: (kind) => `We have registered it as ${kind}.`,
    reference: (reference) =>
      `Your case number is ${reference}. Please quote it if you contact us about your feedback.`,
    willReply: {
      email: 'You will get a reply by e-mail.',
      phone: 'We will call you when we have a reply.',
      letter: 'You will get a reply by letter.',
    },
    willReplyBy: {
      email: (date) => `You will get a reply by e-mail no later than ${date}.`,
      phone: (date) => `We will call you no later than ${date}.`,
      letter: (date) => `We will send you a reply by letter no later than ${date}.`,
    },
    publicRecord: 'Your feedback is now a public document.',
    notYou: 'If you have not given any feedback, you can ignore this e-mail.',
    noReply: 'Please do not reply to this e-mail.',
    locale: 'en-GB',
  },
};
