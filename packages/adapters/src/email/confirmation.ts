import { formatPlainDate, type Submission } from '@synpunkt/sdk';
import type { SendMailOptions } from 'nodemailer';
import type { EmailConfig } from './config.js';
import { swedishTime } from './fields.js';
import { fromOf } from './message.js';
import { confirmationMessageIdOf } from './reference.js';
import { CONFIRMATION_TEXTS, type ConfirmationTexts } from './texts.js';

/** The confirmation's language: English for `en`, `en-GB`…, Swedish for everything else. */
export function confirmationLanguage(locale: string): 'sv' | 'en' {
  return /^en(?:-|$)/i.test(locale) ? 'en' : 'sv';
}

/** The texts for this sender: in lättläst Swedish for one who used the lättläst form. */
export function confirmationTexts(submission: Submission): ConfirmationTexts {
  const language = confirmationLanguage(submission.locale);
  return CONFIRMATION_TEXTS[
    language === 'sv' && submission.mode === 'lattlast' ? 'sv-lattlast' : language
  ];
}

/**
 * The plain-text confirmation to the sender, or `undefined` when none is due: confirmations
 * are off, or the sender gave no e-mail address (anonymous senders never get one).
 *
 * It repeats nothing the sender typed (not the message, not the name): anyone can type someone
 * else's address into a form, and the municipality's mail server must not carry their text.
 */
export function confirmationMail(
  submission: Submission,
  reference: string,
  receivedAt: string,
  config: EmailConfig,
  replyBy?: string,
): SendMailOptions | undefined {
  const { confirmation } = config;
  const { reply } = submission;
  if (confirmation?.enabled !== true || !reply.wanted || reply.email === undefined)
    return undefined;
  const texts = confirmationTexts(submission);
  const from = confirmation.from ?? config.from;
  const text = [
    texts.greeting,
    '',
    texts.received(
      config.municipalityName ?? texts.municipality,
      swedishTime(receivedAt, texts.locale),
    ),
    texts.about(texts.kind[submission.kind]),
    '',
    texts.reference(reference),
    '',
    replyBy === undefined
      ? texts.willReply[reply.via]
      : texts.willReplyBy[reply.via](formatPlainDate(replyBy, texts.locale)),
    texts.publicRecord,
    '',
    texts.notYou,
    ...(confirmation.replyTo === undefined ? [texts.noReply] : []),
    '',
  ].join('\n');
  return {
    from: fromOf(from, config.municipalityName ?? config.fromName),
    to: reply.email,
    envelope: { from, to: [reply.email] },
    ...(confirmation.replyTo === undefined ? {} : { replyTo: confirmation.replyTo }),
    subject: texts.subject(reference),
    messageId: confirmationMessageIdOf(submission.id),
    headers: {
      // RFC 3834: tells the sender's mail system not to answer with an out-of-office reply.
      'Auto-Submitted': 'auto-generated',
      'X-Synpunkt-Confirmation-Of': submission.id,
    },
    text,
  };
}
