import { AdapterError } from '@synpunkt/sdk';

/** The parts of a nodemailer error this adapter reads. */
interface SmtpFailure {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
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
 * Turns what nodemailer threw into an `AdapterError` that says whether a retry may help:
 * - 4xx replies and broken or refused connections: `unavailable`, retryable;
 * - 535 and the other authentication replies, a failed login: `configuration`, not retryable;
 * - every other 5xx reply: `rejected`, not retryable (the server refuses this mail for good).
 * Anything unknown counts as an outage: retrying it loses nothing, dropping it would.
 */
export function toAdapterError(error: unknown): AdapterError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SmtpFailure;
  const { responseCode, response, command } = failure;
  const code = failure.originalCode ?? failure.code;
  const said = response ? `: ${response}` : failure.message ? `: ${failure.message}` : '';
  const status = responseCode ?? code;
  const options = status === undefined ? { cause: error } : { cause: error, status };
  if (responseCode !== undefined && responseCode >= 500) {
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
