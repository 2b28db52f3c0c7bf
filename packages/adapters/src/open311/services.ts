import { AdapterError } from '@synpunkt/sdk';
import * as z from 'zod/mini';
import { parseConfig } from '../shared/config.js';
import { baseUrlSchema, fetchSchema, type FetchLike } from './config.js';
import { errorFromAnswer } from './errors.js';
import { exchange, jsonOf, resourceUrl } from './http.js';

/** One service (request type) a GeoReport v2 server offers. */
export interface Open311Service {
  /** `service_code`: what `serviceCodes` in the adapter's configuration refers to. */
  code: string;
  /** `service_name`, human readable. */
  name: string;
  /** `description`, when given. */
  description?: string;
  /** `metadata`: true when the service has a definition with extra attributes. */
  metadata: boolean;
  /** `type`: `realtime` (id at once), `batch` (a token first) or `blackbox` (no id ever). */
  type: 'realtime' | 'batch' | 'blackbox';
  /** `keywords`, split at commas. */
  keywords: string[];
  /** `group`, when given. */
  group?: string;
}

/** What `listServices` takes. */
export interface ListServicesOptions {
  /** The GeoReport v2 endpoint, as in the adapter's configuration. */
  baseUrl: string;
  /** `jurisdiction_id`, when the endpoint serves more than one jurisdiction. */
  jurisdictionId?: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  /** Milliseconds the request may take (default 15 000). */
  timeoutMs?: number;
  /** Stops the request. */
  signal?: AbortSignal;
}

const optionsSchema = z.object({
  baseUrl: baseUrlSchema,
  jurisdictionId: z.optional(z.string({ error: 'must be text' })),
  fetch: z.optional(fetchSchema),
  timeoutMs: z.optional(
    z
      .number({ error: 'must be whole milliseconds above 0' })
      .check(
        z.int({ error: 'must be whole milliseconds above 0' }),
        z.positive({ error: 'must be whole milliseconds above 0' }),
      ),
  ),
});

const idText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => String(value)),
);
const maybeText = z.optional(z.nullable(z.string()));
const flag = z.pipe(
  z.optional(z.nullable(z.union([z.boolean(), z.string()]))),
  z.transform((value) => value === true || value === 'true'),
);

const serviceSchema = z.object({
  service_code: idText,
  service_name: z.string(),
  description: maybeText,
  metadata: flag,
  type: z._default(z.enum(['realtime', 'batch', 'blackbox']), 'realtime'),
  keywords: maybeText,
  group: maybeText,
});

const servicesSchema = z.array(serviceSchema);

function toService(raw: z.output<typeof serviceSchema>): Open311Service {
  const service: Open311Service = {
    code: raw.service_code,
    name: raw.service_name,
    metadata: raw.metadata,
    type: raw.type,
    keywords: (raw.keywords ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean),
  };
  if (raw.description) service.description = raw.description;
  if (raw.group) service.group = raw.group;
  return service;
}

/**
 * Lists the services a GeoReport v2 server offers (`GET {baseUrl}/services.json`), to choose
 * the codes for `serviceCodes` while configuring. Throws a `TypeError` for bad options and an
 * `AdapterError` when the server fails, refuses or answers something that is not a service list.
 *
 * ```ts
 * const services = await listServices({ baseUrl: 'https://open311.exempelkommun.se/v2' });
 * for (const s of services) console.log(s.code, s.name, s.type);
 * ```
 */
export async function listServices(options: ListServicesOptions): Promise<Open311Service[]> {
  const config = parseConfig('listServices', optionsSchema, options);
  const answer = await exchange(
    resourceUrl(config.baseUrl, 'services', config.jurisdictionId),
    { method: 'GET', headers: { accept: 'application/json' } },
    {
      fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: config.timeoutMs ?? 15_000,
      signal: options.signal,
    },
  );
  if (answer.status < 200 || answer.status >= 300) {
    throw errorFromAnswer(answer, 'GET /services.json');
  }
  const parsed = servicesSchema.safeParse(jsonOf(answer));
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue ? issue.path.map(String).join('.') : '';
    throw new AdapterError(
      `The Open311 server's answer to GET /services.json is not a GeoReport v2 service list${
        where ? ` (at ${where})` : ''
      }`,
      { reason: 'rejected', status: answer.status },
    );
  }
  return parsed.data.map(toService);
}
