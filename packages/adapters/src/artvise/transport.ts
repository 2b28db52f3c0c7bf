// One SOAP call over HTTP, and the mapping of everything that can go wrong to an AdapterError.

import { AdapterError } from '@synpunkt/sdk';
import type { Element } from '@xmldom/xmldom';
import { textOf } from '../shared/answer.js';
import { retryAfterMsOf } from '../shared/retry-after.js';
import { soapAction, type Operation } from './contracts.js';
import { envelope, parseAnswer, SoapFormatError } from './envelope.js';
import type { Xml } from './xml.js';

/** Where and how to call MercuryAPI. */
export interface TransportSettings {
  endpoint: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Words in a fault or `Ok=false` message that mean the API key was refused. */
const AUTH_WORDS =
  /api[\s_-]?(?:key|nyckel)|unauthori[sz]ed|not authori[sz]ed|access is denied|behörighet/i;

/** Fault codes that mean the server failed, not the request: worth another try. */
const SERVER_FAULTS = new Set(['Server', 'Receiver', 'InternalServiceFault']);

/**
 * The most of an answer read, in MiB. The largest answer MercuryAPI can rightly send is
 * GetCaseByIdentifier's for a case whose deeds carry a synpunkt's files in base64 (the sdk's
 * 10 MB are 13.4 MB); the rest of a case is far smaller. A broken endpoint, or a proxy in front
 * of it, that sends an endless answer is stopped here instead of filling the relay's memory
 * until the timeout.
 */
export const MAX_ANSWER_MIB = 20;

/** Longest server text quoted in an error message: enough for an operator, bounded for logs. */
const QUOTE_MAX = 1_000;

/**
 * The server's text for an error message, cut at {@link QUOTE_MAX} characters: a WCF service
 * with exception details on puts a whole .NET stack trace in its faultstring.
 */
function quoted(text: string): string {
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

/**
 * The error for a SOAP fault. `retryAfterMs`: the wait a throttled service named in Retry-After,
 * kept when the fault is worth another try.
 */
export function faultError(
  operation: Operation,
  code: string,
  message: string,
  retryAfterMs?: number,
): AdapterError {
  const text = `Artvise answered ${operation} with a SOAP fault (${quoted(code) || 'no code'}): ${quoted(message)}`;
  const status = `soap:${code}`;
  if (AUTH_WORDS.test(message)) return new AdapterError(text, { reason: 'configuration', status });
  if (SERVER_FAULTS.has(code)) {
    const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
    return new AdapterError(text, { reason: 'unavailable', status, ...wait });
  }
  return new AdapterError(text, { reason: 'rejected', status });
}

/** The error for `Ok=false` in a result. */
export function refusalError(operation: Operation, message: string): AdapterError {
  const text = `Artvise refused ${operation}: ${quoted(message) || '(no message)'}`;
  const reason = AUTH_WORDS.test(message) ? 'configuration' : 'rejected';
  return new AdapterError(text, { reason, status: 'Ok=false' });
}

function httpError(operation: Operation, response: Response, detail: string): AdapterError {
  const { status } = response;
  const text = `Artvise answered ${operation} with HTTP ${status}${detail ? `: ${quoted(detail)}` : ''}`;
  if (status === 401 || status === 403) {
    return new AdapterError(`${text} (check apiKey and access to the endpoint)`, {
      reason: 'configuration',
      status,
    });
  }
  if ((status >= 300 && status < 400) || status === 404 || status === 405) {
    return new AdapterError(`${text} (check endpoint: it should end in Service.svc)`, {
      reason: 'configuration',
      status,
    });
  }
  if (status === 413) {
    // WCF's default quota is 64 KB a message; a photo in base64 needs the installation's raised.
    return new AdapterError(
      `${text} (the request is larger than the service takes: raise maxReceivedMessageSize and readerQuotas in its web.config)`,
      { reason: 'rejected', status },
    );
  }
  // 408: a proxy or IIS gave up waiting for the request, as our own timeout would: try again.
  if (status === 408 || status === 429 || status >= 500 || status < 300) {
    const wait = retryAfterMsOf(response.headers.get('retry-after'));
    return new AdapterError(text, {
      reason: 'unavailable',
      status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  return new AdapterError(text, { reason: 'rejected', status });
}

/** Why a request failed on the network: fetch's "fetch failed" with the system's code (ECONNREFUSED). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  // A system code (ECONNREFUSED, ENOTFOUND) says most; undici's own codes less than its message.
  const detail =
    cause instanceof Error
      ? cause.code && /^E[A-Z]+$/.test(cause.code)
        ? cause.code
        : cause.message
      : undefined;
  return detail ? `${error.message} (${detail})` : error.message;
}

/**
 * Calls one MercuryAPI operation and returns its `<…Result>` element (`undefined` when nil).
 * Throws an `AdapterError` for faults, HTTP errors, timeouts and network errors, and the
 * signal's reason when the caller aborts.
 */
export async function soapCall(
  settings: TransportSettings,
  operation: Operation,
  body: Xml,
  signal?: AbortSignal,
): Promise<Element | undefined> {
  signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  let response: Response;
  let text: string | undefined;
  try {
    response = await settings.fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: `"${soapAction(operation)}"`,
        accept: 'text/xml',
      },
      body: envelope(body),
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // Undefined past the limit, the rest unread; the timeout still bounds the time it takes.
    text = await textOf(response, MAX_ANSWER_MIB * 1_048_576);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const why = timeout.aborted
      ? `did not answer ${operation} within ${settings.timeoutMs} ms`
      : `could not be reached for ${operation}: ${networkReason(error)}`;
    throw new AdapterError(`Artvise ${why}`, { reason: 'unavailable', cause: error });
  }

  let detail = '';
  if (text === undefined) {
    // Judged by its status, as the rest and open311 adapters judge theirs, like an answer that
    // is not SOAP: a 200 or 503 is worth another try (it starts with the lookup), a 400 is not.
    detail = `an answer longer than ${MAX_ANSWER_MIB} MiB, not read further`;
  } else if (text.trim().length > 0) {
    try {
      const answer = parseAnswer(text, operation);
      if (answer.kind === 'fault') {
        // A throttled WCF service says when to come back, beside its fault.
        const wait = retryAfterMsOf(response.headers.get('retry-after'));
        throw faultError(operation, answer.code, answer.message, wait);
      }
      if (response.ok) return answer.result;
    } catch (error) {
      if (!(error instanceof SoapFormatError)) throw error;
      detail = error.message;
    }
  } else {
    detail = 'an empty answer';
  }
  throw httpError(operation, response, detail);
}
