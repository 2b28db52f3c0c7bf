// A strict stand-in for Artvise's MercuryAPI (SOAP 1.1, WCF BasicHttpBinding) on 127.0.0.1.
//
// It parses every request with @xmldom/xmldom and refuses it (SOAP fault, HTTP 500) unless the
// SOAPAction, namespaces, element order, required members and value formats match the contract
// in shared/reference/artvise-mercuryapi.md. Its contract tables below are transcribed from the
// reference on their own, not imported from the adapter, so a mistake in one shows in the other.
// It stores cases and deeds (a second CreateCase with the same Identifier makes a second case,
// as the real service would, so a test can see a duplicate) and answers GetCaseByIdentifier,
// and, from a catalogue given at start, the lookups GetInboxes, GetCaseTypes, GetMediaTypes and
// GetCustomProperties.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { readBody } from './read-body.js';

export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SERVICE_NS = 'http://www.artvise.se/MercuryAPI/';
export const DATA_NS =
  'http://schemas.datacontract.org/2004/07/Artvise.Mercury.Base.DataContracts.API';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const DISPATCHER_NS =
  'http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher';
export const PATH = '/MercuryAPI/Service.svc';

// ---- the contract, as the reference states it ------------------------------------------------
// `Name:type`; `!` = required; `?` = a nullable value type; `T[]` = array of T (wrapper element
// holding one <T> per item). Strings, base64 and arrays are reference types and may be nil.

const OBJECT_DTO =
  'Coordinates:CoordinatesDto CreatedByID:int CreatedByName:string CreatedDate:dateTime ' +
  'CustomProperties:ObjectCustomPropertyDto[] Description:string Identifier:string ' +
  'InboxGuid:guid! Locations:LocationDto[] ModifiedByID:int? ModifiedByName:string ' +
  'ModifiedDate:dateTime? Name:string! ObjectGuid:guid ObjectID:int ObjectTypeGuid:guid ' +
  'Organisations:OrganisationDto[] PriorityGuid:guid? RefID:string StatusGuid:guid?';

const CONTRACTS: Record<string, string | null> = {
  CaseDto:
    `${OBJECT_DTO} AnswerTypeGuid:guid? Answered:bool CaseCategories:CaseCategoryItemDto[] ` +
    'Counterparts:CounterpartDto[] Deeds:DeedDto[] EventDate:dateTime? HtmlDescription:string ' +
    'InOutDate:dateTime? IncomingMediaTypeGuid:guid? RequiresAnswer:bool StartDate:dateTime? ' +
    'StopDate:dateTime?',
  DeedDto:
    `${OBJECT_DTO} CaseObjectID:int! Files:FileDto[] HtmlContent:string MailItem:MailDto ` +
    'SmsItem:SmsDto TextContent:string',
  CounterpartDto: [
    'Address1',
    'Address2',
    'Address3',
    'City',
    'CompanyName',
    'Country',
    'EMail',
    'EMail2',
    'FirstName',
    'HomePhone',
    'LastName',
    'MobilePhone',
    'OrganisationNumber',
    'RealEstateArea',
    'RealEstateBlock',
    'RealEstateUnit',
    'SocialSecurityNumber',
    'WorkPhone',
    'Zip',
  ]
    .map((name) => `${name}:string`)
    .join(' '),
  CaseCategoryItemDto: 'CaseCategoryGuid:guid DiaryPlanItemGuid:guid! FullName:string',
  ObjectCustomPropertyDto: 'CustomPropertyGuid:guid Name:string Value:string',
  CoordinatesDto: 'CoordinateTypeGuid:guid? Latitude:double Longitude:double SystemId:int?',
  FileDto: 'Data:base64 Extension:string! FileGuid:guid FileID:int FileName:string! Size:int',
  // Not described by the reference: the peer accepts them only when nil.
  LocationDto: null,
  OrganisationDto: null,
  MailDto: null,
  SmsDto: null,
};

interface MemberSpec {
  name: string;
  type: string;
  array: boolean;
  required: boolean;
  nillable: boolean;
}

const SCALARS: Record<string, RegExp> = {
  string: /^[\s\S]*$/,
  int: /^[+-]?\d+$/,
  double: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^-?INF$|^NaN$/,
  bool: /^(true|false|1|0)$/,
  guid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  base64: /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};
