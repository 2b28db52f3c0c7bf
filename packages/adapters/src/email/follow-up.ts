import { formatPlainDate, type Mode } from '@synpunkt/sdk';
import type { SendMailOptions } from 'nodemailer';
import { parseEmailConfig, type EmailConfig, type EmailConfigInput } from './config.js';
import { recipientRefusal, toAdapterError } from './errors.js';
import { fromOf } from './message.js';
import { confirmationMessageIdOf } from './reference.js';
import { transportOf } from './transport.js';

/** The language of the question: the sender's, in lättläst Swedish if they used that form. */
export type FollowUpLanguage = 'sv' | 'sv-lattlast' | 'en';

/** The language for a sender who wrote with this locale and mode. */
export function followUpLanguageOf(locale: string, mode: Mode): FollowUpLanguage {
  if (/^en(?:-|$)/i.test(locale)) return 'en';
  return mode === 'lattlast' ? 'sv-lattlast' : 'sv';
}

/** One sender to ask, after the day they were promised a reply, whether they got one. */
export interface FollowUpQuestion {
  /** The synpunkt's id: the mail's Message-ID is made from it. */
  submissionId: string;
  /** The sender's e-mail address (the one they wanted the reply at). */
  to: string;
  language: FollowUpLanguage;
  /** The reference on their receipt. */
  reference: string;
  /** When the relay received the synpunkt (ISO 8601). */
  receivedAt: string;
  /** The day the receipt promised a reply by (`YYYY-MM-DD`). */
  replyBy: string;
  /** The page where they answer (it holds the only key to their answer). */
  url: string;
}

/** The texts of the question mail, one set per language. */
export interface FollowUpTexts {
  subject: (reference: string) => string;
  greeting: string;
  /** `when` is the day without its weekday ("4 december 2026"), so Swedish can say "den". */
  sent: (when: string, municipality: string) => string;
  promised: (date: string) => string;
  question: string;
  voluntary: string;
  reference: (reference: string) => string;
  notYou: string;
  noReply: string;
  municipality: string;
  locale: string;
}

/** Swedish first, plain and friendly; one question, and the link is the only thing to do. */
export const FOLLOW_UP_TEXTS: Record<FollowUpLanguage, FollowUpTexts> = {
  sv: {
    subject: (reference) => `Fick du svar i tid? (${reference})`,
    greeting: 'Hej!',
    sent: (when, municipality) => `Du skickade en synpunkt till ${municipality} den ${when}.`,
    promised: (date) => `Vi lovade att svara dig senast ${date}.`,
    question:
      'Fick du svar i tid? Svara med ett klick på den här sidan (du behöver inte logga in):',
    voluntary: 'Det är frivilligt att svara. Ditt svar hjälper oss att hålla det vi lovar.',
    reference: (reference) => `Ärendenummer: ${reference}`,
    notYou: 'Har du inte lämnat någon synpunkt? Då kan du strunta i det här meddelandet.',
    noReply: 'Du kan inte svara på det här meddelandet.',
    municipality: 'kommunen',
    locale: 'sv-SE',
  },
  'sv-lattlast': {
    subject: (reference) => `Fick du svar i tid? (${reference})`,
    greeting: 'Hej!',
    sent: (when, municipality) => `Du skrev till ${municipality} den ${when}.`,
    promised: (date) => `Vi lovade att svara dig. Svaret skulle komma senast ${date}.`,
    question: 'Fick du ett svar i tid? Klicka på länken och svara ja eller nej:',
    voluntary: 'Du måste inte svara. Men ditt svar hjälper oss att bli bättre.',
    reference: (reference) => `Din synpunkt har numret ${reference}.`,
    notYou: 'Har du inte skrivit till oss? Då kan du strunta i det här mejlet.',
    noReply: 'Du kan inte svara på det här mejlet.',
    municipality: 'kommunen',
    locale: 'sv-SE',
  },
  en: {
    subject: (reference) => `Did you get a reply in time? (${reference})`,
    greeting: 'Hello,',
    sent: (when, municipality) => `On ${when} you sent feedback to ${municipality}.`,
    promised: (date) => `We promised to reply to you by ${date}.`,
    question:
      'Did you get a reply in time? Answer with one click on this page (you do not need to log in):',
    voluntary: 'Answering is voluntary. Your answer helps us keep our promises.',
    reference: (reference) => `Case number: ${reference}`,
    notYou: 'If you have not sent us any feedback, you can ignore this e-mail.',
    noReply: 'Please do not reply to this e-mail.',
    municipality: 'the municipality',
    locale: 'en-GB',
  },
};

