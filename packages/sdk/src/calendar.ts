/**
 * The Swedish working-day calendar, for deadlines such as "answered within 10 arbetsdagar".
 *
 * Dates are plain calendar dates; all arithmetic is done on UTC midnights, so the local time zone
 * of the browser or server never shifts a day. No dependencies, no Node imports.
 */

/** A calendar date `YYYY-MM-DD` (ISO 8601), with no time of day and no time zone. */
export type PlainDate = string;

/** A day that is not a working day in Sweden although it falls on a weekday now and then. */
export interface Holiday {
  /** The date of the holiday. */
  date: PlainDate;
  /** The Swedish name, e.g. `'juldagen'`. */
  name: string;
  /**
   * `'public'`: an allmän helgdag under lag (1989:253) om allmänna helgdagar.
   * `'eve'`: midsommarafton, julafton or nyårsafton; not public holidays by law, but not working
   * days in practice.
   */
  kind: 'public' | 'eve';
}

const DAY_MS = 86_400_000;
const SATURDAY = 6;
const FRIDAY = 5;

/** Milliseconds of the UTC midnight starting the date (month 1–12); years below 100 stay put. */
function utcDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function format(ms: number): PlainDate {
  const date = new Date(ms);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** The UTC midnight of the first `weekday` (0 = Sunday) on or after the given date. */
function firstOnOrAfter(year: number, month: number, day: number, weekday: number): number {
  const start = utcDay(year, month, day);
  return start + ((weekday - new Date(start).getUTCDay() + 7) % 7) * DAY_MS;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), as a UTC midnight. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

const cache = new Map<number, readonly Holiday[]>();

function computeHolidays(year: number): readonly Holiday[] {
  const e = easter(year);
  const midsommardagen = firstOnOrAfter(year, 6, 20, SATURDAY);
  const list: [number, string, Holiday['kind']][] = [
    [utcDay(year, 1, 1), 'nyårsdagen', 'public'],
    [utcDay(year, 1, 6), 'trettondedag jul', 'public'],
    [e - 2 * DAY_MS, 'långfredagen', 'public'],
    [e, 'påskdagen', 'public'],
    [e + DAY_MS, 'annandag påsk', 'public'],
    [utcDay(year, 5, 1), 'första maj', 'public'],
    [e + 39 * DAY_MS, 'Kristi himmelsfärdsdag', 'public'],
    [e + 49 * DAY_MS, 'pingstdagen', 'public'],
    [utcDay(year, 6, 6), 'Sveriges nationaldag', 'public'],
    [firstOnOrAfter(year, 6, 19, FRIDAY), 'midsommarafton', 'eve'],
    [midsommardagen, 'midsommardagen', 'public'],
    [firstOnOrAfter(year, 10, 31, SATURDAY), 'alla helgons dag', 'public'],
    [utcDay(year, 12, 24), 'julafton', 'eve'],
    [utcDay(year, 12, 25), 'juldagen', 'public'],
    [utcDay(year, 12, 26), 'annandag jul', 'public'],
    [utcDay(year, 12, 31), 'nyårsafton', 'eve'],
  ];
  return list
    .sort((x, y) => x[0] - y[0])
    .map(([ms, name, kind]) => Object.freeze({ date: format(ms), name, kind }));
}

/**
 * The Swedish public holidays and the eves that are not working days, sorted by date. Two can
 * share a date (första maj and Kristi himmelsfärdsdag in 2008); both are listed.
 *
 * The rules are those in force since 2005 (Sveriges nationaldag a holiday, annandag pingst not),
 * so results are right for 2005–2100; earlier years get today's rules, not history.
 *
 * @throws RangeError if `year` is not an integer from 1900 to 2200.
 */
export function holidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    throw new RangeError(`Year out of range (1900–2200): ${year}`);
  }
  let list = cache.get(year);
  if (list === undefined) {
    list = computeHolidays(year);
    cache.set(year, list);
  }
  return [...list];
}

let stockholm: Intl.DateTimeFormat | undefined;

/**
 * The plain date of `date`. A `Date` gives its calendar date in Sweden (Europe/Stockholm), so
 * 23:30 UTC on 31 December is already 1 January. A string must be a real `YYYY-MM-DD` date and is
 * returned as it is.
 *
 * @throws RangeError for an invalid `Date` or a string that is not a real `YYYY-MM-DD` date.
 */
export function toPlainDate(date: PlainDate | Date): PlainDate {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
    stockholm ??= new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone: 'Europe/Stockholm',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const parts = stockholm.formatToParts(date);
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  }
  if (typeof date !== 'string') throw new TypeError('Expected a YYYY-MM-DD string or a Date');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null || format(utcDay(+match[1]!, +match[2]!, +match[3]!)) !== date) {
    throw new RangeError(`Not a real date (YYYY-MM-DD): ${date}`);
  }
  return date;
}

/** UTC midnight of the plain date of `date`. */
function toUtcDay(date: PlainDate | Date): number {
  const [year, month, day] = toPlainDate(date).split('-').map(Number) as [number, number, number];
  return utcDay(year, month, day);
}

function isWorking(ms: number): boolean {
  const date = new Date(ms);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === SATURDAY) return false;
  const plain = format(ms);
  return !holidays(date.getUTCFullYear()).some((h) => h.date === plain);
}

/**
 * Whether `date` is a working day in Sweden: not a Saturday, a Sunday, or any date in
 * {@link holidays}. A `Date` counts by its calendar date in Sweden (see {@link toPlainDate}).
 *
 * @throws RangeError for an invalid date or a year outside 1900–2200.
 */
export function isWorkingDay(date: PlainDate | Date): boolean {
  return isWorking(toUtcDay(date));
}

/**
 * The date of the `n`-th working day after `date`, e.g. the deadline "within 10 arbetsdagar".
 * Counting starts the day after `date`, so from a Saturday `n = 1` gives Monday ("no later than
 * the next working day"). `n = 0` gives `date` itself if it is a working day, else the next one.
 *
 * @example addWorkingDays('2026-12-18', 10) === '2027-01-08'
 * @throws RangeError if `n` is not a non-negative integer, for an invalid date, or when the
 * count leaves the years 1900–2200.
 */
export function addWorkingDays(date: PlainDate | Date, n: number): PlainDate {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer: ${n}`);
  }
  let day = toUtcDay(date);
  if (n === 0) {
    while (!isWorking(day)) day += DAY_MS;
    return format(day);
  }
  let left = n;
  while (left > 0) {
    day += DAY_MS;
    if (isWorking(day)) left -= 1;
  }
  return format(day);
}

/**
 * A calendar date written out for reading: "tisdag 8 december 2026" (`sv-SE`), "Tuesday,
 * 8 December 2026" (`en-GB`). Computed in UTC, so the reader's time zone never moves the day. A
 * value that is no `YYYY-MM-DD` date is returned as it is.
 */
export function formatPlainDate(date: PlainDate, locale: string): string {
  let day: number;
  try {
    // A day that does not exist ("2026-02-30") is shown as written, never as another day.
    day = toUtcDay(date);
  } catch {
    return date;
  }
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(day));
}
