// Looking up an installation's GUIDs, so that setting up the adapter is a matter of choosing
// from names instead of asking the Artvise administrator for ten GUIDs one by one.

import { isHttpUrl } from '@synpunkt/sdk';
import { hasCredentials } from '../shared/url.js';
import type { ArtviseConfig } from './config.js';
import { getCaseTypesRequest, listRequest, parseList } from './operations.js';
import { soapCall, type TransportSettings } from './transport.js';

/** Where to look, and with which key. */
export interface ArtviseDiscoveryOptions {
  /** MercuryAPI's address, such as `https://artvise.kommun.se/MercuryAPI/Service.svc`. */
  endpoint: string;
  /** The API key (from the environment, never from code or a command line). */
  apiKey: string;
  /** How long one SOAP call may take, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** The fetch to use (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Stops the lookups. */
  signal?: AbortSignal;
}

/** An inbox (`GetInboxes`). */
export interface ArtviseInbox {
  /** InboxGuid: for `inboxes.default` and `inboxes.byArea`. */
  guid: string;
  name: string;
  /** The inbox it sits in, when it is a sub-inbox. */
  parentGuid?: string;
}

/** A case type (`GetCaseTypes`, a DiaryPlanItemDto). */
export interface ArtviseCaseType {
  /** DiaryPlanItemGuid: for `caseCategories.<kind>.diaryPlanItemGuid`. */
  guid: string;
  /** Its name (FullName when the answer has one, else Name). */
  name: string;
  /** The inbox it was listed for. */
  inboxGuid: string;
}

/** An incoming media type (`GetMediaTypes`): "Webb", "Telefon"… */
export interface ArtviseMediaType {
  /** MediaTypeGuid: for `mediaTypes.web` and the other channels. */
  guid: string;
  name: string;
}

/** A custom property (`GetCustomProperties`). */
export interface ArtviseCustomProperty {
  /** CustomPropertyGuid: for `customProperties.<field>`. */
  guid: string;
  name: string;
  /** Its DataType as Artvise names it (String, Integer…), when given. */
  dataType?: string;
}