/** The Message-ID of the question: one per synpunkt, so a mail system can drop a second copy. */
function followUpMessageIdOf(id: string): string {
  return `<${id}.uppfoljning@synpunkt>`;
}

/**
 * The plain-text question to the sender. Like the confirmation, it repeats nothing the sender
 * typed: only the municipality's own reference, dates and link.
 */
export function followUpMail(question: FollowUpQuestion, config: EmailConfig): SendMailOptions {
  const texts = FOLLOW_UP_TEXTS[question.language];
  const from = config.confirmation?.from ?? config.from;
  const replyTo = config.confirmation?.replyTo;
  // "fredag 4 december" after "till Exempelkommun" reads as the coming Friday: the day alone.
  const received = new Intl.DateTimeFormat(texts.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(question.receivedAt));
  const text = [
    texts.greeting,
    '',
    texts.sent(received, config.municipalityName ?? texts.municipality),
    texts.promised(formatPlainDate(question.replyBy, texts.locale)),
    '',
    texts.question,
    question.url,
    '',
    texts.voluntary,
    '',
    texts.reference(question.reference),
    '',
    texts.notYou,
    ...(replyTo === undefined ? [texts.noReply] : []),
    '',
  ].join('\n');
  return {
    from: fromOf(from, config.municipalityName ?? config.fromName),
    to: question.to,
    envelope: { from, to: [question.to] },
    ...(replyTo === undefined ? {} : { replyTo }),
    subject: texts.subject(question.reference),
    messageId: followUpMessageIdOf(question.submissionId),
    // In the same thread as the confirmation, where the sender's mail program shows threads;
    // none was sent without confirmations, and a reference to nothing is left out.
    ...(config.confirmation?.enabled
      ? { references: [confirmationMessageIdOf(question.submissionId)] }
      : {}),
    headers: {
      // RFC 3834: no out-of-office replies to an automatic message.
      'Auto-Submitted': 'auto-generated',
      'X-Synpunkt-Follow-Up-Of': question.submissionId,
    },
    text,
  };
}

/** Sends follow-up questions over an e-mail target's SMTP server. */
export interface FollowUpMailer {
  /** The municipality's name from the settings, if they give one. */
  readonly municipalityName: string | undefined;
  /**
   * Sends one question.
   * @throws AdapterError when the server cannot be reached or refuses the mail
   * (`retryable` says whether trying later may help). When it refused the sender's address,
   * and only then, the error has an `invalid_email` issue at `reply.email`: any other failure
   * (the login, the `from` address, the server) stops every question, not just this one.
   */
  ask(question: FollowUpQuestion): Promise<void>;
}

/**
 * Makes a mailer for follow-up questions from the same settings as `emailAdapter` (its SMTP
 * server, `from`, `confirmation.from` and `confirmation.replyTo`, `municipalityName`).
 *
 * @throws TypeError naming the field when the settings are wrong.
 */
export function followUpMailer(input: EmailConfigInput): FollowUpMailer {
  const config = parseEmailConfig(input);
  const transport = transportOf(config);
  return {
    municipalityName: config.municipalityName,
    async ask(question) {
      try {
        await transport.sendMail(followUpMail(question, config));
      } catch (error) {
        throw recipientRefusal(error) ?? toAdapterError(error);
      }
    },
  };
}