const VALUE_TYPES = new Set(['int', 'double', 'bool', 'guid', 'dateTime']);

function membersOf(contract: string): MemberSpec[] {
  const spec = CONTRACTS[contract];
  if (spec === undefined || spec === null) throw new Error(`no contract ${contract}`);
  return spec.split(' ').map((entry) => {
    const match = /^(\w+):(\w+)(\[\])?([!?]?)$/.exec(entry);
    if (!match) throw new Error(`bad spec ${entry}`);
    const [, name = '', type = '', array, flag] = match;
    const reference = Boolean(array) || !VALUE_TYPES.has(type);
    return {
      name,
      type,
      array: Boolean(array),
      required: flag === '!',
      nillable: reference || flag === '?',
    };
  });
}

// ---- operations ----------------------------------------------------------------------------

type Operation =
  | 'CreateCase'
  | 'CreateDeed'
  | 'GetCaseByIdentifier'
  | 'GetInboxes'
  | 'GetCaseTypes'
  | 'GetMediaTypes'
  | 'GetCustomProperties';
const OPERATIONS: Record<Operation, [string, string][]> = {
  GetInboxes: [['apiKey', 'string']],
  GetCaseTypes: [
    ['apiKey', 'string'],
    ['inboxGuid', 'guid'],
    ['searchText', 'string'],
    ['freetextSearch', 'bool'],
  ],
  GetMediaTypes: [['apiKey', 'string']],
  GetCustomProperties: [['apiKey', 'string']],
  CreateCase: [
    ['apiKey', 'string'],
    ['caseDto', 'CaseDto'],
  ],
  CreateDeed: [
    ['apiKey', 'string'],
    ['deedDto', 'DeedDto'],
  ],
  GetCaseByIdentifier: [
    ['apiKey', 'string'],
    ['identifier', 'string'],
  ],
};

/** A request the peer refused, and why (the fault string). */
export class Rejection extends Error {}

/** A parsed data contract: member name → text, `null` (nil), nested contract or array. */
export type Value = string | null | Contract | Value[];
/** A parsed data contract's members. */
export interface Contract {
  [member: string]: Value;
}

// ---- strict reading ---------------------------------------------------------------------------

function children(parent: Element): Element[] {
  const out: Element[] = [];
  for (let node: Node | null = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
    else if ((node.nodeType === 3 || node.nodeType === 4) && node.nodeValue?.trim()) {
      throw new Rejection(
        `text "${node.nodeValue.trim().slice(0, 20)}" where <${parent.tagName}> holds only elements`,
      );
    } else if (node.nodeType !== 3 && node.nodeType !== 8) {
      throw new Rejection(`unexpected node type ${node.nodeType} in <${parent.tagName}>`);
    }
  }
  return out;
}

function expectName(node: Element, localName: string, namespace: string): void {
  if (node.localName !== localName || node.namespaceURI !== namespace) {
    throw new Rejection(
      `expected <${localName}> in ${namespace}, got <${node.localName}> in ${node.namespaceURI ?? 'no namespace'}`,
    );
  }
}

function onlyAllowedAttributes(node: Element): boolean {
  let nil = false;
  for (let i = 0; i < node.attributes.length; i += 1) {
    const attribute = node.attributes.item(i);
    if (!attribute || attribute.namespaceURI === XMLNS_NS) continue;
    if (attribute.namespaceURI === XSI_NS && attribute.localName === 'nil') {
      if (attribute.value !== 'true' && attribute.value !== 'false') {
        throw new Rejection(`i:nil must be true or false on <${node.tagName}>`);
      }
      nil = attribute.value === 'true';
      continue;
    }
    throw new Rejection(`unexpected attribute ${attribute.name} on <${node.tagName}>`);
  }
  return nil;
}

function scalar(node: Element, type: string, where: string): string {
  for (let child: Node | null = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 3 && child.nodeType !== 4) {
      throw new Rejection(`${where} must hold only text`);
    }
  }
  const text = node.textContent ?? '';
  const pattern = SCALARS[type];
  if (!pattern) throw new Error(`no scalar ${type}`);
  const check = type === 'string' ? text : text.trim();
  if (!pattern.test(check))
    throw new Rejection(`${where} is not a valid ${type}: "${text.slice(0, 40)}"`);
  return text;
}

