import type { Kind } from '@synpunkt/sdk';
import { KINDS } from '@synpunkt/sdk';
import * as z from 'zod/mini';
import { hasCredentials } from '../shared/url.js';
import { parseConfig } from '../shared/config.js';

/** The `fetch` the adapter calls; the global one unless a test or a proxy passes its own. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Service codes for one area: one code for every kind, or a code per kind. */
export type AreaServiceCodes = string | Partial<Record<Kind, string>>;

/**
 * Which GeoReport `service_code` a synpunkt goes to, chosen by its area and kind.
 *
 * Precedence, most specific first:
 * 1. `byArea[area][kind]` (when `byArea[area]` is an object per kind),
 * 2. `byArea[area]` (when it is a single code),
 * 3. `byKind[kind]`,
 * 4. `default`.
 */
export interface ServiceCodes {
  /** The code for everything no other rule matches (also the area `unknown`). */
  default: string;
  /** Codes per area id (the ids of the form's area list). */
  byArea?: Record<string, AreaServiceCodes>;
  /** Codes per kind (`praise`, `suggestion`, `complaint`), for areas without their own. */
  byKind?: Partial<Record<Kind, string>>;
}

/** What `open311Adapter` takes. */
export interface Open311Config {
  /** The GeoReport v2 endpoint, e.g. `https://open311.exempelkommun.se/v2` (http or https). */
  baseUrl: string;
  /**
   * The API key (`api_key`). Read it from an environment variable, never from code. A key used
   * from a browser is public by nature (anyone can read it in the page): use only a key the
   * server issues for public clients there, and keep a secret key in the relay.
   */
  apiKey: string;
  /** `jurisdiction_id`, when the endpoint serves more than one jurisdiction. */
  jurisdictionId?: string;
  /** Which `service_code` each area and kind goes to. */
  serviceCodes: ServiceCodes;
  /**
   * Sent as `address_string` when the sender named no place: the spec requires a location on
   * every request (for example the municipality's name). Without it such requests carry none.
   */
  fallbackAddress?: string;
  /** How many times to ask `GET /tokens/{token}` for the request id after a token answer (0–20, default 5). */
  tokenPolls?: number;
  /** Milliseconds between those questions (default 1 000). */
  tokenPollIntervalMs?: number;
  /** Milliseconds each HTTP request may take before it counts as a failure (default 15 000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: FetchLike;
}

/** The configuration after validation, with every default filled in. */
export interface ResolvedOpen311Config {
  baseUrl: string;
  apiKey: string;
  jurisdictionId: string | undefined;
  serviceCodes: ServiceCodes;
  fallbackAddress: string | undefined;
  tokenPolls: number;
  tokenPollIntervalMs: number;
  timeoutMs: number;
  fetch: FetchLike;
}

/** The global fetch, looked up at call time (a test may install one later). */
const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

const KIND_LIST = KINDS.join(', ');

/** Non-empty text, with a message that says so. */
const text = (what: string) =>
  z.string({ error: `must be ${what}` }).check(z.minLength(1, { error: `must be ${what}` }));

const code = text('a service code (non-empty text)');
const kind = z.enum(KINDS, { error: `must be one of ${KIND_LIST}` });
const perKind = z.partialRecord(kind, code, {
  // A partial record reports keys outside the enum as `unrecognized_keys` (its issue type omits it).
  error: (issue) => {
    const { code: what, keys } = issue as { code: string; keys?: readonly string[] };
    return what === 'unrecognized_keys' && keys
      ? `unknown kind ${keys.map((key) => `"${key}"`).join(', ')} (kinds: ${KIND_LIST})`
      : `must be an object with codes per kind (${KIND_LIST})`;
  },
});

/** Strict objects name their unknown keys, so a typo (`serviceCode`) cannot pass unnoticed. */
const strict = <T extends z.core.$ZodLooseShape>(shape: T, what: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((key) => `"${key}"`).join(', ')}`
        : `must be ${what}`,
  });

const urlOf = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** `baseUrl` for the adapter and for `listServices`. */
export const baseUrlSchema = z.string({ error: 'must be an http or https URL' }).check(
  z.refine((value) => /^https?:$/.test(urlOf(value)?.protocol ?? ''), {
    error: 'must be an http or https URL',
    abort: true,
  }),
  z.refine((value) => !urlOf(value)?.search && !urlOf(value)?.hash, {
    error: 'must be the endpoint without ?query or #fragment',
  }),
  z.refine((value) => !hasCredentials(value), {
    error:
      'must not hold a user name or password (fetch refuses such a URL): the key goes in apiKey',
  }),
);

const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be ${what}` })
    .check(
      z.int({ error: `must be ${what}` }),
      z.gte(min, { error: `must be ${what}` }),
      z.lte(max, { error: `must be ${what}` }),
    );

/** `fetch`: any function. */
export const fetchSchema = z.custom<FetchLike>((value) => typeof value === 'function', {
  error: 'must be a fetch function',
});

const configSchema = strict(
  {
    baseUrl: baseUrlSchema,
    apiKey: text('the API key (non-empty text, from an environment variable)'),
    jurisdictionId: z.optional(text('non-empty text')),
    serviceCodes: strict(
      {
        default: code,
        byArea: z.optional(
          z.record(
            z.string(),
            z.union([code, perKind], { error: 'must be a code or an object with codes per kind' }),
            {
              error: 'must be an object of area ids',
            },
          ),
        ),
        byKind: z.optional(perKind),
      },
      'an object with at least a default code: { default: "…" }',
    ),
    fallbackAddress: z.optional(text('non-empty text')),
    tokenPolls: z._default(whole(0, 20, 'a whole number from 0 to 20'), 5),
    tokenPollIntervalMs: z._default(whole(0, 60_000, 'whole milliseconds from 0 to 60000'), 1_000),
    timeoutMs: z._default(whole(1, 300_000, 'whole milliseconds from 1 to 300000'), 15_000),
    fetch: z.optional(fetchSchema),
  },
  'an object',
);

/** Validates the configuration; throws a `TypeError` naming each bad field. */
export function resolveConfig(factory: string, input: unknown): ResolvedOpen311Config {
  const config = parseConfig(factory, configSchema, input);
  return {
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    jurisdictionId: config.jurisdictionId,
    serviceCodes: config.serviceCodes as ServiceCodes,
    fallbackAddress: config.fallbackAddress,
    tokenPolls: config.tokenPolls,
    tokenPollIntervalMs: config.tokenPollIntervalMs,
    timeoutMs: config.timeoutMs,
    fetch: config.fetch ?? defaultFetch,
  };
}
