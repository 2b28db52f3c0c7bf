import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailConfig } from './config.js';

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
export function transportOf({
  smtp,
  timeoutMs,
}: EmailConfig): Transporter<SMTPTransport.SentMessageInfo> {
  const requireTLS = requiresTls(smtp);
  return createTransport({
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
}
