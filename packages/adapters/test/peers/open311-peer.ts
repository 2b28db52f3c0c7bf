/**
 * A small but real GeoReport v2 server on 127.0.0.1 for the open311 adapter's tests. It is
 * strict where the spec is: a form-encoded UTF-8 body, an API key, a known service code, a
 * location, and errors in the spec's format (`[{ "code", "description" }]`, 400/403/404).
 * Like a well-behaved server it deduplicates on `attribute[submission_id]`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';

/** A service in `GET /services.json`. */
export interface PeerService {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/** One service request as the peer stored it. */
export interface StoredRequest {
  serviceRequestId: string;
  token: string;
  /** Every plain field of the POST body (`service_code`, `description`, `first_name`…). */
  fields: Record<string, string>;
  /** `attribute[code]=value` pairs, by code. */
  attributes: Record<string, string>;
  requestedAt: string;
}

/** One HTTP request the peer saw. */
export interface LoggedCall {
  method: string;
  path: string;
  query: URLSearchParams;
}

/** How the peer answers a new request (`html`: a 200 with a web page, as a misconfigured proxy would). */
export type AnswerMode = 'id' | 'token' | 'token-blank-id' | 'blackbox' | 'html';

/** Ways the peer can be down. */
export type Outage = false | 'http503' | 'http408' | 'http429' | 'hang' | 'reset';

/** What the 429 of `outage = 'http429'` says: far longer than an error message should quote. */
export const THROTTLE_DESCRIPTION = `För många förfrågningar. ${'Försök igen senare. '.repeat(100)}`;

/** When the 429 of `outage = 'http429'` says to come back: `Retry-After` as an HTTP date. */
export const THROTTLE_SECONDS = 120;

/** The running peer and its switches. */
export interface Open311Peer {
  /** The endpoint, e.g. `http://127.0.0.1:40123/v2`. */
  readonly url: string;
  readonly apiKey: string;
  readonly jurisdictionId: string;
  readonly services: readonly PeerService[];
  readonly requests: StoredRequest[];
  /** Every call, in order. */
  readonly log: LoggedCall[];
  /** Raw POST bodies, in order. */
  readonly bodies: string[];
  /** `id` (realtime), `token` (batch; `token-blank-id`: with `service_request_id: ' '`) or `blackbox`. */
  answer: AnswerMode;
  /** Token answers: polls before `GET /tokens/{token}` shows the id (`Infinity`: never). */
  pollsUntilId: number;
  /**
   * Down: 503 with `Retry-After: 7`, 408 (a proxy gave up waiting), 429 with `Retry-After` as an
   * HTTP date `THROTTLE_SECONDS` ahead and a long description, a connection that never answers,
   * or a reset socket.
   */
  outage: Outage;
  /** Refuses every new request with a 400 in the spec's error format. */
  refusing: boolean;
  /** `GET /services.json` answers a list whose entries lack `service_code`. */
  brokenServices: boolean;
  /** Sends its errors with HTTP 200, as some servers do: the spec's error list is the only sign. */
  errorsWith200: boolean;
  /** Requests stored for a submission id. */
  find(submissionId: string): StoredRequest[];
  /** POSTs to `/requests.json` so far. */
  posts(): number;
  /** Forgets everything and restores the switches. */
  reset(): void;
  close(): Promise<void>;
}

/** The four services the peer offers. */
export const PEER_SERVICES: readonly PeerService[] = [
  service('synpunkt', 'Synpunkt', 'Beröm, förslag och klagomål', 'feedback'),
  service('gata-klagomal', 'Klagomål gata och park', 'Klagomål på gator och parker', 'gata'),
  service('gata-forslag', 'Förslag gata och park', 'Förslag om gator och parker', 'gata'),
  service('beröm', 'Beröm', 'Beröm till kommunen', 'feedback'),
];

function service(code: string, name: string, description: string, group: string): PeerService {
  return {
    service_code: code,
    service_name: name,
    description,
    metadata: false,
    type: 'realtime',
    keywords: 'synpunkt, feedback',
    group,
  };
}

const PLAIN_FIELDS = new Set([
  'api_key',
  'jurisdiction_id',
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'email',
  'device_id',
  'account_id',
  'first_name',
  'last_name',
  'phone',
  'description',
  'media_url',
]);

class SpecError extends Error {
  constructor(
    readonly status: number,
    readonly entries: { code: number | string; description: string }[],
  ) {
    super(entries.map((entry) => entry.description).join('; '));
  }
}

/** A body sent as is, not as JSON. */
class RawAnswer {
  constructor(
    readonly type: string,
    readonly body: string,
  ) {}
}

const fail = (status: number, description: string, code: number | string = status) =>
  new SpecError(status, [{ code, description }]);

/** Parses `application/x-www-form-urlencoded` strictly: bad escapes, bad UTF-8, repeats refused. */
function parseForm(bytes: Buffer): {
  fields: Record<string, string>;
  attributes: Record<string, string>;
} {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fail(400, 'The body is not UTF-8');
  }
  const fields: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      const decode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));
      key = decode(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    } catch {
      throw fail(400, `Bad percent-encoding in "${pair.slice(0, 40)}"`);
    }
    const attribute = /^attribute\[([^\]]+)\]$/.exec(key);
    const target = attribute ? attributes : fields;
    const name = attribute ? attribute[1]! : key;
    if (!attribute && !PLAIN_FIELDS.has(key)) throw fail(400, `Unknown field "${key}"`);
    if (Object.hasOwn(target, name)) throw fail(400, `The field "${key}" was sent twice`);
    target[name] = value;
  }
  return { fields, attributes };
}

