/**
 * The e-mail adapter: delivers each synpunkt as a mail to the registry clerk (routed by area),
 * with a plain-text and an HTML body showing every field, the attachments, and a
 * machine-readable `synpunkt.json` for a case system's e-mail import. Node only: it holds the
 * SMTP credentials.
 * @packageDocumentation
 */
import {
  AdapterError,
  ATTACHMENT_TYPES,
  LIMITS,
  type Adapter,
  type AdapterCapabilities,
  type AdapterContext,
  type Receipt,
  type Submission,
  untilAborted,
} from '@synpunkt/sdk';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { checkedSubmission } from '../shared/checked.js';
import { parseEmailConfig, type EmailConfig, type EmailConfigInput } from './config.js';
import { confirmationMail } from './confirmation.js';
import { partialRefusal, toAdapterError, type RefusedRecipient } from './errors.js';
import { clerkMail, recipientsOf } from './message.js';
import { referenceOf } from './reference.js';
import { SentIds } from './sent-ids.js';
import { transportOf } from './transport.js';

export { emailConfigSchema, parseEmailConfig } from './config.js';
export type { EmailConfig, EmailConfigInput } from './config.js';
export { escapeHtml, oneLine } from './escape.js';
export { referenceOf, messageIdOf } from './reference.js';
export { followUpLanguageOf, followUpMail, followUpMailer, FOLLOW_UP_TEXTS } from './follow-up.js';
export type {
  FollowUpLanguage,
  FollowUpQuestion,
  FollowUpMailer,
  FollowUpTexts,
} from './follow-up.js';
export {
  JSON_FILE_NAME,
  JSON_FORMAT,
  JSON_FORMAT_VERSION,
  type JsonAttachment,
  type JsonCopy,
} from './json-copy.js';

/** How many delivered ids one adapter remembers to refuse sending twice. */
const REMEMBERED_IDS = 10_000;

/** What the e-mail adapter carries: the sdk's attachment limits, no limit on the message. */
export const EMAIL_CAPABILITIES: AdapterCapabilities = {
  attachments: {
    types: ATTACHMENT_TYPES,
    maxCount: LIMITS.attachmentCountMax,
    maxBytes: LIMITS.attachmentBytesMax,
    maxTotalBytes: LIMITS.attachmentsTotalBytesMax,
  },
};

/** The addresses the server refused at RCPT TO, with its reply, from what nodemailer returned. */
function refusedRecipients(info: SMTPTransport.SentMessageInfo): RefusedRecipient[] {
  const replies = (info as { rejectedErrors?: unknown }).rejectedErrors;
  const errors = Array.isArray(replies) ? (replies as RefusalReply[]) : [];
  return (info.rejected as readonly (string | { address: string })[]).map((entry) => {
    const address = typeof entry === 'string' ? entry : entry.address;
    const reply = errors.find((error) => error.recipient === address);
    return {
      address,
      ...(reply?.responseCode === undefined ? {} : { responseCode: reply.responseCode }),
      ...(reply?.response === undefined ? {} : { response: reply.response }),
    };
  });
}

/** What nodemailer keeps of each refused recipient (`rejectedErrors`, not in its types). */
interface RefusalReply {
  recipient?: string;
  responseCode?: number;
  response?: string;
}

function reportConfirmationError(config: EmailConfig, error: unknown, id: string): void {
  if (config.onConfirmationError) {
    config.onConfirmationError(error, id);
    return;
  }
  // No address or server reply in the log line: they may hold the sender's personal data.
  const code = error instanceof AdapterError ? String(error.status ?? error.reason) : 'unknown';
  console.warn(`emailAdapter: the confirmation for ${id} could not be sent (${code})`);
}

/**
 * Makes an adapter that mails each synpunkt to the registry clerk over SMTP.
 *
 * ```ts
 * const adapter = emailAdapter({
 *   smtp: { host: 'smtp.kommun.se', port: 587, auth: { user: 'synpunkt', pass: process.env.SMTP_PASS } },
 *   from: 'synpunkt@kommun.se',
 *   to: { default: 'registrator@kommun.se', byArea: { aldreomsorg: 'vard.omsorg@kommun.se' } },
 * });
 * ```
 *
 * The configuration is checked at once: a wrong one throws a `TypeError` naming the field.
 * The same adapter never mails the same submission id twice (it returns the first receipt);
 * after a restart a retry may mail it again with the same Message-ID (see the docs).
 */
export function emailAdapter(input: EmailConfigInput): Adapter {
  const config = parseEmailConfig(input);
  const transport = transportOf(config);
  const sent = new SentIds(REMEMBERED_IDS);

  async function confirm(
    submission: Submission,
    receipt: Receipt,
    replyBy: string | undefined,
  ): Promise<void> {
    const mail = confirmationMail(
      submission,
      receipt.reference,
      receipt.receivedAt,
      config,
      replyBy,
    );
    if (mail === undefined) return;
    try {
      await transport.sendMail(mail);
    } catch (error) {
      // The synpunkt is delivered; a missing confirmation must not make the relay send it again.
      reportConfirmationError(config, toAdapterError(error), submission.id);
    }
  }

  async function deliver(submission: Submission, context: AdapterContext): Promise<Receipt> {
    const reference = context.reference ?? referenceOf(config.referencePrefix, submission.id);
    const mail = clerkMail(submission, reference, config, context);
    // After a partial refusal, a retry mails only the addresses that have not taken it yet.
    const reached = sent.reached(submission.id);
    const addresses = recipientsOf(config.to, submission.area);
    const missing = addresses.filter((address) => !reached.has(address.toLowerCase()));
    const envelope = { from: config.from, to: missing };
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await transport.sendMail({ ...mail, envelope });
    } catch (error) {
      throw toAdapterError(error);
    }
    // The server takes the mail if any one address takes it: the others must not be lost.
    const refused = refusedRecipients(info);
    if (refused.length > 0) {
      const refusedSet = new Set(refused.map((r) => r.address.toLowerCase()));
      sent.addReached(
        submission.id,
        missing.filter((address) => !refusedSet.has(address.toLowerCase())),
      );
      const took = addresses.filter((address) => !refusedSet.has(address.toLowerCase()));
      throw partialRefusal(refused, took);
    }
    const receipt: Receipt = {
      id: submission.id,
      reference,
      receivedAt: context.receivedAt ?? new Date().toISOString(),
    };
    sent.remember(receipt);
    await confirm(submission, receipt, context.replyBy);
    return receipt;
  }

  return {
    name: 'email',
    capabilities: EMAIL_CAPABILITIES,
    async submit(candidate, context = {}) {
      const { signal } = context;
      signal?.throwIfAborted();
      // Checked again here, before any SMTP traffic: a caller may skip the client.
      const submission = checkedSubmission(candidate);
      for (;;) {
        const earlier = sent.get(submission.id);
        if (earlier) return earlier;
        const pending = sent.pending(submission.id);
        if (pending === undefined) break;
        // `pending` never rejects (see SentIds.track): only the signal can end the wait early.
        await (signal === undefined ? pending : untilAborted(pending, signal));
      }
      // The SMTP transaction itself is not cut off: once the mail is on its way the server may
      // take it whatever the client does, and a mail cut off after DATA was delivered and then
      // sent again at the retry (a slow virus scan: every outbox attempt one more copy). It
      // finishes on its own timeouts and is remembered, so the retry waits for it.
      const delivery = sent.track(submission.id, deliver(submission, context));
      return signal === undefined ? delivery : untilAborted(delivery, signal);
    },
  };
}