function readValue(node: Element, spec: MemberSpec, where: string): Value {
  if (onlyAllowedAttributes(node)) {
    if (!spec.nillable) throw new Rejection(`${where} is a ${spec.type} and cannot be nil`);
    if (spec.required) throw new Rejection(`${where} is required and must not be nil`);
    if (node.firstChild) throw new Rejection(`${where} is nil but has content`);
    return null;
  }
  if (spec.array) {
    return children(node).map((child, index) => {
      expectName(child, spec.type, DATA_NS);
      const itemSpec = { ...spec, array: false, required: false, nillable: true };
      return readValue(child, itemSpec, `${where}[${index}]`);
    });
  }
  if (spec.type in SCALARS) return scalar(node, spec.type, where);
  if (CONTRACTS[spec.type] === null) {
    throw new Rejection(
      `${where} (${spec.type}) is not described by the reference: send it nil or not at all`,
    );
  }
  return readContract(node, spec.type, where);
}

/** Reads a data contract, refusing unknown members, members out of order and missing required ones. */
function readContract(node: Element, contract: string, where: string): Contract {
  const specs = membersOf(contract);
  const result: Contract = {};
  let last = -1;
  for (const child of children(node)) {
    if (child.namespaceURI !== DATA_NS) {
      throw new Rejection(
        `${where}.${child.localName} is in namespace ${child.namespaceURI ?? '(none)'}, not the data contract namespace ${DATA_NS}`,
      );
    }
    const index = specs.findIndex((spec) => spec.name === child.localName);
    if (index < 0) throw new Rejection(`${contract} has no member ${child.localName}`);
    if (index <= last) {
      throw new Rejection(
        `${contract}.${child.localName} is out of order (members come in the order ${specs.map((s) => s.name).join(', ')})`,
      );
    }
    last = index;
    const spec = specs[index]!;
    result[spec.name] = readValue(child, spec, `${where}.${spec.name}`);
  }
  for (const spec of specs) {
    if (spec.required && !(spec.name in result)) {
      throw new Rejection(`${contract}.${spec.name} is required but missing`);
    }
  }
  return result;
}

function parse(xml: string): Element {
  let root: Element | null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        throw new Rejection(`not well-formed XML (${level}): ${message}`);
      },
    }).parseFromString(xml, 'text/xml');
    if (document.doctype) throw new Rejection('a SOAP message must not have a DOCTYPE');
    root = document.documentElement;
  } catch (error) {
    if (error instanceof Rejection) throw error;
    throw new Rejection(`not well-formed XML: ${String(error)}`);
  }
  if (!root) throw new Rejection('empty document');
  return root;
}

/** A request the peer accepted, parsed. */
export interface ParsedRequest {
  operation: Operation;
  apiKey: string;
  /** The second argument: the identifier text, or the parsed caseDto / deedDto. */
  argument: string | Contract;
  /** Every argument in order, the key first. */
  args: (string | Contract)[];
}

