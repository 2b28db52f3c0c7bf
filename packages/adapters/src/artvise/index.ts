/**
 * Delivers synpunkter to Artvise Kundtjänst through MercuryAPI (SOAP 1.1). Node only: it holds
 * an API key, so it runs on a server (the relay), never in a browser.
 *
 * ```ts
 * import { artviseAdapter } from '@synpunkt/adapters/artvise';
 * const adapter = artviseAdapter({
 *   endpoint: 'https://artvise.kommun.se/MercuryAPI/Service.svc',
 *   apiKey: process.env.ARTVISE_API_KEY ?? '',
 *   inboxes: { default: '…' },
 *   caseCategories: { praise: { diaryPlanItemGuid: '…' }, suggestion: { … }, complaint: { … } },
 *   mediaTypes: { web: '…' },
 * });
 * ```
 * @packageDocumentation
 */

import {
  AdapterError,
  ATTACHMENT_TYPES,
  isAdapterError,
  LIMITS,
  type Adapter,
  type AdapterCapabilities,
  type Receipt,
  type Submission,
  type ValidationIssue,
} from '@synpunkt/sdk';
import { checkedSubmission } from '../shared/checked.js';
import { parseArtviseConfig, type ArtviseConfig, type ResolvedArtviseConfig } from './config.js';
import type { Operation } from './contracts.js';
import { caseValues, deedIdentifier, deedValues } from './mapping.js';
import {
  createCaseRequest,
  createDeedRequest,
  getCaseByIdentifierRequest,
  parseCase,
  parseCreateResult,
  type CaseInfo,
} from './operations.js';
import { refusalError, soapCall, type TransportSettings } from './transport.js';
import { findForbiddenCharacter, type Xml } from './xml.js';

export type { ArtviseConfig, CustomPropertyKey } from './config.js';
export { discoverArtvise, suggestArtviseSettings } from './discover.js';
export type {
  ArtviseCaseType,
  ArtviseCatalogue,
  ArtviseCustomProperty,
  ArtviseDiscoveryOptions,
  ArtviseInbox,
  ArtviseMediaType,
  ArtviseSettingsDraft,
  ArtviseSuggestion,
} from './discover.js';

/** What the Artvise adapter carries: the sdk's attachment limits; no shorter message limit is known. */
export const ARTVISE_CAPABILITIES: AdapterCapabilities = {
  attachments: {
    types: ATTACHMENT_TYPES,
    maxCount: LIMITS.attachmentCountMax,
    maxBytes: LIMITS.attachmentBytesMax,
    maxTotalBytes: LIMITS.attachmentsTotalBytesMax,
  },
};

/** Every piece of user text that goes into the XML, with its path. */
function userTexts(submission: Submission): [readonly (string | number)[], string][] {
  const texts: [readonly (string | number)[], string | undefined][] = [
    [['message'], submission.message],
    [['area'], submission.area],
    [['place'], submission.place],
    [['earlierReference'], submission.earlierReference],
    [['locale'], submission.locale],
    [['pageUrl'], submission.pageUrl],
  ];
  const { reply } = submission;
  if (reply.wanted) {
    texts.push([['reply', 'name'], reply.name], [['reply', 'email'], reply.email]);
    texts.push([['reply', 'phone'], reply.phone]);
    if (reply.address) {
      for (const key of ['street', 'postalCode', 'city'] as const) {
        texts.push([['reply', 'address', key], reply.address[key]]);
      }
    }
  }
  submission.attachments.forEach((file, index) =>
    texts.push([['attachments', index, 'name'], file.name]),
  );
  return texts.filter((entry): entry is [readonly (string | number)[], string] => !!entry[1]);
}

/**
 * XML 1.0 cannot carry most C0 control characters, even escaped. Rather than drop a sender's
 * character without a word, the adapter refuses the submission before it calls Artvise. (The
 * sdk's schema refuses these too; this guards submissions that did not pass through it.)
 */
function refuseUncarriable(submission: Submission): void {
  const found: string[] = [];
  const issues: ValidationIssue[] = [];
  for (const [path, text] of userTexts(submission)) {
    const bad = findForbiddenCharacter(text);
    if (bad) {
      found.push(`${path.join('.')} has ${bad.codePoint} at index ${bad.index}`);
      issues.push({ path, code: 'invalid_characters' });
    }
  }
  if (issues.length > 0) {
    throw new AdapterError(
      `Artvise (XML 1.0) cannot carry control characters: ${found.join('; ')}`,
      { reason: 'invalid', issues, retryable: false },
    );
  }
}

