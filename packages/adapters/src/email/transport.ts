import { PassThrough, pipeline, type Readable } from 'node:stream';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig } from './config.js';

/** The one thing the adapter does with SMTP: send a mail. */
export interface SmtpTransport {
  /**
   * Sends one mail, or throws what nodemailer threw. When the whole mail had gone to the
   * server before the failure (it went silent or hung up instead of answering it), the error
   * is marked `bodySent: true`: the server may have taken the mail.
   */
  sendMail(mail: SendMailOptions): Promise<SMTPTransport.SentMessageInfo>;
}

/**
 * Whether the connection must be upgraded with STARTTLS before anything is sent. Set, it is
 * what the configuration says. Unset, it is required when there is a login and the connection
 * is not TLS from the first byte: otherwise anyone on the path who strips "STARTTLS" from the
 * server's greeting reads the password. `ignoreTLS` (a loopback test server) opts out.
 */
export function requiresTls(smtp: EmailConfig['smtp']): boolean | undefined {
  if (smtp.requireTLS !== undefined) return smtp.requireTLS;
  const implicitTls = smtp.secure ?? smtp.port === 465;
  return smtp.auth !== undefined && !implicitTls && smtp.ignoreTLS !== true ? true : undefined;
}

/** The SMTP transport every mail of one configuration goes through. */
export function transportOf({ smtp, timeoutMs }: EmailConfig): SmtpTransport {
  const requireTLS = requiresTls(smtp);
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    ...(smtp.secure === undefined ? {} : { secure: smtp.secure }),
    ...(requireTLS === undefined ? {} : { requireTLS }),
    ...(smtp.ignoreTLS === undefined ? {} : { ignoreTLS: smtp.ignoreTLS }),
    ...(smtp.auth === undefined ? {} : { auth: { user: smtp.auth.user, pass: smtp.auth.pass } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Attachments are bytes from the submission, never a path or URL for nodemailer to read.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // The Message-IDs of the mails in a send under way whose every byte went to the connection
  // (the end of the body, after which only the server's answer is missing). Each of our mails
  // has its own Message-ID, and one adapter never sends the same one twice at a time.
  const handedOver = new Set<string>();
  transport.use('stream', (mail, done) => {
    const { messageId } = mail.data;
    if (typeof messageId === 'string') {
      mail.message.processFunc((input: Readable) => {
        const output = new PassThrough();
        // 'end': the connection has read the last byte of the body.
        output.once('end', () => handedOver.add(messageId));
        return pipeline(input, output, () => undefined);
      });
    }
    done();
  });
  return {
    async sendMail(mail) {
      const { messageId } = mail;
      try {
        return await transport.sendMail(mail);
      } catch (error) {
        if (messageId !== undefined && handedOver.has(messageId) && error instanceof Error) {
          Object.assign(error, { bodySent: true });
        }
        throw error;
      } finally {
        if (messageId !== undefined) handedOver.delete(messageId);
      }
    },
  };
}
