import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig } from './config.js';

/** The SMTP transport every mail of one configuration goes through. */
export function transportOf({
  smtp,
  timeoutMs,
}: EmailConfig): Transporter<SMTPTransport.SentMessageInfo> {
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    ...(smtp.secure === undefined ? {} : { secure: smtp.secure }),
    ...(smtp.requireTLS === undefined ? {} : { requireTLS: smtp.requireTLS }),
    ...(smtp.ignoreTLS === undefined ? {} : { ignoreTLS: smtp.ignoreTLS }),
    ...(smtp.auth === undefined ? {} : { auth: { user: smtp.auth.user, pass: smtp.auth.pass } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // Attachments are bytes from the submission, never a path or URL for nodemailer to read.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
