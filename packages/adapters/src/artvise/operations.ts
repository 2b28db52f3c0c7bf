// Request bodies for the three operations the adapter calls, and readers of their results.

import type { Element } from '@xmldom/xmldom';
import {
  DATA_NS,
  members,
  SERVICE_NS,
  XSI_NS,
  type ContractName,
  type ContractValues,
  type Operation,
} from './contracts.js';
import { childElement, childElements, isNil } from './envelope.js';
import { element, type Xml } from './xml.js';

/** `<Operation xmlns="http://www.artvise.se/MercuryAPI/"><apiKey>…</apiKey>…</Operation>`. */
export function operationBody(operation: Operation, apiKey: string, args: readonly Xml[]): Xml {
  return element(operation, [element('apiKey', apiKey), ...args], { xmlns: SERVICE_NS });
}

/** A data-contract argument such as `<caseDto xmlns:a=… xmlns:i=…>…members…</caseDto>`. */
export function contractArgument<T extends ContractName>(
  name: string,
  contract: T,
  values: ContractValues<T>,
): Xml {
  return element(name, members(contract, values), { 'xmlns:a': DATA_NS, 'xmlns:i': XSI_NS });
}

/** `GetCaseByIdentifier(apiKey, identifier)`. */
export function getCaseByIdentifierRequest(apiKey: string, identifier: string): Xml {
  return operationBody('GetCaseByIdentifier', apiKey, [element('identifier', identifier)]);
}

/** `CreateCase(apiKey, caseDto)`. */
export function createCaseRequest(apiKey: string, values: ContractValues<'CaseDto'>): Xml {
  return operationBody('CreateCase', apiKey, [contractArgument('caseDto', 'CaseDto', values)]);
}

/** `CreateDeed(apiKey, deedDto)`. */
export function createDeedRequest(apiKey: string, values: ContractValues<'DeedDto'>): Xml {
  return operationBody('CreateDeed', apiKey, [contractArgument('deedDto', 'DeedDto', values)]);
}

/** `GetInboxes(apiKey)`, `GetMediaTypes(apiKey)`, `GetCustomProperties(apiKey)`. */
export function listRequest(
  operation: 'GetInboxes' | 'GetMediaTypes' | 'GetCustomProperties',
  apiKey: string,
): Xml {
  return operationBody(operation, apiKey, []);
}

/** `GetCaseTypes(apiKey, inboxGuid, searchText, freetextSearch)`: every case type of an inbox. */
export function getCaseTypesRequest(apiKey: string, inboxGuid: string): Xml {
  return operationBody('GetCaseTypes', apiKey, [
    element('inboxGuid', inboxGuid),
    element('searchText', ''),
    element('freetextSearch', 'false'),
  ]);
}

/**
 * The items of an array result (`<GetInboxesResult><a:InboxDto>…</a:InboxDto>…`), each as its
 * members' texts (nil members left out). A nil result is an empty list.
 */
export function parseList(result: Element | undefined): Record<string, string>[] {
  if (!result) return [];
  return childElements(result).map((item) => {
    const values: Record<string, string> = {};
    for (const member of childElements(item)) {
      if (member.namespaceURI === DATA_NS && !isNil(member) && member.localName) {
        values[member.localName] = (member.textContent ?? '').trim();
      }
    }
    return values;
  });
}

/** A member's text, or `undefined` when it is absent or nil. */
function memberText(parent: Element, name: string): string | undefined {
  const node = childElement(parent, name, DATA_NS);
  if (!node || isNil(node)) return undefined;
  return node.textContent ?? '';
}

/** An `int` member that names an object (0 and absent both mean none). */
function objectId(parent: Element, name: string): number | undefined {
  const text = memberText(parent, name)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return id > 0 ? id : undefined;
}

/** What the adapter needs to know about a case. */
export interface CaseInfo {
  /** ObjectID: the number deeds refer to. */
  objectId: number | undefined;
  /** RefID: the case reference people quote, when the installation gives one. */
  refId: string | undefined;
  /** CreatedDate as Artvise wrote it. */
  createdDate: string | undefined;
  /**
   * Identifiers of the case's deeds, or `undefined` when the answer does not list deeds (then
   * the adapter cannot tell which attachments already arrived).
   */
  deedIdentifiers: ReadonlySet<string> | undefined;
}

function objectInfo(dto: Element): Omit<CaseInfo, 'deedIdentifiers'> {
  const refId = memberText(dto, 'RefID')?.trim();
  const createdDate = memberText(dto, 'CreatedDate')?.trim();
  return {
    objectId: objectId(dto, 'ObjectID'),
    refId: refId || undefined,
    createdDate: createdDate || undefined,
  };
}

/** Reads the CaseDto that `GetCaseByIdentifier` returns. */
export function parseCase(result: Element): CaseInfo {
  const deeds = childElement(result, 'Deeds', DATA_NS);
  const deedIdentifiers =
    deeds && !isNil(deeds)
      ? new Set(
          childElements(deeds)
            .map((deed) => memberText(deed, 'Identifier'))
            .filter((id): id is string => id !== undefined),
        )
      : undefined;
  return { ...objectInfo(result), deedIdentifiers };
}

/** A `CreateObjectResult`. */
export interface CreateResult {
  ok: boolean;
  message: string;
  /** The new object, from ObjectInformation, when the answer holds it. */
  object: Omit<CaseInfo, 'deedIdentifiers'> | undefined;
}

/** Reads a `CreateObjectResult` (a nil result counts as a refusal without a message). */
export function parseCreateResult(result: Element | undefined): CreateResult {
  if (!result) return { ok: false, message: 'the answer held no result', object: undefined };
  const information = childElement(result, 'ObjectInformation', DATA_NS);
  return {
    ok: ['true', '1'].includes(memberText(result, 'Ok')?.trim() ?? ''),
    message: memberText(result, 'Message')?.trim() ?? '',
    object: information && !isNil(information) ? objectInfo(information) : undefined,
  };
}