function send(response: ServerResponse, status: number, body: unknown, headers = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Starts the peer on 127.0.0.1 at a free port. */
export async function startOpen311Peer(
  options: { apiKey?: string; jurisdictionId?: string } = {},
): Promise<Open311Peer> {
  const apiKey = options.apiKey ?? 'test-public-key';
  const jurisdictionId = options.jurisdictionId ?? 'exempelkommun.se';
  const requests: StoredRequest[] = [];
  const log: LoggedCall[] = [];
  const bodies: string[] = [];
  const pollCounts = new Map<string, number>();
  let nextId = 1000;
  let postCount = 0;

  const checkJurisdiction = (given: string | null | undefined) => {
    if (!given) throw fail(400, 'jurisdiction_id was not provided');
    if (given !== jurisdictionId) throw fail(404, `jurisdiction_id "${given}" was not found`);
  };

  const createRequest = async (request: IncomingMessage): Promise<unknown> => {
    postCount += 1;
    const body = await readBody(request);
    bodies.push(body.toString('utf8'));
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
      throw fail(400, `Content-Type must be application/x-www-form-urlencoded, not "${type}"`);
    }
    const { fields, attributes } = parseForm(body);
    if (fields.api_key !== apiKey) {
      throw fail(403, "Invalid api_key received -- can't proceed with create_request.");
    }
    checkJurisdiction(fields.jurisdiction_id);
    if (peer.refusing) {
      throw new SpecError(400, [
        { code: 'CRM_CLOSED', description: 'Ärendesystemet tar inte emot nya ärenden' },
        { code: 400, description: 'General service error' },
      ]);
    }
    const errors: { code: number; description: string }[] = [];
    if (!fields.service_code)
      errors.push({ code: 400, description: 'service_code was not provided' });
    else if (!PEER_SERVICES.some((s) => s.service_code === fields.service_code)) {
      throw fail(404, `service_code "${fields.service_code}" was not found`);
    }
    const description = fields.description ?? '';
    if (description.trim() === '')
      errors.push({ code: 400, description: 'description is required' });
    else if ([...description].length > 4000) {
      errors.push({ code: 400, description: 'description is longer than 4000 characters' });
    }
    const hasLatLong = fields.lat !== undefined && fields.long !== undefined;
    if ((fields.lat === undefined) !== (fields.long === undefined)) {
      errors.push({ code: 400, description: 'lat and long must be sent together' });
    } else if (!hasLatLong && !fields.address_string && !fields.address_id) {
      errors.push({
        code: 400,
        description: 'A location (lat/long, address_string or address_id) is required',
      });
    }
    // "All date/time fields must be formatted in a common subset of ISO 8601 … Timezone
    // information … must be included": a date alone has no time, a date-time needs its zone.
    for (const [code, value] of Object.entries(attributes)) {
      if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !/(Z|[+-]\d{2}:\d{2})$/.test(value)) {
        errors.push({ code: 400, description: `attribute[${code}] has a time without a zone` });
      }
    }
    if (errors.length > 0) throw new SpecError(400, errors);

    const submissionId = attributes.submission_id;
    let stored = submissionId
      ? requests.find((r) => r.attributes.submission_id === submissionId)
      : undefined;
    if (!stored) {
      nextId += 1;
      stored = {
        serviceRequestId: String(nextId),
        token: `tok-${nextId}`,
        fields,
        attributes,
        requestedAt: new Date().toISOString(),
      };
      requests.push(stored);
    }
    const notice = 'Kommunen svarar inom tio arbetsdagar.';
    if (peer.answer === 'token') return [{ token: stored.token, service_notice: notice }];
    // A batch server that writes the id it does not have yet as an empty string.
    if (peer.answer === 'token-blank-id') {
      return [{ service_request_id: ' ', token: stored.token, service_notice: notice }];
    }
    if (peer.answer === 'html') return new RawAnswer('text/html', '<html>Välkommen</html>');
    if (peer.answer === 'blackbox') return [{ service_notice: notice, account_id: null }];
    // Numbers, as in the spec's example: the adapter must turn them into text.
    return [
      {
        service_request_id: Number(stored.serviceRequestId),
        service_notice: notice,
        account_id: null,
      },
    ];
  };

  const asRequest = (stored: StoredRequest) => ({
    service_request_id: Number(stored.serviceRequestId),
    status: 'open',
    service_name: PEER_SERVICES.find((s) => s.service_code === stored.fields.service_code)
      ?.service_name,
    service_code: stored.fields.service_code,
    description: stored.fields.description,
    requested_datetime: stored.requestedAt,
    updated_datetime: stored.requestedAt,
    address: stored.fields.address_string ?? null,
  });

  const route = async (request: IncomingMessage, url: URL): Promise<unknown> => {
    const path = url.pathname;
    if (request.method === 'POST' && path === '/v2/requests.json') return createRequest(request);
    if (request.method !== 'GET') throw fail(400, `${request.method} is not supported here`);
    checkJurisdiction(url.searchParams.get('jurisdiction_id'));
    if (path === '/v2/services.json') {
      return peer.brokenServices ? [{ service_name: 'No code' }] : PEER_SERVICES;
    }
    const token = /^\/v2\/tokens\/([^/]+)\.json$/.exec(path);
    if (token) {
      const value = decodeURIComponent(token[1]!);
      const stored = requests.find((r) => r.token === value);
      if (!stored) throw fail(404, `token "${value}" was not found`);
      const polls = (pollCounts.get(value) ?? 0) + 1;
      pollCounts.set(value, polls);
      return polls >= peer.pollsUntilId
        ? [{ service_request_id: Number(stored.serviceRequestId), token: value }]
        : [{ token: value }];
    }
    const one = /^\/v2\/requests\/([^/]+)\.json$/.exec(path);
    if (one) {
      const stored = requests.find((r) => r.serviceRequestId === decodeURIComponent(one[1]!));
      if (!stored) throw fail(404, 'service_request_id was not found');
      return [asRequest(stored)];
    }
    throw fail(404, `No such resource: ${path}`);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    log.push({ method: request.method ?? '', path: url.pathname, query: url.searchParams });
    if (peer.outage === 'hang') return; // never answers; closed with the server
    if (peer.outage === 'reset') {
      request.socket.destroy();
      return;
    }
    if (peer.outage === 'http503') {
      send(response, 503, [{ code: 503, description: 'Underhåll pågår' }], { 'retry-after': '7' });
      return;
    }
    if (peer.outage === 'http408') {
      send(response, 408, [{ code: 408, description: 'Request Timeout' }]);
      return;
    }
    if (peer.outage === 'http429') {
      const at = new Date(Date.now() + THROTTLE_SECONDS * 1000).toUTCString();
      send(response, 429, [{ code: 429, description: THROTTLE_DESCRIPTION }], {
        'retry-after': at,
      });
      return;
    }
    route(request, url).then(
      (body) => {
        if (!(body instanceof RawAnswer)) return send(response, 200, body);
        response.writeHead(200, { 'content-type': `${body.type}; charset=utf-8` });
        response.end(body.body);
      },
      (error: unknown) => {
        if (error instanceof SpecError)
          send(response, peer.errorsWith200 ? 200 : error.status, error.entries);
        else send(response, 500, [{ code: 500, description: String(error) }]);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const peer: Open311Peer = {
    url: `http://127.0.0.1:${port}/v2`,
    apiKey,
    jurisdictionId,
    services: PEER_SERVICES,
    requests,
    log,
    bodies,
    answer: 'id',
    pollsUntilId: 1,
    outage: false,
    refusing: false,
    brokenServices: false,
    errorsWith200: false,
    find: (submissionId) => requests.filter((r) => r.attributes.submission_id === submissionId),
    posts: () => postCount,
    reset() {
      requests.length = 0;
      log.length = 0;
      bodies.length = 0;
      pollCounts.clear();
      postCount = 0;
      peer.answer = 'id';
      peer.pollsUntilId = 1;
      peer.outage = false;
      peer.refusing = false;
      peer.brokenServices = false;
      peer.errorsWith200 = false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return peer;
}
