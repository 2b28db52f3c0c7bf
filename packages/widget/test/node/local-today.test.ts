import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { localToday } from '../../src/synpunkt-form/format-date.js';

describe('the latest date a person can pick for "when"', () => {
  const zone = process.env.TZ;
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is today where the person is: just after midnight in Sweden it is already the new day', () => {
    process.env.TZ = 'Europe/Stockholm';
    // 00:30 on 24 November in Sweden is still 23 November in UTC.
    assert.equal(localToday(new Date('2026-11-23T23:30:00Z')), '2026-11-24');
    // Summer time: 01:30 on 1 July in Sweden is 23:30 UTC the day before.
    assert.equal(localToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(localToday(new Date('2026-11-23T12:00:00Z')), '2026-11-23');
  });
});
