import type {
  Adapter,
  AdapterCapabilities,
  AdapterContext,
  Receipt,
  Submission,
} from '@synpunkt/sdk';
import { AdapterError, untilAborted } from '@synpunkt/sdk';
import { checkedSubmission } from '../shared/checked.js';
import { parseCreated } from './answer.js';
import { resolveConfig, type Open311Config } from './config.js';
import { ATTRIBUTES, encodeRequest } from './encode.js';
import { errorFromAnswer, errorInsideSuccess } from './errors.js';
import { exchange, jsonOf, resourceUrl } from './http.js';
import { serviceCodeFor } from './routing.js';
import { pollToken } from './tokens.js';

/** GeoReport v2 limits `description` to 4 000 characters. */
export const OPEN311_MAX_DESCRIPTION = 4_000;

/** How many submissions an adapter remembers (receipt or pending token) for retries. */
const REMEMBERED_MAX = 1_000;

/** What an Open311 adapter can carry: 4 000 characters and no files (GeoReport takes no uploads). */
export const OPEN311_CAPABILITIES: AdapterCapabilities = Object.freeze({
  maxMessageLength: OPEN311_MAX_DESCRIPTION,
  attachments: false,
});

/** The adapter `open311Adapter` makes. */
export interface Open311Adapter extends Adapter {
  /** Always `open311`, for logs. */
  readonly name: 'open311';
  /** `{ maxMessageLength: 4000, attachments: false }`. */
  readonly capabilities: AdapterCapabilities;
}

/** What this adapter instance knows about a submission it sent before. */
interface Remembered {
  receipt?: Receipt;
  token?: string;
}

/** Refuses what GeoReport cannot carry, before anything is sent: nothing is cut or dropped. */
function refuseWhatDoesNotFit(submission: Submission): void {
  if (submission.message.length > OPEN311_MAX_DESCRIPTION) {
    throw new AdapterError(
      `The message is ${submission.message.length} characters; Open311 takes at most ${OPEN311_MAX_DESCRIPTION}`,
      {
        reason: 'invalid',
        issues: [{ path: ['message'], code: 'too_long', params: { max: OPEN311_MAX_DESCRIPTION } }],
      },
    );
  }
  if (submission.attachments.length > 0) {
    throw new AdapterError('Open311 (GeoReport v2) takes no attachments', {
      reason: 'invalid',
      issues: [{ path: ['attachments'], code: 'files_not_supported' }],
    });
  }
}

/**
 * An adapter that files each synpunkt as a GeoReport v2 service request
 * (`POST {baseUrl}/requests.json`, form-encoded). Runs in browsers and Node.
 *
 * The `service_code` is chosen per area and kind (see `ServiceCodes`); contact fields are sent
 * only when the sender wants an answer; everything else travels as `attribute[...]` (see
 * `ATTRIBUTES`). A token answer is exchanged for the request id with a bounded number of polls.
 *
 * Idempotency: GeoReport has no idempotency key. The submission id goes as
 * `attribute[submission_id]`, and this adapter remembers its receipts, so a retry through the
 * same adapter never posts twice. A retry from a restarted sender posts again: the server must
 * deduplicate on `attribute[submission_id]`, or send through the relay, which deduplicates.
 *
 * ```ts
 * const adapter = open311Adapter({
 *   baseUrl: 'https://open311.exempelkommun.se/v2',
 *   apiKey: process.env.OPEN311_API_KEY!,
 *   serviceCodes: { default: 'synpunkt', byArea: { 'gata-park': 'gata' } },
 * });
 * ```
 * Throws a `TypeError` naming the field when the configuration is wrong.
 */
