import type { AdapterContext, Submission } from '@synpunkt/sdk';
import type { SendMailOptions } from 'nodemailer';
import type { EmailConfig } from './config.js';
import { displayName } from './escape.js';
import { fieldRows, lookup } from './fields.js';
import { attachmentFileNames, JSON_FILE_NAME, jsonCopyOf } from './json-copy.js';
import { messageIdOf } from './reference.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import { CLERK_TEXTS } from './texts.js';
import { subjectOf, titleOf } from './subject.js';

/** The clerk's addresses for an area: its own from `to.byArea`, else `to.default`. */
export function recipientsOf(to: EmailConfig['to'], area: string): string[] {
  const routed = lookup(to.byArea, area) ?? to.default;
  return [...new Set(typeof routed === 'string' ? [routed] : routed)];
}

/** `From:` as nodemailer takes it: the display name is folded to one line. */
export function fromOf(address: string, name: string | undefined): SendMailOptions['from'] {
  return name === undefined ? address : { name: displayName(name), address };
}

/**
 * The mail to the registry clerk. Every value reaches nodemailer as a field, never as a
 * hand-built header line, and anything a sender typed that lands in a header (their name in
 * Reply-To, the area in the subject) is folded to one line first (see `displayName` for names). The envelope is set
 * explicitly, so the recipients are the configured ones and nothing else.
 */
export function clerkMail(
  submission: Submission,
  reference: string,
  config: EmailConfig,
  context: Pick<AdapterContext, 'replyBy' | 'receivedAt'> = {},
): SendMailOptions {
  const { replyBy, receivedAt } = context;
  const { reply } = submission;
  const replyToSender = reply.wanted && reply.via === 'email' && reply.email !== undefined;
  const attachedAs = attachmentFileNames(submission.attachments);
  const rows = fieldRows(submission, {
    reference,
    attachedAs,
    areaLabels: config.areaLabels,
    replyBy,
    receivedAt,
  });
  const hint = replyToSender
    ? CLERK_TEXTS.replyHint
    : reply.wanted
      ? CLERK_TEXTS.otherChannelHint
      : CLERK_TEXTS.anonymousHint;
  const body = { title: titleOf(submission, config.areaLabels), hint };
  const to = recipientsOf(config.to, submission.area);
  const json = jsonCopyOf(submission, reference, attachedAs, reply.wanted ? replyBy : undefined);
  return {
    from: fromOf(config.from, config.fromName),
    to,
    envelope: { from: config.from, to },
    ...(replyToSender && reply.wanted && reply.email !== undefined
      ? { replyTo: { name: displayName(reply.name), address: reply.email } }
      : {}),
    subject: subjectOf(submission, reference, config.areaLabels),
    // Serious complaints go to the nearest manager at once: mail programs show it as important.
    ...(submission.serious ? { priority: 'high' as const } : {}),
    messageId: messageIdOf(submission.id),
    headers: {
      'X-Synpunkt-Id': submission.id,
      'X-Synpunkt-Reference': reference,
      'X-Synpunkt-Kind': submission.kind,
    },
    text: renderText(rows, body),
    html: renderHtml(rows, body),
    attachments: [
      ...submission.attachments.map((file, index) => ({
        filename: attachedAs[index] ?? file.name,
        content: Buffer.from(file.data, 'base64'),
        contentType: file.type,
      })),
      {
        filename: JSON_FILE_NAME,
        content: `${JSON.stringify(json, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
      },
    ],
  };
}
