/**
 * A calendar date (`YYYY-MM-DD`) written out for reading: "tisdag 8 december 2026" in Swedish.
 * Computed in UTC so the reader's time zone never moves the day.
 */
export function formatDate(plainDate: string, locale: string): string {
  const [year, month, day] = plainDate.split('-').map(Number);
  if (!year || !month || !day) return plainDate;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

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