export function open311Adapter(config: Open311Config): Open311Adapter {
  const settings = resolveConfig('open311Adapter', config);
  const remembered = new Map<string, Remembered>();
  /** Deliveries under way, with the signal of the caller who started each. */
  const inFlight = new Map<string, { delivery: Promise<Receipt>; signal?: AbortSignal }>();

  const remember = (id: string, entry: Remembered) => {
    remembered.delete(id);
    remembered.set(id, entry);
    if (remembered.size > REMEMBERED_MAX) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
  };

  const receiptFor = (id: string, reference: string): Receipt => {
    const receipt = { id, reference, receivedAt: new Date().toISOString() };
    remember(id, { receipt });
    return receipt;
  };

  const awaitToken = async (
    submission: Submission,
    token: string,
    signal: AbortSignal | undefined,
  ): Promise<Receipt> => {
    remember(submission.id, { token });
    const id = await pollToken(token, settings, signal);
    if (id !== undefined) return receiptFor(submission.id, id);
    throw new AdapterError(
      `The Open311 server accepted the request with token "${token}" but gave no service_request_id ` +
        `after ${settings.tokenPolls} polls of GET /tokens/${token}.json. A retry through this adapter ` +
        'asks for the same token again; a retry after a restart posts the request again, which ' +
        `duplicates it on a server that does not deduplicate on attribute[${ATTRIBUTES.submissionId}].`,
      { reason: 'unavailable' },
    );
  };

  const deliver = async (submission: Submission, context: AdapterContext): Promise<Receipt> => {
    const { signal } = context;
    const known = remembered.get(submission.id);
    if (known?.receipt) return known.receipt;
    if (known?.token !== undefined) return awaitToken(submission, known.token, signal);

    const form = encodeRequest(submission, {
      apiKey: settings.apiKey,
      jurisdictionId: settings.jurisdictionId,
      serviceCode: serviceCodeFor(settings.serviceCodes, submission.area, submission.kind),
      fallbackAddress: settings.fallbackAddress,
      receipt: context,
    });
    const answer = await exchange(
      resourceUrl(settings.baseUrl, 'requests', undefined),
      {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        },
        body: form.toString(),
      },
      { fetch: settings.fetch, timeoutMs: settings.timeoutMs, signal },
    );
    if (answer.status < 200 || answer.status >= 300) {
      throw errorFromAnswer(answer, 'POST /requests.json');
    }
    const created = parseCreated(jsonOf(answer));
    // An id or a token says it was made; an error list with no id says it was not, whatever the
    // HTTP status (see errorInsideSuccess).
    const refused =
      created?.kind === 'id' || created?.kind === 'token'
        ? undefined
        : errorInsideSuccess(answer, 'POST /requests.json');
    if (refused) throw refused;
    if (!created) {
      throw new AdapterError(
        `The Open311 server answered POST /requests.json with HTTP ${answer.status} but not with a ` +
          'GeoReport v2 request list. The request may have been created: look for ' +
          `attribute[${ATTRIBUTES.submissionId}]=${submission.id} before sending it again.`,
        { reason: 'rejected', status: answer.status },
      );
    }
    if (created.kind === 'id') return receiptFor(submission.id, created.id);
    if (created.kind === 'token') return awaitToken(submission, created.token, signal);
    // A blackbox service gives no id, ever: the submission id is the reference to search by.
    return receiptFor(submission.id, submission.id);
  };

  const submitOnce = async (submission: Submission, context: AdapterContext): Promise<Receipt> => {
    const { signal } = context;
    const running = inFlight.get(submission.id);
    if (running) {
      try {
        return await (signal ? untilAborted(running.delivery, signal) : running.delivery);
      } catch (error) {
        // The caller who started it gave up, not the server: this caller is still waiting, so
        // it sends by itself, as a retry would.
        const starter = running.signal;
        if (signal?.aborted || !starter?.aborted || error !== starter.reason) throw error;
        return submitOnce(submission, context);
      }
    }
    const delivery = deliver(submission, context).finally(() => inFlight.delete(submission.id));
    inFlight.set(submission.id, { delivery, ...(signal ? { signal } : {}) });
    return delivery;
  };

  return {
    name: 'open311',
    capabilities: OPEN311_CAPABILITIES,
    async submit(candidate, context = {}) {
      context.signal?.throwIfAborted();
      // Checked before any traffic: a caller may skip the client, and the form encoding would
      // quietly turn what UTF-8 cannot carry (a lone surrogate) into U+FFFD.
      const submission = checkedSubmission(candidate);
      refuseWhatDoesNotFit(submission);
      return submitOnce(submission, context);
    },
  };
}
