import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Holidays from 'date-holidays';
import {
  addWorkingDays,
  formatPlainDate,
  holidays,
  isWorkingDay,
  toPlainDate,
} from '../src/calendar.js';

const byName = (year: number, name: string): string | undefined =>
  holidays(year).find((h) => h.name === name)?.date;

describe('addWorkingDays', () => {
  it('skips julafton to trettondedag jul: 10 working days from 18 Dec 2026 is 8 Jan 2027', () => {
    assert.equal(addWorkingDays('2026-12-18', 10), '2027-01-08');
  });

  it('skips midsommarafton and the weekend from the Friday before', () => {
    // 2026: midsommarafton is Friday 19 June; Thursday 18 June + 1 is Monday 22 June.
    assert.equal(addWorkingDays('2026-06-18', 1), '2026-06-22');
    // From the Friday a week before: four working days to Thursday, the fifth is after midsommar.
    assert.equal(isWorkingDay('2026-06-12'), true);
    assert.equal(addWorkingDays('2026-06-12', 4), '2026-06-18');
    assert.equal(addWorkingDays('2026-06-12', 5), '2026-06-22');
    assert.equal(isWorkingDay('2026-06-19'), false);
  });

  it('skips the Easter weekend', () => {
    // 2026: långfredagen 3 Apr, annandag påsk 6 Apr.
    assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07');
    // 2025: långfredagen 18 Apr, annandag påsk 21 Apr.
    assert.equal(addWorkingDays('2025-04-17', 1), '2025-04-22');
  });

  it('n = 0 gives the day itself on a working day, else the next working day', () => {
    assert.equal(addWorkingDays('2026-12-23', 0), '2026-12-23');
    assert.equal(addWorkingDays('2026-12-24', 0), '2026-12-28');
    assert.equal(addWorkingDays('2026-01-06', 0), '2026-01-07');
  });

  it('counts from the day after a weekend day: Saturday + 1 is Monday', () => {
    assert.equal(addWorkingDays('2026-03-07', 1), '2026-03-09');
    assert.equal(addWorkingDays('2026-03-07', 0), '2026-03-09');
  });

  it('takes a Date by its calendar date in Stockholm', () => {
    // 23:30 UTC on Friday 18 Dec 2026 is 00:30 on Saturday 19 Dec in Stockholm.
    const late = new Date('2026-12-18T23:30:00Z');
    assert.equal(toPlainDate(late), '2026-12-19');
    assert.equal(isWorkingDay(late), false);
    assert.equal(addWorkingDays(late, 1), '2026-12-21');
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July (UTC+2).
    assert.equal(toPlainDate(new Date('2026-06-30T22:30:00Z')), '2026-07-01');
    assert.equal(toPlainDate(new Date('2026-06-30T21:59:59Z')), '2026-06-30');
  });

  it('refuses bad input with a RangeError', () => {
    assert.throws(() => addWorkingDays('2026-02-30', 1), RangeError);
    assert.throws(() => addWorkingDays('2026-01-01', -1), RangeError);
    assert.throws(() => addWorkingDays('2026-01-01', 1.5), RangeError);
    assert.throws(() => addWorkingDays('2026-01-01', Number.NaN), RangeError);
    assert.throws(() => addWorkingDays('3000-01-01', 1), RangeError);
    assert.throws(() => addWorkingDays(new Date(Number.NaN), 1), RangeError);
  });
});

describe('toPlainDate', () => {
  it('returns a real date unchanged and refuses anything else', () => {
    assert.equal(toPlainDate('2024-02-29'), '2024-02-29');
    for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00']) {
      assert.throws(() => toPlainDate(bad), RangeError, bad);
    }
  });
});

