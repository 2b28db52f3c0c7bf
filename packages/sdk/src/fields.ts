// Normalisers for the fields people type in many ways. Each returns the canonical form, or
// undefined when the input cannot be one. Small and dependency-free: they run in the browser.

/**
 * A phone number in E.164 (`+46701234567`). Accepts Swedish national numbers (`070-123 45 67`,
 * `08-123 456 78`), `+46 (0)70…`, `0046…` and international numbers with a country code. Any
 * dash counts as one (`070–123 45 67`: phones and word processors turn "-" into an en dash).
 */
export function toE164(input: string): string | undefined {
  // "+44 (0)20…", "+46 (0)70…": the trunk 0 in brackets after a country code is not dialled
  // from abroad.
  let digits = input
    .trim()
    .replace(/^((?:\+|00)\s*\d{1,3})\s*\(0\)/, '$1')
    .replace(/[\s\-\u2010-\u2015\u2212().\u00a0/]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // "+46 070…": the same trunk 0, without brackets.
  if (digits.startsWith('+460')) digits = `+46${digits.slice(4)}`;
  if (!/^\+?\d+$/.test(digits)) return undefined;
  if (!digits.startsWith('+')) {
    // A Swedish national number: trunk 0, then an area code and subscriber number, 7–9 digits.
    if (!/^0[1-9]\d{6,8}$/.test(digits)) return undefined;
    digits = `+46${digits.slice(1)}`;
  }
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  if (!/^\+[1-9]\d{6,14}$/.test(digits)) return undefined;
  if (!digits.startsWith('+46')) return digits;
  // A Swedish mobile number (070, 072, 073, 076, 079) has seven digits after its prefix.
  const swedish = /^\+46[1-9]\d{6,8}$/.test(digits) && !/^\+467[02369](?!\d{7}$)/.test(digits);
  return swedish ? digits : undefined;
}

/**
 * Swedish area codes of three digits with the trunk 0 (`031`, `070`…). Stockholm's is `08`;
 * every other area code has four (`0480`, and `0771`, `0900`). From the Swedish numbering
 * plan. A string, not a Set: a constant the widget's bundler can drop when the form does not
 * use it.
 */
const THREE_DIGIT_AREAS =
  ' 10 11 13 16 18 19 20 21 23 26 31 33 35 36 40 42 44 46 54 60 63 70 71 72 73 74 75 76 78 79 90 ';

/** A subscriber number grouped as Swedes write it: `12 34 56`, `123 45 67`, `123 456 78`. */
function groupSubscriber(digits: string): string {
  switch (digits.length) {
    case 5:
      return `${digits.slice(0, 3)} ${digits.slice(3)}`;
    case 6:
      return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
    case 7:
      return `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`;
    case 8:
      return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    default:
      return digits;
  }
}

/**
 * A phone number in E.164 as a Swedish clerk dials and reads it: `+46701234567` →
 * `070-123 45 67`, `+46812345678` → `08-123 456 78`. A number from another country stays in
 * E.164 (`+4741234567`), which is how it is dialled from Sweden.
 */
export function formatPhone(e164: string): string {
  if (!/^\+46[1-9]\d{6,8}$/.test(e164)) return e164;
  const national = e164.slice(3);
  // Umeå's 090 is followed by a subscriber number, which never starts with 0: 0900 is premium.
  const areaLength = national.startsWith('8')
    ? 1
    : THREE_DIGIT_AREAS.includes(` ${national.slice(0, 2)} `) && !national.startsWith('900')
      ? 2
      : 3;
  return `0${national.slice(0, areaLength)}-${groupSubscriber(national.slice(areaLength))}`;
}

/**
 * A Swedish postal code as `NNN NN` (`11122`, `111 22`, `SE-111 22` and the older `S-111 22`
 * are all accepted).
 */
export function toPostalCode(input: string): string | undefined {
  const digits = input
    .trim()
    .replace(/^SE?[-\u2010-\u2015\s]?/i, '')
    .replace(/\s/g, '');
  if (!/^[1-9]\d{4}$/.test(digits)) return undefined;
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/**
 * A practical check of an e-mail address: one @, a dot in the domain, no spaces or angle
 * brackets. Whether it exists only the mail server knows.
 */
export function isEmail(input: string): boolean {
  return (
    /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/.test(input) &&
    !/\.\.|@\.|\.@|^\./.test(input)
  );
}

/**
 * Characters no field may hold: control characters (which could forge e-mail headers or log
 * lines, and which XML 1.0 cannot carry) and lone surrogates (not encodable as UTF-8). A
 * multi-line field may hold tabs and line breaks (U+2028 and U+2029 among them).
 */
export function hasForbiddenCharacters(input: string, multiline = false): boolean {
  const controls = multiline
    ? // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/
    : // The line and paragraph separators too: a line break in all but name.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
  const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  return controls.test(input) || loneSurrogate.test(input);
}

/**
 * Bidirectional embeddings, overrides and isolates: "KS 2026/\u202E321" shows to a clerk as
 * another number than it holds, so they would search for a case that is not the one sent.
 */
export function hasBidiControls(input: string): boolean {
  return /[\u202a-\u202e\u2066-\u2069]/.test(input);
}

/**
 * What a file name may not hold: a path separator, the characters no one-line field may hold
 * (`hasForbiddenCharacters`), and bidirectional embeddings, overrides and isolates, which make
 * "foto\u202Egnp.exe" show to a clerk as "fotoexe.png".
 */
const NOT_IN_FILE_NAMES =
  // eslint-disable-next-line no-control-regex
  /[/\\\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A file's name, not a path: none of the characters above, and not `.` or `..`. */
export function isFileName(name: string): boolean {
  return !NOT_IN_FILE_NAMES.test(name) && !/^\.+$/.test(name);
}

/**
 * The name with each character `isFileName` refuses replaced by `_`, so a picked file can be
 * sent under a name the check takes (a name of dots alone still needs one of its own).
 */
export function mendFileName(name: string): string {
  return name.replace(new RegExp(NOT_IN_FILE_NAMES.source, 'g'), '_');
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` that names a real date and time. */
export function isLocalDateTime(input: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(input);
  if (!match) return false;
  const [, y, m, d, hh = '00', mm = '00'] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(hh) < 24 &&
    Number(mm) < 60
  );
}

/**
 * An ISO 8601 instant with its zone that names a real date and time: as
 * `Date.prototype.toISOString` writes it (`2026-11-25T10:00:00.000Z`), or with an offset
 * (`2026-11-25T11:00:00+01:00`). The seconds are needed; a fraction of them may follow.
 */
export function isInstant(input: string): boolean {
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::[0-5]\d(?:\.\d+)?)(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.exec(
      input,
    );
  return match !== null && isLocalDateTime(match[1]!);
}

/** An http(s) URL. */
export function isHttpUrl(input: string): boolean {
  try {
    const url = new URL(input);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const SIGNATURES: Record<string, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

/** The media type the file's first bytes show, whatever its name or claimed type says. */
export function sniffMediaType(base64: string): string | undefined {
  let head: string;
  try {
    head = atob(base64.slice(0, 12));
  } catch {
    return undefined;
  }
  for (const [type, signature] of Object.entries(SIGNATURES)) {
    if (signature.every((byte, i) => head.charCodeAt(i) === byte)) return type;
  }
  return undefined;
}

/** Standard base64 with padding. */
export function isBase64(input: string): boolean {
  return input.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(input);
}

/** Bytes a base64 string decodes to, without decoding it. */
export function base64ByteLength(input: string): number {
  const padding = input.endsWith('==') ? 2 : input.endsWith('=') ? 1 : 0;
  return (input.length / 4) * 3 - padding;
}