/** Adds which attachment failed to an error, keeping whether a retry may help. */
function attachmentFailed(error: unknown, reference: string, index: number, count: number) {
  if (!isAdapterError(error)) return error;
  return new AdapterError(
    `Case ${reference} exists in Artvise, but attachment ${index + 1} of ${count} did not arrive ` +
      `(a retry adds only the missing ones): ${error.message}`,
    {
      reason: error.reason,
      retryable: error.retryable,
      issues: error.issues,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      ...(error.status === undefined ? {} : { status: error.status }),
      cause: error,
    },
  );
}

function receivedAt(createdDate: string | undefined): string {
  const parsed = createdDate === undefined ? Number.NaN : Date.parse(createdDate);
  return new Date(Number.isNaN(parsed) ? Date.now() : parsed).toISOString();
}

/**
 * Makes the Artvise adapter. Throws a `TypeError` naming the field when the configuration is
 * wrong. Each `submit`:
 *
 * 1. asks `GetCaseByIdentifier` with the submission id; if the case exists, nothing new is made;
 * 2. otherwise calls `CreateCase` (inbox per area, case type per kind, media type per channel,
 *    counterpart only when the sender gave contact details, `Identifier` = submission id);
 * 3. calls `CreateDeed` once for each attachment the case does not have yet.
 *
 * The receipt's reference is the case's RefID (its ObjectID when there is none).
 */
export function artviseAdapter(options: ArtviseConfig): Adapter {
  const config: ResolvedArtviseConfig = parseArtviseConfig(options);
  const transport: TransportSettings = {
    endpoint: config.endpoint,
    timeoutMs: config.timeoutMs,
    fetch: config.fetch ?? globalThis.fetch,
  };
  const { apiKey } = config;

  return {
    name: 'artvise',
    capabilities: ARTVISE_CAPABILITIES,

    async submit(candidate, context = {}): Promise<Receipt> {
      const { signal } = context;
      signal?.throwIfAborted();
      refuseUncarriable(candidate);
      const submission = checkedSubmission(candidate);
      const call = (operation: Operation, body: Xml) =>
        soapCall(transport, operation, body, signal);
      const lookUp = async (): Promise<CaseInfo | undefined> => {
        const found = await call(
          'GetCaseByIdentifier',
          getCaseByIdentifierRequest(apiKey, submission.id),
        );
        return found && parseCase(found);
      };

      let info = await lookUp();
      if (!info) {
        const created = parseCreateResult(
          await call(
            'CreateCase',
            createCaseRequest(apiKey, caseValues(config, submission, context)),
          ),
        );
        if (!created.ok) throw refusalError('CreateCase', created.message);
        // Ask again if the answer lacks the new case's number or its RefID: a retry finds the
        // case by lookup and gets the RefID, so the first receipt must carry the same reference.
        // A new case has no deeds yet.
        const answered = created.object;
        const fresh =
          answered?.objectId === undefined || answered.refId === undefined
            ? ((await lookUp()) ?? answered)
            : answered;
        info = {
          objectId: fresh?.objectId,
          refId: fresh?.refId,
          createdDate: fresh?.createdDate,
          deedIdentifiers: new Set(),
        };
      }

      const { objectId } = info;
      const reference = info.refId ?? (objectId === undefined ? undefined : String(objectId));
      if (reference === undefined || objectId === undefined) {
        throw new AdapterError(
          `Artvise holds case ${submission.id} but told no ObjectID (the answer was not as expected)`,
          { reason: 'unavailable' },
        );
      }

      const count = submission.attachments.length;
      for (let index = 0; index < count; index += 1) {
        if (info.deedIdentifiers?.has(deedIdentifier(submission, index))) continue;
        try {
          const result = parseCreateResult(
            await call(
              'CreateDeed',
              createDeedRequest(apiKey, deedValues(config, submission, index, objectId)),
            ),
          );
          if (!result.ok) throw refusalError('CreateDeed', result.message);
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw attachmentFailed(error, reference, index, count);
        }
      }

      return { id: submission.id, reference, receivedAt: receivedAt(info.createdDate) };
    },
  };
}