describe('holidays', () => {
  it('puts Easter right (Gregorian computus)', () => {
    const expected: [number, string][] = [
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2038, '2038-04-25'],
      [2100, '2100-03-28'],
    ];
    for (const [year, date] of expected) assert.equal(byName(year, 'påskdagen'), date, `${year}`);
    assert.equal(byName(2038, 'långfredagen'), '2038-04-23');
    assert.equal(byName(2038, 'annandag påsk'), '2038-04-26');
    assert.equal(byName(2038, 'Kristi himmelsfärdsdag'), '2038-06-03');
    assert.equal(byName(2038, 'pingstdagen'), '2038-06-13');
  });

  it('puts alla helgons dag on the Saturday 31 Oct–6 Nov', () => {
    assert.equal(byName(2026, 'alla helgons dag'), '2026-10-31');
    assert.equal(byName(2025, 'alla helgons dag'), '2025-11-01');
    assert.equal(byName(2027, 'alla helgons dag'), '2027-11-06');
    assert.equal(isWorkingDay('2027-11-05'), true);
  });

  it('lists 16 days sorted by date, with both when two share a date', () => {
    const list = holidays(2008);
    assert.equal(list.length, 16);
    assert.deepEqual(
      list.map((h) => h.date),
      list.map((h) => h.date).toSorted(),
    );
    // 2008: Easter 23 March, so Kristi himmelsfärdsdag falls on första maj.
    assert.deepEqual(
      list.filter((h) => h.date === '2008-05-01').map((h) => h.name),
      ['första maj', 'Kristi himmelsfärdsdag'],
    );
    assert.deepEqual(
      holidays(2026)
        .filter((h) => h.kind === 'eve')
        .map((h) => `${h.date} ${h.name}`),
      ['2026-06-19 midsommarafton', '2026-12-24 julafton', '2026-12-31 nyårsafton'],
    );
  });

  it('refuses years outside 1900–2200 and non-integers', () => {
    assert.throws(() => holidays(3000), RangeError);
    assert.throws(() => holidays(1899), RangeError);
    assert.throws(() => holidays(2201), RangeError);
    // The bounds themselves are in: a deadline counted into 2200 is still given.
    assert.equal(holidays(1900).length, 16);
    assert.equal(holidays(2200).length, 16);
    assert.equal(addWorkingDays('2199-12-30', 1), '2200-01-02');
    assert.throws(() => holidays(2026.5), RangeError);
    assert.throws(() => isWorkingDay('3000-01-01'), RangeError);
  });
});

/*
 * Oracle: date-holidays, country SE. Of its types, 'public' are exactly our public holidays and
 * 'bank' exactly our eves (midsommarafton, julafton, nyårsafton). Everything else it lists is a
 * working day or a weekend day and is left out by type: 'observance' (e.g. skärtorsdagen,
 * påskafton, pingstafton, annandag pingst, Luciadagen) and 'optional', i.e. half days
 * (trettondagsafton, valborgsmässoafton, allhelgonaafton from 12:00). No exclusions by name are
 * needed; only one name differs (it says 'nationaldagen', we say 'Sveriges nationaldag').
 */
describe('oracle: date-holidays (SE), 2005–2100', () => {
  const oracle = new Holidays('SE');
  const ourName: Record<string, string> = { nationaldagen: 'Sveriges nationaldag' };
  const first = 2005;
  const last = 2100;
  const oracleYears = new Map<number, string[]>();
  for (let year = first; year <= last; year++) {
    oracleYears.set(
      year,
      oracle
        .getHolidays(year)
        .filter((h) => h.type === 'public' || h.type === 'bank')
        .map((h) => {
          const kind = h.type === 'public' ? 'public' : 'eve';
          return `${h.date.slice(0, 10)} ${kind} ${ourName[h.name] ?? h.name}`;
        })
        .sort(),
    );
  }

  it('has the same holidays (date, kind, name) every year', () => {
    for (let year = first; year <= last; year++) {
      const ours = holidays(year)
        .map((h) => `${h.date} ${h.kind} ${h.name}`)
        .sort();
      assert.deepEqual(ours, oracleYears.get(year), `${year}`);
    }
  });

  it('agrees on every day whether it is a working day', () => {
    const DAY_MS = 86_400_000;
    let days = 0;
    for (let year = first; year <= last; year++) {
      const off = new Set(oracleYears.get(year)?.map((line) => line.slice(0, 10)));
      const end = Date.UTC(year + 1, 0, 1);
      for (let ms = Date.UTC(year, 0, 1); ms < end; ms += DAY_MS) {
        const date = new Date(ms).toISOString().slice(0, 10);
        const weekday = new Date(ms).getUTCDay();
        const expected = weekday !== 0 && weekday !== 6 && !off.has(date);
        assert.equal(isWorkingDay(date), expected, date);
        days += 1;
      }
    }
    assert.equal(days, 96 * 365 + 23); // 23 leap years, 2100 is not one
  });
});

describe('formatPlainDate', () => {
  it('writes the day out in the reader’s language, the same day in every time zone', () => {
    assert.equal(formatPlainDate('2026-12-08', 'sv-SE'), 'tisdag 8 december 2026');
    assert.equal(formatPlainDate('2026-12-08', 'en-GB'), 'Tuesday, 8 December 2026');
    assert.equal(formatPlainDate('inte ett datum', 'sv-SE'), 'inte ett datum');
    // A day that does not exist is shown as written, never as another real day.
    for (const notADay of ['2026-02-30', '2025-02-29', '2026-99-99', '2026-1-8', ' 2026-12-08']) {
      assert.equal(formatPlainDate(notADay, 'sv-SE'), notADay);
    }
    assert.doesNotMatch(formatPlainDate('0050-06-01', 'sv-SE'), /1950/, 'year 50 is not 1950');
  });
});
