import * as z from 'zod/mini';
import { hasCredentials } from '../shared/url.js';
import { isHttpUrl, type Kind } from '@synpunkt/sdk';
import { parseConfig } from '../shared/config.js';
import { findForbiddenCharacter } from './xml.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting ${issue.keys.join(', ')}`
        : 'is required and must be an object',
  });

const text = (what: string) =>
  z.string({ error: `is required and must be ${what}` }).check(
    z.trim(),
    z.minLength(1, { error: `must not be empty (${what})` }),
    z.refine((value) => findForbiddenCharacter(value) === undefined, {
      error: 'holds a control character that XML cannot carry',
    }),
  );

const guid = z
  .string({ error: 'is required and must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)' })
  .check(
    z.trim(),
    z.regex(GUID, { error: 'must be a GUID like 4f5c03f7-5311-4d02-aa3e-3cccabf16eab' }),
    z.toLowerCase(),
  );

const guidsByKey = z.record(z.string(), guid, {
  error: 'must be an object mapping ids to GUIDs',
});

const category = strict({
  /** The case type (DiaryPlanItemGuid) from `GetCaseTypes`. */
  diaryPlanItemGuid: guid,
  /** The case category (CaseCategoryGuid), when the installation uses one. */
  caseCategoryGuid: z.optional(guid),
  /** The category's full name, as Artvise shows it. */
  fullName: z.optional(text('text')),
});

/** Custom properties the adapter can fill, each the CustomPropertyGuid from `GetCustomProperties`. */
export const CUSTOM_PROPERTY_KEYS = [
  'area',
  'locale',
  'mode',
  'replyChannel',
  'channel',
  'place',
  'pageUrl',
  'earlierReference',
] as const;

/** A field the adapter can put in a custom property. */
export type CustomPropertyKey = (typeof CUSTOM_PROPERTY_KEYS)[number];

const schema = strict({
  endpoint: z
    .string({ error: 'is required and must be the URL of MercuryAPI/Service.svc' })
    .check(z.refine(isHttpUrl, { error: 'must be an http or https URL' }))
    .check(
      // The folder alone (…/MercuryAPI/) answers 404 to every call, which reads as an outage.
      z.refine((url) => !isHttpUrl(url) || /\.svc(?:\/|$)/i.test(new URL(url).pathname), {
        error:
          'must be the address of MercuryAPI’s Service.svc, such as https://artvise.kommun.se/MercuryAPI/Service.svc',
      }),
      z.refine((url) => !hasCredentials(url), {
        error:
          'must not hold a user name or password (fetch refuses such a URL): the key goes in apiKey',
      }),
    ),
  apiKey: text('the MercuryAPI key (read it from an environment variable)'),
  inboxes: strict({
    default: guid,
    byArea: z.optional(guidsByKey),
  }),
  caseCategories: strict({
    praise: category,
    suggestion: category,
    complaint: category,
  }),
  mediaTypes: strict({
    web: guid,
    phone: z.optional(guid),
    visit: z.optional(guid),
    letter: z.optional(guid),
    email: z.optional(guid),
  }),
  priorities: z.optional(strict({ serious: guid })),
  customProperties: z.optional(
    strict({
      area: z.optional(guid),
      locale: z.optional(guid),
      mode: z.optional(guid),
      replyChannel: z.optional(guid),
      channel: z.optional(guid),
      place: z.optional(guid),
      pageUrl: z.optional(guid),
      earlierReference: z.optional(guid),
    }),
  ),
  areaNames: z.optional(
    z.record(z.string(), text('text'), { error: 'must be an object mapping area ids to names' }),
  ),
  timeoutMs: z._default(
    z
      .number({ error: 'must be a number of milliseconds' })
      .check(
        z.int({ error: 'must be a whole number of milliseconds' }),
        z.positive({ error: 'must be more than 0' }),
      ),
    30_000,
  ),
  fetch: z.optional(
    z.custom<typeof fetch>((value) => typeof value === 'function', {
      error: 'must be a fetch function',
    }),
  ),
});

/**
 * The Artvise adapter's settings. Every GUID is per installation: look them up with MercuryAPI's
 * `GetInboxes`, `GetCaseTypes`, `GetMediaTypes` and `GetCustomProperties`.
 */
export interface ArtviseConfig {
  /** MercuryAPI's address, such as `https://artvise.kommun.se/MercuryAPI/Service.svc`. */
  endpoint: string;
  /** The API key. Read it from the environment (`process.env.ARTVISE_API_KEY`), never from code. */
  apiKey: string;
  /** The inbox (InboxGuid) for each area id, and the one for every other area. */
  inboxes: { default: string; byArea?: Record<string, string> };
  /** The case type (and category) for each kind: beröm, förslag, klagomål. */
  caseCategories: Record<
    Kind,
    { diaryPlanItemGuid: string; caseCategoryGuid?: string; fullName?: string }
  >;
  /** The incoming media type (IncomingMediaTypeGuid) per channel; `web` is used for the rest. */
  mediaTypes: {
    web: string;
    phone?: string;
    visit?: string;
    letter?: string;
    email?: string;
  };
  /**
   * Priorities (PriorityGuid) to set: `serious` on a complaint staff marked serious, such as the
   * installation's "Hög" priority. Unset: the case gets the inbox's default priority.
   */
  priorities?: { serious: string };
  /** Custom properties to fill (CustomPropertyGuid per field); unset ones are not sent. */
  customProperties?: Partial<Record<CustomPropertyKey, string>>;
  /** Display names of areas, for the case title ("Klagomål: Äldreomsorg"); the id otherwise. */
  areaNames?: Record<string, string>;
  /** How long one SOAP call may take, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** The fetch to use (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
}

/** The settings after validation, with defaults filled in. */
export type ResolvedArtviseConfig = ArtviseConfig & { timeoutMs: number };

/** Validates the settings; throws a `TypeError` that names each wrong field. */
export function parseArtviseConfig(input: unknown): ResolvedArtviseConfig {
  return parseConfig('artviseAdapter', schema, input) as ResolvedArtviseConfig;
}
