import { formatPlainDate } from '@synpunkt/sdk';

/**
 * A calendar date (`YYYY-MM-DD`) written out for reading: "tisdag 8 december 2026" in Swedish.
 * The sdk's, so the receipt and the e-mail adapter's mails write a day the same way.
 */
export const formatDate: (plainDate: string, locale: string) => string = formatPlainDate;

/** A number with the locale's digit grouping: "10 000" in Swedish. */
export const formatNumber = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale).format(value);

/**
 * Today as `YYYY-MM-DD` in the person's own time zone: the latest day they can say something
 * happened on. (An ISO string from `Date` is UTC, a day behind in Sweden after midnight.)
 */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A size limit for reading: "2,5 MB", or "50 kB" below a tenth of a megabyte (never "0 MB").
 * Rounded down, because a limit shown as larger than it is would refuse a file the text
 * allowed. Hints and error texts all use this one, so they never disagree.
 */
export function formatMegabytes(bytes: number, locale: string): string {
  if (bytes < 104858) return `${formatNumber(Math.floor(bytes / 1024), locale)} kB`;
  return `${formatNumber(Math.floor((bytes / 1048576) * 10) / 10, locale)} MB`;
}

const TYPE_NAMES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
};

/**
 * File types as people know them, as a list in the language: "JPEG, PNG och PDF" (`and`) or
 * "JPEG, PNG eller PDF" (`or`).
 */
export function formatFileTypes(
  types: readonly string[],
  locale: string,
  join: 'and' | 'or',
): string {
  const names = types.map((type) => TYPE_NAMES[type] ?? type);
  return new Intl.ListFormat(locale, {
    type: join === 'and' ? 'conjunction' : 'disjunction',
  }).format(names);
}
