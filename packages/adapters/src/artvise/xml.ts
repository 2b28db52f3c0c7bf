// A small XML writer: escaping, and elements that can only be built from escaped parts.
// User text reaches the output only through `escapeText`, so it can never become markup.

/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other
 * than tab, line feed and carriage return, U+FFFE, U+FFFF, and lone halves of a surrogate pair
 * (with the `u` flag a whole pair, such as an emoji, is one code point and does not match).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a raw CR (and CR LF) into LF; a reference keeps it as the sender typed it.
  '\r': '&#xD;',
  // Line and paragraph separators: a parser that ends lines as XML 1.1 does (xmldom does by
  // default) turns them raw into LF too; a reference is never a line end.
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/** Thrown when text holds a character that XML 1.0 cannot carry. */
export class XmlCharacterError extends Error {
  override readonly name = 'XmlCharacterError';
  constructor(
    /** Where in the text the character is (UTF-16 index). */
    readonly index: number,
    /** The character's code point, as `U+0007`. */
    readonly codePoint: string,
  ) {
    super(`XML 1.0 cannot carry the character ${codePoint} (at index ${index})`);
  }
}

/**
 * Where the first character XML 1.0 cannot carry is, or `undefined` when there is none.
 * Tab, line feed and carriage return are fine.
 */
export function findForbiddenCharacter(
  text: string,
): { index: number; codePoint: string } | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  return { index: match.index, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
}

/**
 * Escapes text for element content or a quoted attribute value: `&`, `<`, `>`, `"`, `'`,
 * carriage return and the line and paragraph separators (U+2028, U+2029). Refuses (throws `XmlCharacterError`) rather than drops a character XML 1.0
 * cannot carry, so no text is lost without anyone knowing.
 */
export function escapeText(text: string): string {
  const bad = findForbiddenCharacter(text);
  if (bad) throw new XmlCharacterError(bad.index, bad.codePoint);
  return text.replace(/[&<>"'\r\u2028\u2029]/g, (char) => ESCAPES[char] ?? char);
}

/** Markup that is already well-formed: made only by `element`, never from a plain string. */
export interface Xml {
  /** The markup. */
  readonly markup: string;
}

const NAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new TypeError(`Not an XML name: ${JSON.stringify(name)}`);
  return name;
}

/** What an element may hold: escaped text, child elements (`undefined` ones are left out), or nothing. */
export type Content = string | readonly (Xml | undefined)[] | undefined;

/**
 * Builds an element. Text content and attribute values are escaped; names must be XML names
 * (they come from code, never from user input).
 *
 * ```ts
 * element('a:Name', 'Klagomål & beröm').markup // '<a:Name>Klagomål &amp; beröm</a:Name>'
 * ```
 */
export function element(
  name: string,
  content?: Content,
  attributes: Readonly<Record<string, string>> = {},
): Xml {
  checkName(name);
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${checkName(key)}="${escapeText(value)}"`)
    .join('');
  if (content === undefined) return { markup: `<${name}${attrs}/>` };
  const inner =
    typeof content === 'string'
      ? escapeText(content)
      : content.map((child) => child?.markup ?? '').join('');
  return { markup: `<${name}${attrs}>${inner}</${name}>` };
}
