// MercuryAPI's wire contract: namespaces, SOAP actions and the data contracts' member order,
// transcribed from the generated WCF client (see docs/artvise.md). WCF's DataContractSerializer
// writes members in ordinal (alphabetical) order, base type before derived type, and a reader
// skips or refuses members out of order, so the order here is part of the protocol.

import { element, type Xml } from './xml.js';

/** SOAP 1.1 envelope namespace. */
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** MercuryAPI's service contract namespace: operation and parameter elements live here. */
export const SERVICE_NS = 'http://www.artvise.se/MercuryAPI/';
/** MercuryAPI's data contract namespace: members of every DTO live here. */
export const DATA_NS =
  'http://schemas.datacontract.org/2004/07/Artvise.Mercury.Base.DataContracts.API';
/** XML Schema instance namespace, for `i:nil="true"`. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The operations this adapter calls: three to deliver, four to look up an installation's GUIDs. */
export type Operation =
  | 'CreateCase'
  | 'CreateDeed'
  | 'GetCaseByIdentifier'
  | 'GetInboxes'
  | 'GetCaseTypes'
  | 'GetMediaTypes'
  | 'GetCustomProperties';

/** The SOAPAction of an operation: `http://www.artvise.se/MercuryAPI/IService/<Operation>`. */
export function soapAction(operation: Operation): string {
  return `${SERVICE_NS}IService/${operation}`;
}

const OBJECT_DTO = [
  'Coordinates',
  'CreatedByID',
  'CreatedByName',
  'CreatedDate',
  'CustomProperties',
  'Description',
  'Identifier',
  'InboxGuid',
  'Locations',
  'ModifiedByID',
  'ModifiedByName',
  'ModifiedDate',
  'Name',
  'ObjectGuid',
  'ObjectID',
  'ObjectTypeGuid',
  'Organisations',
  'PriorityGuid',
  'RefID',
  'StatusGuid',
] as const;

/** Members of each data contract this adapter writes, in serialisation order. */
export const MEMBERS = {
  CaseDto: [
    ...OBJECT_DTO,
    'AnswerTypeGuid',
    'Answered',
    'CaseCategories',
    'Counterparts',
    'Deeds',
    'EventDate',
    'HtmlDescription',
    'InOutDate',
    'IncomingMediaTypeGuid',
    'RequiresAnswer',
    'StartDate',
    'StopDate',
  ],
  DeedDto: [
    ...OBJECT_DTO,
    'CaseObjectID',
    'Files',
    'HtmlContent',
    'MailItem',
    'SmsItem',
    'TextContent',
  ],
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
  ],
  CaseCategoryItemDto: ['CaseCategoryGuid', 'DiaryPlanItemGuid', 'FullName'],
  ObjectCustomPropertyDto: ['CustomPropertyGuid', 'Name', 'Value'],
  FileDto: ['Data', 'Extension', 'FileGuid', 'FileID', 'FileName', 'Size'],
} as const;

/** A data contract this adapter writes. */
export type ContractName = keyof typeof MEMBERS;
/** A member of a data contract. */
export type Member<T extends ContractName> = (typeof MEMBERS)[T][number];

/**
 * A member's value: text (strings, GUIDs, `xs:dateTime`, base64), a whole number, a boolean,
 * `null` for `i:nil="true"`, or the items of an array or members of a nested contract.
 */
export type MemberValue = string | number | boolean | null | readonly Xml[];

/** A contract's members that are set; the rest are left out (none of them is required). */
export type ContractValues<T extends ContractName> = { readonly [K in Member<T>]?: MemberValue };

function memberContent(name: string, value: MemberValue): Xml {
  const tag = `a:${name}`;
  if (value === null) return element(tag, undefined, { 'i:nil': 'true' });
  if (typeof value === 'boolean') return element(tag, value ? 'true' : 'false');
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${name} must be a whole number`);
    return element(tag, String(value));
  }
  return element(tag, value);
}

/**
 * The members of a data contract as `a:`-prefixed elements in serialisation order. The caller
 * declares `xmlns:a` (and `xmlns:i`) on the enclosing element.
 */
export function members<T extends ContractName>(
  contract: T,
  values: ContractValues<T>,
): readonly Xml[] {
  const order: readonly string[] = MEMBERS[contract];
  const record = values as Readonly<Record<string, MemberValue | undefined>>;
  for (const key of Object.keys(record)) {
    if (!order.includes(key)) throw new TypeError(`${contract} has no member ${key}`);
  }
  return order.flatMap((name) => {
    const value = record[name];
    return value === undefined ? [] : [memberContent(name, value)];
  });
}

/** One item of an array member: `<a:CounterpartDto>…members…</a:CounterpartDto>`. */
export function item<T extends ContractName>(contract: T, values: ContractValues<T>): Xml {
  return element(`a:${contract}`, members(contract, values));
}