/** Checks a whole request the way WCF would, and parses it. Throws `Rejection`. */
export function readRequest(soapActionHeader: string | undefined, xml: string): ParsedRequest {
  if (soapActionHeader === undefined) throw new Rejection('the SOAPAction header is missing');
  const action = soapActionHeader.replace(/^"(.*)"$/, '$1');
  const prefix = `${SERVICE_NS}IService/`;
  const operation = action.startsWith(prefix) ? action.slice(prefix.length) : '';
  if (!(operation in OPERATIONS)) {
    throw new Rejection(
      `the SOAPAction ${soapActionHeader} matches no operation (ActionNotSupported)`,
    );
  }
  const root = parse(xml);
  expectName(root, 'Envelope', SOAP_NS);
  const parts = children(root);
  const body = parts.at(-1);
  if (!body || parts.length > 2 || (parts.length === 2 && parts[0]?.localName !== 'Header')) {
    throw new Rejection('the Envelope must hold an optional Header and then one Body');
  }
  if (parts.length === 2) expectName(parts[0]!, 'Header', SOAP_NS);
  expectName(body, 'Body', SOAP_NS);
  const [call, ...extra] = children(body);
  if (!call || extra.length > 0) throw new Rejection('the Body must hold exactly one element');
  expectName(call, operation, SERVICE_NS);
  const signature = OPERATIONS[operation as Operation];
  const args = children(call);
  const values: (string | Contract)[] = [];
  signature.forEach(([name, type], index) => {
    const arg = args[index];
    if (!arg) throw new Rejection(`${operation}: the argument ${name} is missing`);
    expectName(arg, name, SERVICE_NS);
    if (onlyAllowedAttributes(arg)) throw new Rejection(`${operation}: ${name} must not be nil`);
    values.push(type in SCALARS ? scalar(arg, type, name) : readContract(arg, type, name));
  });
  if (args.length > signature.length) {
    throw new Rejection(`${operation}: unexpected argument <${args[signature.length]?.localName}>`);
  }
  return {
    operation: operation as Operation,
    apiKey: values[0] as string,
    argument: values[1] ?? '',
    args: values,
  };
}

// ---- answers -----------------------------------------------------------------------------------

