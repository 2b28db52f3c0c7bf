// SOAP 1.1 envelopes: writing a request, reading an answer (a result or a fault).

import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { SERVICE_NS, SOAP_NS, XSI_NS, type Operation } from './contracts.js';
import { element, type Xml } from './xml.js';

/** A SOAP 1.1 request document around one body element. */
export function envelope(body: Xml): string {
  const document = element('s:Envelope', [element('s:Body', [body])], { 'xmlns:s': SOAP_NS });
  return `<?xml version="1.0" encoding="utf-8"?>${document.markup}`;
}

/** The answer was not a SOAP 1.1 envelope this adapter can read. */
export class SoapFormatError extends Error {
  override readonly name = 'SoapFormatError';
}

/** What a SOAP answer held. */
export type SoapAnswer =
  /** A SOAP fault: `code` is the local part of `faultcode` (`Client`, `Server`, `InternalServiceFault`…). */
  | { kind: 'fault'; code: string; message: string }
  /** The operation's `<…Result>` element, or `undefined` when it is nil or absent (nothing found). */
  | { kind: 'result'; result: Element | undefined };

const ELEMENT_NODE = 1;

/** The element children of an element. */
export function childElements(parent: Element): Element[] {
  const children: Element[] = [];
  for (let node: Node | null = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

/** The first child element with this local name and namespace (`null` = no namespace). */
export function childElement(
  parent: Element,
  localName: string,
  namespace: string | null,
): Element | undefined {
  return childElements(parent).find(
    (child) => child.localName === localName && (child.namespaceURI ?? null) === namespace,
  );
}

/** True for `i:nil="true"`. */
export function isNil(node: Element): boolean {
  return node.getAttributeNS(XSI_NS, 'nil') === 'true';
}

function parseXml(text: string): Element {
  let root: Element | null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new SoapFormatError(message);
      },
    }).parseFromString(text, 'text/xml');
    // SOAP forbids a document type declaration; refusing it also refuses entity tricks.
    if (document.doctype) throw new SoapFormatError('the answer has a DOCTYPE');
    root = document.documentElement;
  } catch (error) {
    throw new SoapFormatError(`the answer is not well-formed XML: ${String(error)}`, {
      cause: error,
    });
  }
  if (!root) throw new SoapFormatError('the answer is empty');
  return root;
}

/**
 * Reads a SOAP 1.1 answer to `operation`. Throws `SoapFormatError` when it is not one, or when
 * it holds neither a fault nor the operation's response element.
 */
export function parseAnswer(text: string, operation: Operation): SoapAnswer {
  const root = parseXml(text);
  if (root.localName !== 'Envelope' || root.namespaceURI !== SOAP_NS) {
    throw new SoapFormatError(`the answer is <${root.tagName}>, not a SOAP 1.1 Envelope`);
  }
  const body = childElement(root, 'Body', SOAP_NS);
  if (!body) throw new SoapFormatError('the SOAP answer has no Body');
  const fault = childElement(body, 'Fault', SOAP_NS);
  if (fault) {
    const code = childElement(fault, 'faultcode', null)?.textContent?.trim() ?? '';
    const message = childElement(fault, 'faultstring', null)?.textContent?.trim() ?? '';
    return { kind: 'fault', code: code.slice(code.indexOf(':') + 1), message };
  }
  const response = childElement(body, `${operation}Response`, SERVICE_NS);
  if (!response) throw new SoapFormatError(`the SOAP answer has no ${operation}Response`);
  const result = childElement(response, `${operation}Result`, SERVICE_NS);
  return { kind: 'result', result: result && !isNil(result) ? result : undefined };
}
