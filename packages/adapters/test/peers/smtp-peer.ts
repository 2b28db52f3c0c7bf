import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message the peer accepted: the SMTP envelope, the raw bytes, and the parsed mail. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/** `accept`: takes every mail. `tempfail`: 451 at RCPT TO. `reject`: 550 after DATA. */
export type PeerMode = 'accept' | 'tempfail' | 'reject';

/** A real SMTP server on 127.0.0.1 that keeps what it receives. */
export interface SmtpPeer {
  readonly port: number;
  /** Every accepted message, in order of arrival. */
  readonly messages: ReceivedMail[];
  /** SMTP connections opened so far, whatever came of them. */
  readonly connections: number;
  /** Logins tried so far, right or wrong. */
  readonly logins: number;
  mode: PeerMode;
  /** Addresses answered with 550 at RCPT TO, whatever the mode. */
  readonly refusedRecipients: Set<string>;
  /** Addresses answered with 451 at RCPT TO (greylisting, a full mailbox), whatever the mode. */
  readonly deferredRecipients: Set<string>;
  /** Addresses answered with 552 at RCPT TO (a full mailbox, as many servers say it). */
  readonly fullRecipients: Set<string>;
  /**
   * While set, every RCPT TO waits for this promise (a server that hangs); `onHold` is called
   * as each one starts waiting.
   */
  hold: { until: Promise<void>; onHold: () => void } | undefined;
  /**
   * While true, the peer keeps each mail it receives but never answers it: a server whose
   * answer (after a slow virus scan) comes only after the client has given up.
   */
  silentAfterData: boolean;
  /** Stops listening: connections are refused until `start()`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Each RCPT TO line as the client wrote it (smtp-server's envelope shows domains decoded). */
  readonly rcptLines: string[];
  /** The messages whose header `name` has this value. */
  withHeader(name: string, value: string): ReceivedMail[];
}

/** Options of the peer: credentials make it demand a login (and answer 535 to wrong ones). */
export interface SmtpPeerOptions {
  auth?: { user: string; pass: string };
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** What smtp-server logs of each command: the meta first, then `'C:'` and the line. */
interface CommandMeta {
  tnx?: string;
  cid?: string;
  command?: string;
}

/**
 * Starts a real `smtp-server` on 127.0.0.1 (a free port). STARTTLS is disabled: the adapter
 * under test connects with `ignoreTLS`. Every message is parsed back with mailparser. Like many
 * servers it offers no SMTPUTF8, and refuses an address that is not ASCII as written
 * (553 5.6.7, RFC 6531): a domain with å, ä or ö must come in its ASCII form.
 */
export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const rcptLines: string[] = [];
  /** The last RCPT TO line of each connection, read by onRcptTo for that command. */
  const lastRcpt = new Map<string, string>();
  let connections = 0;
  let logins = 0;
  const quiet = () => {};
  let server: SMTPServer | undefined;
  let port = 0;

  const serverOptions: SMTPServerOptions = {
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    hideSMTPUTF8: true,
    // The only way to the raw command line: smtp-server logs it before it handles it.
    logger: {
      trace: quiet,
      info: quiet,
      warn: quiet,
      error: quiet,
      fatal: quiet,
      debug(meta: CommandMeta, ...message: unknown[]) {
        if (meta.tnx !== 'command' || meta.command !== 'RCPT' || meta.cid === undefined) return;
        const line = String(message[1] ?? '');
        rcptLines.push(line);
        lastRcpt.set(meta.cid, line);
      },
    },
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      logins += 1;
      const { user, pass } = options.auth ?? {};
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(smtpError('Invalid username or password', 535));
    },
    onRcptTo(address, session, callback) {
      const answer = () => {
        // eslint-disable-next-line no-control-regex
        if (/[^\x00-\x7f]/.test(lastRcpt.get(session.id) ?? ''))
          callback(smtpError('5.6.7 SMTPUTF8 is not offered: write the address in ASCII', 553));
        else if (peer.refusedRecipients.has(address.address))
          callback(smtpError('No such user here', 550));
        else if (peer.deferredRecipients.has(address.address))
          callback(smtpError('Mailbox busy, try again later', 451));
        else if (peer.fullRecipients.has(address.address))
          callback(smtpError('5.2.2 Mailbox full', 552));
        else if (peer.mode === 'tempfail') callback(smtpError('Try again later, please', 451));
        else callback();
      };
      const { hold } = peer;
      if (hold === undefined) return answer();
      hold.onHold();
      void hold.until.then(answer);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (peer.mode === 'reject') {
          callback(smtpError('Message refused by policy', 550));
          return;
        }
        const raw = Buffer.concat(chunks);
        const { mailFrom, rcptTo } = session.envelope;
        const silent = peer.silentAfterData;
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              envelope: {
                from: mailFrom === false ? '' : mailFrom.address,
                to: rcptTo.map((rcpt) => rcpt.address),
              },
              raw,
              parsed,
            });
            if (!silent) callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = new SMTPServer(serverOptions);
      next.on('error', reject);
      const handle = next.listen(port, '127.0.0.1', () => {
        const address = handle.address();
        if (address !== null && typeof address === 'object') port = address.port;
        server = next;
        resolve();
      });
    });

  const peer: SmtpPeer = {
    get port() {
      return port;
    },
    messages,
    rcptLines,
    get connections() {
      return connections;
    },
    get logins() {
      return logins;
    },
    mode: 'accept',
    refusedRecipients: new Set(),
    deferredRecipients: new Set(),
    fullRecipients: new Set(),
    hold: undefined,
    silentAfterData: false,
    stop: () =>
      new Promise<void>((resolve) => {
        const current = server;
        server = undefined;
        if (current === undefined) resolve();
        else current.close(() => resolve());
      }),
    start: listen,
    withHeader: (name, value) =>
      messages.filter((mail) => mail.parsed.headers.get(name.toLowerCase()) === value),
  };
  await listen();
  return peer;
}
