/** The municipality's time zone: what a sender means by "14.30" on the form. */
const ZONE = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Minutes Swedish time is ahead of UTC at the instant `utcMs` (60 in winter, 120 in summer). */
function offsetMinutesAt(utcMs: number): number {
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.formatToParts(utcMs).find((part) => part.type === type)?.value);
  const asIfUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return Math.round((asIfUtc - utcMs) / 60_000);
}

/**
 * `YYYY-MM-DDTHH:mm` as the sender typed it (Swedish time) → ISO 8601 with its offset,
 * `2026-11-19T14:30:00+01:00`, as GeoReport v2 requires a zone on every date-time. A date alone
 * (`YYYY-MM-DD`) has no time to place and is returned as it is. In the hour that repeats when
 * summer time ends, the later (winter) reading is taken. A time in the hour skipped in spring
 * (02.30 on the last Sunday of March) gets the summer offset, `02:30:00+02:00`: the instant of
 * 01.30 winter time, an hour before the clock said it.
 */
export function withSwedishOffset(occurredAt: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(occurredAt);
  if (!match) return occurredAt;
  const [, year, month, day, hour, minute] = match.map(Number) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // Two passes: the offset one hour either side of a change can differ from the first guess.
  let offset = offsetMinutesAt(wall - offsetMinutesAt(wall) * 60_000);
  offset = offsetMinutesAt(wall - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${occurredAt}:00${sign}${hh}:${mm}`;
}
