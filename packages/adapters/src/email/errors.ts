import { AdapterError } from '@synpunkt/sdk';

/** The parts of a nodemailer error this adapter reads. */
interface SmtpFailure {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  /** Each address's refusal, when the server refused every address at RCPT TO. */
  rejectedErrors?: SmtpFailure[];
  /** Set by our transport: the whole mail had gone to the server (see `SmtpTransport`). */
  bodySent?: boolean;
}

/** Errors that mean the server was not reached or the connection broke: worth retrying. */
const NETWORK_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // A TLS handshake that failed; often a certificate about to be renewed: keep trying.
  'ETLS',
]);

/** SMTP replies that say the credentials are wrong or missing (RFC 4954). */
const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/**
 * Whether a refusal at RCPT TO is worth another try: every 4xx, and 552. RFC 5321 section
 * 4.5.3.1.10: RFC 821 wrongly gave 552 for "too many recipients", the correct reply is 452, and
 * clients SHOULD treat a 552 at RCPT as that temporary failure; servers also send it for a full
 * mailbox, which empties too. (A 552 at MAIL FROM or after DATA, a mail too large, stays final.)
 */
function deferredAtRcpt(responseCode: number | undefined): boolean {
  return responseCode !== undefined && (responseCode < 500 || responseCode === 552);
}

/** How an error says the server deferred a mail: it asked to (4xx), or RFC 5321 says so (552). */
function later(responseCode: number | undefined): string {
  return responseCode === 552
    ? 'The SMTP server cannot take the mail now (552 at RCPT TO: a full mailbox or too many ' +
        'recipients, temporary by RFC 5321), so try again later'
    : 'The SMTP server asked to try again later';
}

/**
 * The refusal at RCPT TO worth another try (see {@link deferredAtRcpt}) among the addresses of
 * a mail nodemailer could send to nobody, or `undefined`. Nodemailer reports a 4xx among them
 * when there is one, else the last refusal, which may be a 550 beside a deferring 552.
 */
function deferredRcpt(failure: SmtpFailure): SmtpFailure | undefined {
  if (!failure.command?.toUpperCase().startsWith('RCPT')) return undefined;
  const all = [failure, ...(Array.isArray(failure.rejectedErrors) ? failure.rejectedErrors : [])];
  return all.find((each) => deferredAtRcpt(each.responseCode));
}

/**
 * Turns what nodemailer threw into an `AdapterError` that says whether a retry may help:
 * - 4xx replies, a 552 at RCPT TO and broken or refused connections: `unavailable`, retryable;
 * - 535 and the other authentication replies, a failed login: `configuration`, not retryable;
 * - every other 5xx reply: `rejected`, not retryable (the server refuses this mail for good);
 * - no answer to a mail sent whole (a timeout or a dropped connection after the body):
 *   `unavailable` with status `DATA:<code>`, retryable, and the message says the server may
 *   have taken it, so the retry may bring a second copy with the same Message-ID.
 * Anything unknown counts as an outage: retrying it loses nothing, dropping it would.
 */
