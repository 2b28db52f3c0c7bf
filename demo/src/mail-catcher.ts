import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One e-mail the relay delivered, as the registry clerk would see it. */
export interface CaughtMail {
  receivedAt: string;
  messageId: string | undefined;
  synpunktId: string | undefined;
  from: string;
  to: string;
  replyTo: string | undefined;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; size: number }[];
  /** The submission from the machine-readable copy (`synpunkt.json`), when the mail has one. */
  submission: Record<string, unknown> | undefined;
}

/** A local SMTP server that keeps every mail in memory: the demo's stand-in for an inbox. */
export interface MailCatcher {
  port: number;
  mails: CaughtMail[];
  close(): Promise<void>;
}

/** Starts the catcher on 127.0.0.1 (port 0 picks a free one). No TLS, no auth: loopback only. */
export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const header = parsed.headers.get('x-synpunkt-id');
          const json = parsed.attachments.find((a) => a.filename === 'synpunkt.json');
          mails.unshift({
            receivedAt: new Date().toISOString(),
            messageId: parsed.messageId,
            synpunktId: typeof header === 'string' ? header : undefined,
            from: parsed.from?.text ?? '',
            to: [parsed.to ?? []]
              .flat()
              .map((a) => a.text)
              .join(', '),
            replyTo: parsed.replyTo?.text,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '(utan namn)',
              contentType: a.contentType,
              size: a.size,
            })),
            submission: json
              ? (
                  JSON.parse(json.content.toString('utf8')) as {
                    submission: Record<string, unknown>;
                  }
                ).submission
              : undefined,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits every connection's socket error on the server. A relay that is
  // killed mid-mail resets its connection; without a listener that would end the demo.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
    console.error(`[mail] ${error.message}`);
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    port: actual,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