const escape = (text: string) => text.replace(/[&<>"'\r]/g, (c) => `&#${c.charCodeAt(0)};`);

function x(name: string, content?: string | string[], attributes = ''): string {
  if (content === undefined) return `<${name}${attributes}/>`;
  const inner = typeof content === 'string' ? escape(content) : content.join('');
  return `<${name}${attributes}>${inner}</${name}>`;
}
const nil = (name: string) => x(`a:${name}`, undefined, ' i:nil="true"');

function soap(body: string): string {
  return `<s:Envelope xmlns:s="${SOAP_NS}"><s:Body>${body}</s:Body></s:Envelope>`;
}

function result(operation: Operation, content: string[] | null, type = ''): string {
  const ns = ` xmlns:a="${DATA_NS}" xmlns:i="${XSI_NS}"`;
  const inner =
    content === null
      ? x(`${operation}Result`, undefined, `${ns} i:nil="true"`)
      : x(`${operation}Result`, content, ns + type);
  return soap(x(`${operation}Response`, [inner], ` xmlns="${SERVICE_NS}"`));
}

/** How a fault is coded: WCF sends `s:Client` for a bad request, `a:InternalServiceFault` for its own failures. */
export type FaultKind = 'client' | 'server' | 'receiver';

function fault(kind: FaultKind, message: string): string {
  const code =
    kind === 'client'
      ? x('faultcode', 's:Client')
      : kind === 'receiver'
        ? // A SOAP 1.2 code, as a service behind a gateway that speaks both may send it.
          x('faultcode', 's:Receiver')
        : x('faultcode', 'a:InternalServiceFault', ` xmlns:a="${DISPATCHER_NS}"`);
  return soap(x('s:Fault', [code, x('faultstring', message, ' xml:lang="sv-SE"')]));
}

// ---- the service ----------------------------------------------------------------------------------

/** A deed the peer stored. */
export interface StoredDeed {
  objectId: number;
  dto: Contract;
}

/** A case the peer stored. */
export interface StoredCase {
  objectId: number;
  refId: string;
  createdDate: string;
  dto: Contract;
  deeds: StoredDeed[];
}

/** A one-shot failure for the next call of an operation. */
export type Injected =
  | 'client-fault'
  | 'server-fault'
  | 'busy-fault'
  | 'ok-false'
  | 'http-503'
  | 'http-500-html'
  | 'http-401'
  | 'http-403'
  | 'http-405'
  | 'http-408'
  | 'http-429'
  | 'receiver-fault'
  | 'access-denied-fault'
  | 'ok-false-access'
  | 'doctype'
  | 'not-xml';

/** How far ahead the `Retry-After` of an injected `http-429` is, as an HTTP date. */
export const THROTTLE_SECONDS = 30;

/** What the installation holds, for the lookup operations (GetInboxes and the like). */
export interface PeerCatalogue {
  inboxes: { guid: string; name: string; parentGuid?: string }[];
  /** Case types (DiaryPlanItemDto) by InboxGuid. */
  caseTypes: Record<string, { guid: string; name: string; fullName?: string }[]>;
  mediaTypes: { guid: string; name: string }[];
  customProperties: { guid: string; name: string; dataType: string }[];
}

/** Options for `startArtvisePeer`. */
export interface PeerOptions {
  apiKey: string;
  /** The installation's inboxes, case types, media types and custom properties (default none). */
  catalogue?: PeerCatalogue;
  /** Whether GetCaseByIdentifier lists the case's deeds (default true). */
  listDeeds?: boolean;
  /** How a wrong API key is answered (default a SOAP fault). */
  authFailure?: 'fault' | 'http-401';
  /**
   * The largest request body taken, in bytes, like WCF's `maxReceivedMessageSize` (its default
   * is 65 536); a larger one gets HTTP 413, as IIS answers it. Default: no limit.
   */
  maxRequestBytes?: number;
}

/** A running peer. */
export interface ArtvisePeer {
  /** The endpoint URL (`http://127.0.0.1:<port>/MercuryAPI/Service.svc`). */
  readonly endpoint: string;
  /** Every case stored, in order (a duplicate Identifier makes a second entry). */
  readonly cases: StoredCase[];
  /** Every request the peer refused, with the reason. */
  readonly rejections: string[];
  /** Every accepted request: operation and the raw XML. */
  readonly requests: { operation: Operation; xml: string }[];
  /** `up`; `down` answers 503 to everything; `refusing` answers Ok=false to CreateCase/CreateDeed. */
  state: 'up' | 'down' | 'refusing';
  /** Whether GetCaseByIdentifier lists deeds. */
  listDeeds: boolean;
  /**
   * Whether CreateCase's answer carries the new case's RefID (default true). The reference does
   * not promise it; GetCaseByIdentifier always has it.
   */
  createAnswersRefId: boolean;
  /** Makes a later call of `operation` fail as given: the next one, or the one after `skip` calls. */
  failNext(operation: Operation, failure: Injected, skip?: number): void;
  /** The cases with this Identifier. */
  casesFor(identifier: string): StoredCase[];
  /** Stops listening (connection refused) until `resume`. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  /** Stops the peer for good. */
  close(): Promise<void>;
}

function caseAnswer(stored: StoredCase, listDeeds: boolean): string[] {
  const dto = stored.dto;
  const text = (name: string) => (typeof dto[name] === 'string' ? x(`a:${name}`, dto[name]) : '');
  const deeds = listDeeds
    ? x(
        'a:Deeds',
        stored.deeds.map((deed) =>
          x('a:DeedDto', [
            typeof deed.dto.Identifier === 'string' ? x('a:Identifier', deed.dto.Identifier) : '',
            x('a:InboxGuid', String(deed.dto.InboxGuid)),
            x('a:Name', String(deed.dto.Name)),
            x('a:ObjectID', String(deed.objectId)),
            x('a:CaseObjectID', String(stored.objectId)),
          ]),
        ),
      )
    : nil('Deeds');
  return [
    x('a:CreatedDate', stored.createdDate),
    text('Description'),
    text('Identifier'),
    text('InboxGuid'),
    text('Name'),
    x('a:ObjectID', String(stored.objectId)),
    x('a:RefID', stored.refId),
    deeds,
  ];
}

function created(objectId: number, refId: string | undefined, createdDate: string, type: string) {
  return [
    nil('Message'),
    x(
      'a:ObjectInformation',
      [
        x('a:CreatedDate', createdDate),
        x('a:ObjectID', String(objectId)),
        refId === undefined ? '' : x('a:RefID', refId),
      ],
      ` i:type="a:${type}"`,
    ),
    x('a:Ok', 'true'),
  ];
}

function refused(message: string): string[] {
  return [x('a:Message', message), nil('ObjectInformation'), x('a:Ok', 'false')];
}

/** Starts a strict MercuryAPI peer on 127.0.0.1 with a free port. */
export async function startArtvisePeer(options: PeerOptions): Promise<ArtvisePeer> {
  const cases: StoredCase[] = [];
  const rejections: string[] = [];
  const requests: { operation: Operation; xml: string }[] = [];
  const injected: { operation: Operation; failure: Injected; skip: number }[] = [];
  let nextId = 1000;

  const send = (
    response: ServerResponse,
    status: number,
    body: string,
    type = 'text/xml; charset=utf-8',
  ) => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    if (options.maxRequestBytes !== undefined && raw.length > options.maxRequestBytes) {
      return send(response, 413, '<html><body>Request Entity Too Large</body></html>', 'text/html');
    }
    if (peer.state === 'down') {
      response.setHeader('retry-after', '7');
      return send(response, 503, '<html><body>Service Unavailable</body></html>', 'text/html');
    }
    if (request.url !== PATH)
      return send(response, 404, '<html><body>Not Found</body></html>', 'text/html');
    let parsed: ParsedRequest;
    try {
      if (request.method !== 'POST') throw new Rejection(`method ${request.method} is not POST`);
      const contentType = request.headers['content-type'] ?? '';
      if (!/^text\/xml;\s*charset=utf-8$/i.test(contentType)) {
        throw new Rejection(
          `Content-Type must be text/xml; charset=utf-8 (SOAP 1.1), got "${contentType}"`,
        );
      }
      let xml: string;
      try {
        xml = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      } catch {
        throw new Rejection('the body is not valid UTF-8');
      }
      const header = request.headers.soapaction;
      parsed = readRequest(Array.isArray(header) ? header[0] : header, xml);
      requests.push({ operation: parsed.operation, xml });
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      rejections.push(error.message);
      return send(response, 500, fault('client', error.message));
    }

    const { operation } = parsed;
    const failureAt = injected.findIndex((entry) => entry.operation === operation);
    let failure: Injected | undefined;
    const entry = injected[failureAt];
    if (entry && entry.skip > 0) entry.skip -= 1;
    else if (entry) failure = injected.splice(failureAt, 1)[0]?.failure;
    if (failure === 'http-503') return send(response, 503, 'Service Unavailable', 'text/plain');
    if (failure === 'http-500-html')
      return send(response, 500, '<html><body>Runtime Error</body></html>', 'text/html');
    if (failure === 'http-401') return send(response, 401, 'Unauthorized', 'text/plain');
    if (failure === 'http-403') return send(response, 403, 'Forbidden', 'text/plain');
    // A GET-only handler, or a path that is not the service: IIS answers a POST with 405.
    if (failure === 'http-405') return send(response, 405, 'Method Not Allowed', 'text/plain');
    if (failure === 'http-429') {
      response.setHeader(
        'retry-after',
        new Date(Date.now() + THROTTLE_SECONDS * 1000).toUTCString(),
      );
      return send(response, 429, 'Too Many Requests', 'text/plain');
    }
    if (failure === 'receiver-fault')
      return send(response, 500, fault('receiver', 'Tjänsten kunde inte nå databasen.'));
    if (failure === 'access-denied-fault')
      return send(response, 500, fault('client', 'Access is denied.'));
    if (failure === 'ok-false-access')
      return send(response, 200, result(operation, refused('Behörighet saknas för inkorgen.')));
    // A well-formed answer with a document type declaration (entities): SOAP forbids one.
    if (failure === 'doctype') {
      const answer = result(operation, null);
      return send(response, 200, `<!DOCTYPE s:Envelope [<!ENTITY e "x">]>${answer}`);
    }
    // A proxy in front of IIS that gave up waiting for the request body.
    if (failure === 'http-408')
      return send(response, 408, '<html><body>Request Timeout</body></html>', 'text/html');
    if (failure === 'not-xml') return send(response, 200, 'this is not xml');
    if (failure === 'client-fault')
      return send(response, 500, fault('client', 'Ärendet kunde inte tolkas.'));
    // WCF's throttling (ServerTooBusyException): 503, a server fault, and when to come back.
    if (failure === 'busy-fault') {
      response.setHeader('retry-after', '7');
      return send(response, 503, fault('server', 'The server is too busy to process the request.'));
    }
    if (failure === 'server-fault') {
      return send(
        response,
        500,
        fault('server', 'The server was unable to process the request due to an internal error.'),
      );
    }

    if (parsed.apiKey !== options.apiKey) {
      if ((options.authFailure ?? 'fault') === 'http-401')
        return send(response, 401, 'Unauthorized', 'text/plain');
      return send(response, 500, fault('client', 'Invalid API key.'));
    }

    const catalogue = options.catalogue ?? {
      inboxes: [],
      caseTypes: {},
      mediaTypes: [],
      customProperties: [],
    };
    // Array results: one element per item, named after its type, members in alphabetical order.
    const items = (type: string, rows: string[][]) =>
      send(
        response,
        200,
        result(
          operation,
          rows.map((members) => x(`a:${type}`, members)),
        ),
      );
    const optional = (name: string, value: string | undefined) =>
      value === undefined ? nil(name) : x(`a:${name}`, value);
    if (operation === 'GetInboxes') {
      return items(
        'InboxDto',
        catalogue.inboxes.map((inbox) => [
          x('a:InboxGuid', inbox.guid),
          x('a:InboxTypeGuid', '00000000-0000-0000-0000-000000000001'),
          x('a:Name', inbox.name),
          optional('ParentInboxGuid', inbox.parentGuid),
        ]),
      );
    }
    if (operation === 'GetCaseTypes') {
      const [, inboxGuid = '', searchText = ''] = parsed.args as string[];
      const types = (catalogue.caseTypes[inboxGuid.toLowerCase()] ?? []).filter((type) =>
        (type.fullName ?? type.name).toLowerCase().includes(searchText.toLowerCase()),
      );
      return items(
        'DiaryPlanItemDto',
        types.map((type) => [
          x('a:DiaryPlanItemGuid', type.guid),
          optional('FullName', type.fullName),
          x('a:Name', type.name),
        ]),
      );
    }
    if (operation === 'GetMediaTypes') {
      return items(
        'MediaTypeDto',
        catalogue.mediaTypes.map((type) => [
          x('a:MediaTypeGuid', type.guid),
          x('a:Name', type.name),
        ]),
      );
    }
    if (operation === 'GetCustomProperties') {
      return items(
        'CustomPropertyDto',
        catalogue.customProperties.map((property) => [
          x('a:CustomPropertyGuid', property.guid),
          x('a:DataType', property.dataType),
          x('a:Name', property.name),
        ]),
      );
    }

    if (operation === 'GetCaseByIdentifier') {
      const found = cases.find((stored) => stored.dto.Identifier === parsed.argument);
      return send(
        response,
        200,
        result(operation, found ? caseAnswer(found, peer.listDeeds) : null),
      );
    }
    if (failure === 'ok-false' || peer.state === 'refusing') {
      return send(
        response,
        200,
        result(operation, refused('Inkorgen tar inte emot ärenden just nu.')),
      );
    }
    const dto = parsed.argument as Contract;
    const createdDate = new Date().toISOString();
    nextId += 1;
    if (operation === 'CreateCase') {
      const refId = `KS-2026-${String(nextId).padStart(5, '0')}`;
      cases.push({ objectId: nextId, refId, createdDate, dto, deeds: [] });
      const answered = peer.createAnswersRefId ? refId : undefined;
      return send(
        response,
        200,
        result(operation, created(nextId, answered, createdDate, 'CaseDto')),
      );
    }
    const owner = cases.find((stored) => String(stored.objectId) === dto.CaseObjectID);
    if (!owner)
      return send(
        response,
        200,
        result(operation, refused(`Ärende ${String(dto.CaseObjectID)} finns inte.`)),
      );
    owner.deeds.push({ objectId: nextId, dto });
    return send(
      response,
      200,
      result(operation, created(nextId, undefined, createdDate, 'DeedDto')),
    );
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, fault('server', String(error)));
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;

  const peer: ArtvisePeer = {
    endpoint: `http://127.0.0.1:${port}${PATH}`,
    cases,
    rejections,
    requests,
    state: 'up',
    listDeeds: options.listDeeds ?? true,
    createAnswersRefId: true,
    failNext: (operation, failure, skip = 0) => void injected.push({ operation, failure, skip }),
    casesFor: (identifier) => cases.filter((stored) => stored.dto.Identifier === identifier),
    pause: stop,
    resume: () => listen(port),
    close: async () => {
      if (server.listening) await stop();
    },
  };
  return peer;
}