export function toAdapterError(error: unknown): AdapterError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const { responseCode, response, command } = failure;
  const code = failure.originalCode ?? failure.code;
  const said = response ? `: ${response}` : failure.message ? `: ${failure.message}` : '';
  const status = responseCode ?? code;
  const options = status === undefined ? { cause: error } : { cause: error, status };
  if (failure.bodySent === true && responseCode === undefined) {
    // Retried all the same: a second copy (same Message-ID) is better than a lost synpunkt.
    return new AdapterError(
      `The SMTP server did not confirm the mail after all of it was sent${code ? ` (${code})` : ''}: ` +
        'it may have taken it, so the retry may deliver a second copy with the same Message-ID',
      { cause: error, status: `DATA:${code ?? 'unknown'}`, reason: 'unavailable' },
    );
  }
  const deferred = deferredRcpt(failure);
  if (deferred?.responseCode !== undefined) {
    const reply = deferred.response ? `: ${deferred.response}` : said;
    return new AdapterError(`${later(deferred.responseCode)}${reply}`, {
      cause: error,
      status: deferred.responseCode,
      reason: 'unavailable',
    });
  }
  if (responseCode !== undefined && responseCode >= 500) {
    if (command?.toUpperCase().startsWith('STARTTLS')) {
      return new AdapterError(
        'The SMTP server does not offer STARTTLS, which this configuration requires ' +
          '(use port 465 with smtp.secure, or set smtp.requireTLS: false to send in clear)' +
          said,
        { ...options, reason: 'configuration' },
      );
    }
    if (AUTH_REPLIES.has(responseCode) || code === 'EAUTH') {
      return new AdapterError(`The SMTP server refused the login (check smtp.auth)${said}`, {
        ...options,
        reason: 'configuration',
      });
    }
    const step = command ? ` at ${command.split(' ')[0]}` : '';
    return new AdapterError(`The SMTP server refused the mail${step}${said}`, {
      ...options,
      reason: 'rejected',
    });
  }
  if (responseCode !== undefined && responseCode >= 400) {
    return new AdapterError(`The SMTP server asked to try again later${said}`, {
      ...options,
      reason: 'unavailable',
    });
  }
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'ECONFIG' || code === 'EREQUIRETLS') {
    return new AdapterError(`The SMTP settings do not work with this server (${code})${said}`, {
      ...options,
      reason: 'configuration',
    });
  }
  const what = code !== undefined && NETWORK_CODES.has(code) ? 'could not be reached' : 'failed';
  return new AdapterError(`The SMTP server ${what}${code ? ` (${code})` : ''}${said}`, {
    ...options,
    reason: 'unavailable',
  });
}

/**
 * The error for a mail to one address that the server refused at RCPT TO, or `undefined` for
 * any other failure. It is about that address, not the server or the settings, so it carries an
 * `invalid_email` issue at `reply.email`: a 5xx is `invalid` (asking again will not help), a 4xx
 * or a 552 (greylisting, a full mailbox, see {@link deferredAtRcpt}) `unavailable` (try later).
 */
export function recipientRefusal(error: unknown): AdapterError | undefined {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const { responseCode, response, command } = failure;
  if (responseCode === undefined || !command?.toUpperCase().startsWith('RCPT')) return undefined;
  const permanent = !deferredAtRcpt(responseCode);
  return new AdapterError(
    permanent
      ? `The SMTP server refused the address at RCPT TO: ${response ?? responseCode}`
      : `${later(responseCode)} for this address: ${response ?? responseCode}`,
    {
      cause: error,
      status: responseCode,
      reason: permanent ? 'invalid' : 'unavailable',
      issues: [{ path: ['reply', 'email'], code: 'invalid_email' }],
    },
  );
}

/** One clerk address the server refused while it took the mail for others. */
export interface RefusedRecipient {
  address: string;
  responseCode?: number;
  response?: string;
}

/**
 * The error for a mail the server took for some of the clerk's addresses and refused for
 * others. Not delivered: the relay keeps it and a retry mails only the addresses still missing.
 * Any 4xx or 552 among the refusals (greylisting, a full mailbox, see {@link deferredAtRcpt})
 * makes it `unavailable`; otherwise the refusals are final (`rejected`: an address that does
 * not exist) and an operator must fix the routing before sending it again.
 */
export function partialRefusal(
  refused: readonly RefusedRecipient[],
  reached: readonly string[],
): AdapterError {
  const list = refused
    .map(({ address, response }) => (response ? `${address} (${response})` : address))
    .join(', ');
  const took = reached.length > 0 ? `; it was delivered to ${reached.join(', ')}` : '';
  // Refused in a mail that went out: at RCPT TO, the only place an SMTP (not LMTP) server can.
  const deferred = refused.find((r) => deferredAtRcpt(r.responseCode));
  const status = (deferred ?? refused[0])?.responseCode;
  const options = status === undefined ? {} : { status };
  if (deferred !== undefined) {
    return new AdapterError(`${later(deferred.responseCode)} for ${list}${took}`, {
      ...options,
      reason: 'unavailable',
    });
  }
  return new AdapterError(`The SMTP server refused the clerk address ${list}${took}`, {
    ...options,
    reason: 'rejected',
  });
}