/** Everything an installation offers that the adapter's settings refer to. */
export interface ArtviseCatalogue {
  inboxes: ArtviseInbox[];
  /** The case types of every inbox (a type listed for several inboxes appears once per inbox). */
  caseTypes: ArtviseCaseType[];
  mediaTypes: ArtviseMediaType[];
  customProperties: ArtviseCustomProperty[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Items with a usable GUID and a name; anything else in an answer is left out. */
function named<T extends { guid: string; name: string }>(items: (T | undefined)[]): T[] {
  return items.filter(
    (item): item is T => item !== undefined && GUID.test(item.guid) && item.name !== '',
  );
}

/**
 * Lists the inboxes, the case types of each inbox, the media types and the custom properties
 * of an Artvise installation through MercuryAPI. Read-only: it creates and changes nothing.
 *
 * @throws TypeError for a missing endpoint or key; `AdapterError` when Artvise cannot be reached
 * or refuses (a wrong key is `reason: 'configuration'`).
 */
export async function discoverArtvise(options: ArtviseDiscoveryOptions): Promise<ArtviseCatalogue> {
  if (typeof options.endpoint !== 'string' || !isHttpUrl(options.endpoint)) {
    throw new TypeError('discoverArtvise: endpoint: must be an http or https URL');
  }
  if (hasCredentials(options.endpoint)) {
    // fetch would refuse it, quoting it whole, password included, on the operator's terminal.
    throw new TypeError(
      'discoverArtvise: endpoint: must not hold a user name or password (fetch refuses such a URL): the key goes in ARTVISE_API_KEY',
    );
  }
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('discoverArtvise: apiKey: must not be empty');
  }
  const transport: TransportSettings = {
    endpoint: options.endpoint,
    timeoutMs: options.timeoutMs ?? 30_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const { apiKey, signal } = options;
  const list = async (operation: 'GetInboxes' | 'GetMediaTypes' | 'GetCustomProperties') =>
    parseList(await soapCall(transport, operation, listRequest(operation, apiKey), signal));

  const inboxes = named(
    (await list('GetInboxes')).map((item) => ({
      guid: (item.InboxGuid ?? '').toLowerCase(),
      name: item.Name ?? '',
      ...(item.ParentInboxGuid ? { parentGuid: item.ParentInboxGuid.toLowerCase() } : {}),
    })),
  );
  const caseTypes: ArtviseCaseType[] = [];
  for (const inbox of inboxes) {
    const answer = await soapCall(
      transport,
      'GetCaseTypes',
      getCaseTypesRequest(apiKey, inbox.guid),
      signal,
    );
    caseTypes.push(
      ...named(
        parseList(answer).map((item) => ({
          guid: (item.DiaryPlanItemGuid ?? '').toLowerCase(),
          name: item.FullName || item.Name || '',
          inboxGuid: inbox.guid,
        })),
      ),
    );
  }
  const mediaTypes = named(
    (await list('GetMediaTypes')).map((item) => ({
      guid: (item.MediaTypeGuid ?? '').toLowerCase(),
      name: item.Name ?? '',
    })),
  );
  const customProperties = named(
    (await list('GetCustomProperties')).map((item) => ({
      guid: (item.CustomPropertyGuid ?? '').toLowerCase(),
      name: item.Name ?? '',
      ...(item.DataType ? { dataType: item.DataType } : {}),
    })),
  );
  return { inboxes, caseTypes, mediaTypes, customProperties };
}

/** The adapter's settings as they go in the relay's configuration: the key from the environment. */
export type ArtviseSettingsDraft = Omit<ArtviseConfig, 'apiKey' | 'fetch' | 'timeoutMs'> & {
  apiKey: { env: string };
};

/** Settings filled in from an installation's names, and what is left to choose by hand. */
export interface ArtviseSuggestion {
  /** Settings for the relay's artvise target; a GUID not found is a `CHOOSE: …` placeholder. */
  settings: ArtviseSettingsDraft;
  /** Each setting that still holds a placeholder, with what to look for. */
  toChoose: string[];
}

/** Names that suggest each kind's case type, and each channel's media type. */
const KIND_NAMES = {
  praise: /beröm/i,
  suggestion: /förslag/i,
  complaint: /klagomål/i,
} as const;
const CHANNEL_NAMES = {
  web: /webb|internet|e-tjänst|formulär/i,
  phone: /telefon/i,
  visit: /besök/i,
  letter: /brev/i,
  email: /e-?post|mejl|mail/i,
} as const;

/**
 * Fills in the adapter's settings from the names in a catalogue: the inbox whose name says
 * "synpunkt" (or the only top-level inbox), the case types named beröm, förslag and klagomål
 * (in that inbox first), and the media types named Webb, Telefon, Besök, Brev and E-post.
 * Everything it cannot tell is a placeholder listed in `toChoose`: the relay refuses to start
 * until it is replaced, so a guess can never go unnoticed. Check every choice before use.
 */
export function suggestArtviseSettings(
  catalogue: ArtviseCatalogue,
  endpoint: string,
  apiKeyVariable = 'ARTVISE_API_KEY',
): ArtviseSuggestion {
  const toChoose: string[] = [];
  const choose = (setting: string, what: string) => {
    toChoose.push(`${setting}: ${what}`);
    return `CHOOSE: ${what}`;
  };

  const topLevel = catalogue.inboxes.filter((inbox) => inbox.parentGuid === undefined);
  const inbox =
    catalogue.inboxes.find((candidate) => /synpunkt/i.test(candidate.name)) ??
    (topLevel.length === 1 ? topLevel[0] : undefined);
  const defaultInbox =
    inbox?.guid ?? choose('inboxes.default', 'the InboxGuid of the inbox for synpunkter');

  // Case types of the chosen inbox first, then the others.
  const caseTypes = [...catalogue.caseTypes].sort(
    (a, b) => Number(b.inboxGuid === inbox?.guid) - Number(a.inboxGuid === inbox?.guid),
  );
  const category = (kind: keyof typeof KIND_NAMES, word: string) => {
    const found = caseTypes.find((type) => KIND_NAMES[kind].test(type.name));
    return found
      ? { diaryPlanItemGuid: found.guid, fullName: found.name }
      : {
          diaryPlanItemGuid: choose(
            `caseCategories.${kind}.diaryPlanItemGuid`,
            `the DiaryPlanItemGuid of the case type for ${word}`,
          ),
        };
  };

  const caseCategories = {
    praise: category('praise', 'beröm'),
    suggestion: category('suggestion', 'förslag'),
    complaint: category('complaint', 'klagomål'),
  };

  const mediaType = (channel: keyof typeof CHANNEL_NAMES) =>
    catalogue.mediaTypes.find((type) => CHANNEL_NAMES[channel].test(type.name))?.guid;
  const mediaTypes: ArtviseSettingsDraft['mediaTypes'] = {
    web:
      mediaType('web') ??
      choose('mediaTypes.web', 'the MediaTypeGuid for synpunkter from the web form ("Webb")'),
  };
  for (const channel of ['phone', 'visit', 'letter', 'email'] as const) {
    const guid = mediaType(channel);
    if (guid !== undefined) mediaTypes[channel] = guid;
  }

  return {
    settings: {
      endpoint,
      apiKey: { env: apiKeyVariable },
      inboxes: { default: defaultInbox },
      caseCategories,
      mediaTypes,
    },
    toChoose,
  };
}
