import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod';
import {
  AREA_UNKNOWN,
  base64ByteLength,
  CHANNELS,
  ERROR_CODES,
  isBase64,
  isEmail,
  isHttpUrl,
  isInstant,
  isLocalDateTime,
  KINDS,
  mendFileName,
  LIMITS,
  MODES,
  parseSubmission,
  sniffMediaType,
  toE164,
  formatPhone,
  toPostalCode,
  type Submission,
  type ValidationIssue,
} from '../src/index.js';
import { TINY_PDF_BASE64, TINY_PNG_BASE64 } from '../src/testing/index.js';

type Input = Record<string, unknown>;

const ID = '3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f';
const SUBMITTED_AT = '2026-11-25T10:00:00.000Z';

/** A valid submission as a form would send it (before normalisation). */
function input(overrides: Input = {}): Input {
  return {
    schemaVersion: 1,
    id: ID,
    kind: 'complaint',
    area: 'gata-park',
    message: 'Gungan på lekplatsen vid Storgatan är trasig.',
    reply: { wanted: false },
    attachments: [],
    locale: 'sv',
    mode: 'standard',
    channel: 'web',
    submittedAt: SUBMITTED_AT,
    pageUrl: 'https://www.exempelkommun.se/synpunkter',
    ...overrides,
  };
}

function without(key: string, value: Input = input()): Input {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

const byEmail = (extra: Input = {}): Input => ({
  wanted: true,
  via: 'email',
  name: 'Anna Andersson',
  email: 'anna@example.org',
  ...extra,
});
const byPhone = (extra: Input = {}): Input => ({
  wanted: true,
  via: 'phone',
  name: 'Anna Andersson',
  phone: '070-123 45 67',
  ...extra,
});
const ADDRESS = { street: 'Storgatan 4', postalCode: '111 22', city: 'Stockholm' };
const byLetter = (extra: Input = {}): Input => ({
  wanted: true,
  via: 'letter',
  name: 'Anna Andersson',
  address: ADDRESS,
  ...extra,
});

function ok(value: unknown): Submission {
  const result = parseSubmission(value);
  if (!result.success) assert.fail(`expected valid, got ${JSON.stringify(result.issues)}`);
  return result.data;
}

function issuesOf(value: unknown): ValidationIssue[] {
  const result = parseSubmission(value);
  if (result.success) assert.fail('expected issues, but the submission was accepted');
  return result.issues;
}

/** The exact issues, in any order: the order of issues is not part of the contract. */
function expectIssues(value: unknown, expected: ValidationIssue[]): void {
  const sorted = (issues: ValidationIssue[]) =>
    [...issues].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  assert.deepEqual(sorted(issuesOf(value)), sorted(expected));
}

// Bytes of real files, so size and type checks see what a browser would send.
const PNG = Buffer.from(TINY_PNG_BASE64, 'base64');
const PDF = Buffer.from(TINY_PDF_BASE64, 'base64');
function jpeg(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}
function file(type: string, bytes: Buffer, overrides: Input = {}): Input {
  return {
    name: 'foto.jpg',
    type,
    size: bytes.length,
    data: bytes.toString('base64'),
    ...overrides,
  };
}
const png = (overrides: Input = {}) => file('image/png', PNG, { name: 'gungan.png', ...overrides });

describe('a valid submission', () => {
  it('is accepted and comes out normalised', () => {
    const data = ok(input({ reply: byPhone(), place: 'Storgatan 4', occurredAt: '2026-11-20' }));
    assert.deepEqual(data, {
      ...input(),
      reply: { wanted: true, via: 'phone', name: 'Anna Andersson', phone: '+46701234567' },
      place: 'Storgatan 4',
      occurredAt: '2026-11-20',
    });
  });

  it('gets an empty attachment list when it has none', () => {
    assert.deepEqual(ok(without('attachments')).attachments, []);
  });

  it('accepts every kind, mode and channel, and the "unknown" area', () => {
    for (const kind of KINDS) assert.equal(ok(input({ kind })).kind, kind);
    for (const mode of MODES) assert.equal(ok(input({ mode })).mode, mode);
    for (const channel of CHANNELS) assert.equal(ok(input({ channel })).channel, channel);
    assert.equal(ok(input({ area: AREA_UNKNOWN })).area, 'unknown');
  });
});

describe('not an object', () => {
  for (const value of [null, 'a synpunkt', [], [input()], 42, true]) {
    it(`${JSON.stringify(value)?.slice(0, 20)} → invalid_type at []`, () => {
      expectIssues(value, [{ path: [], code: 'invalid_type' }]);
    });
  }
  it('undefined → required at []', () => {
    expectIssues(undefined, [{ path: [], code: 'required' }]);
  });
});

describe('reply', () => {
  it('anonymous with contact fields → contact_not_allowed on each', () => {
    expectIssues(
      input({
        reply: {
          wanted: false,
          via: 'email',
          name: 'Anna',
          email: 'anna@example.org',
          phone: '0701234567',
          address: ADDRESS,
        },
      }),
      [
        { path: ['reply', 'via'], code: 'contact_not_allowed' },
        { path: ['reply', 'name'], code: 'contact_not_allowed' },
        { path: ['reply', 'email'], code: 'contact_not_allowed' },
        { path: ['reply', 'phone'], code: 'contact_not_allowed' },
        { path: ['reply', 'address'], code: 'contact_not_allowed' },
      ],
    );
  });

  it('anonymous with only an e-mail → contact_not_allowed at reply.email', () => {
    expectIssues(input({ reply: { wanted: false, email: 'anna@example.org' } }), [
      { path: ['reply', 'email'], code: 'contact_not_allowed' },
    ]);
  });

  it('anonymous with a key that is not contact data → unknown_key', () => {
    expectIssues(input({ reply: { wanted: false, email: 'a@example.org', note: 'x' } }), [
      { path: ['reply', 'email'], code: 'contact_not_allowed' },
      { path: ['reply', 'note'], code: 'unknown_key' },
    ]);
  });

  it('a reply by e-mail without an e-mail → required at reply.email', () => {
    const reply = byEmail();
    delete reply.email;
    expectIssues(input({ reply }), [{ path: ['reply', 'email'], code: 'required' }]);
  });

  it('a reply by phone without a phone → required at reply.phone', () => {
    const reply = byPhone({ email: 'anna@example.org' });
    delete reply.phone;
    expectIssues(input({ reply }), [{ path: ['reply', 'phone'], code: 'required' }]);
  });

  it('a reply by letter without an address → required at reply.address', () => {
    const reply = byLetter({ phone: '0701234567' });
    delete reply.address;
    expectIssues(input({ reply }), [{ path: ['reply', 'address'], code: 'required' }]);
  });

  it('the other channels are optional, and are checked when given', () => {
    const data = ok(input({ reply: byEmail({ phone: '08-123 456 78', address: ADDRESS }) }));
    assert.deepEqual(data.reply, {
      wanted: true,
      via: 'email',
      name: 'Anna Andersson',
      email: 'anna@example.org',
      phone: '+46812345678',
      address: ADDRESS,
    });
    expectIssues(input({ reply: byPhone({ email: 'not an address' }) }), [
      { path: ['reply', 'email'], code: 'invalid_email' },
    ]);
  });

  it('a name is required when a reply is wanted, and bounded', () => {
    const reply = byEmail();
    delete reply.name;
    expectIssues(input({ reply }), [{ path: ['reply', 'name'], code: 'required' }]);
    expectIssues(input({ reply: byEmail({ name: '   ' }) }), [
      { path: ['reply', 'name'], code: 'required' },
    ]);
    expectIssues(input({ reply: byEmail({ name: 'x'.repeat(LIMITS.nameMax + 1) }) }), [
      { path: ['reply', 'name'], code: 'too_long', params: { max: 200 } },
    ]);
    assert.equal(ok(input({ reply: byEmail({ name: 'x'.repeat(200) }) })).reply.wanted, true);
  });

  it('wanted missing → required; not a boolean → invalid_value', () => {
    expectIssues(input({ reply: {} }), [{ path: ['reply', 'wanted'], code: 'required' }]);
    expectIssues(input({ reply: { wanted: 'yes' } }), [
      { path: ['reply', 'wanted'], code: 'invalid_value' },
    ]);
  });

  it('reply missing → required; not an object → invalid_type', () => {
    expectIssues(without('reply'), [{ path: ['reply'], code: 'required' }]);
    expectIssues(input({ reply: null }), [{ path: ['reply'], code: 'invalid_type' }]);
    expectIssues(input({ reply: 'email' }), [{ path: ['reply'], code: 'invalid_type' }]);
  });

  it('an unknown channel → invalid_value with the allowed ones', () => {
    expectIssues(input({ reply: byEmail({ via: 'sms' }) }), [
      {
        path: ['reply', 'via'],
        code: 'invalid_value',
        params: { allowed: ['email', 'phone', 'letter'] },
      },
    ]);
  });

  it('an address must have street, postal code and city, and nothing else', () => {
    expectIssues(input({ reply: byLetter({ address: {} }) }), [
      { path: ['reply', 'address', 'street'], code: 'required' },
      { path: ['reply', 'address', 'postalCode'], code: 'required' },
      { path: ['reply', 'address', 'city'], code: 'required' },
    ]);
    expectIssues(input({ reply: byLetter({ address: { ...ADDRESS, country: 'SE' } }) }), [
      { path: ['reply', 'address', 'country'], code: 'unknown_key' },
    ]);
    expectIssues(input({ reply: byLetter({ address: { ...ADDRESS, street: 'x'.repeat(201) } }) }), [
      { path: ['reply', 'address', 'street'], code: 'too_long', params: { max: 200 } },
    ]);
    expectIssues(input({ reply: byLetter({ address: { ...ADDRESS, city: 'x'.repeat(101) } }) }), [
      { path: ['reply', 'address', 'city'], code: 'too_long', params: { max: 100 } },
    ]);
  });
});

describe('message and other text', () => {
  it('a 10 001-character message → too_long, max 10000', () => {
    expectIssues(input({ message: 'a'.repeat(10_001) }), [
      { path: ['message'], code: 'too_long', params: { max: 10_000 } },
    ]);
  });

  it('exactly 10 000 characters pass, also with surrounding spaces (trimmed first)', () => {
    assert.equal(ok(input({ message: 'a'.repeat(10_000) })).message.length, 10_000);
    assert.equal(ok(input({ message: `  ${'a'.repeat(10_000)}\n` })).message.length, 10_000);
  });

  it('text is trimmed', () => {
    const data = ok(
      input({
        message: '  Hej!\n',
        area: ' bibliotek ',
        place: '\tStorgatan 4 ',
        pageUrl: ' https://www.exempelkommun.se/ ',
        reply: byLetter({
          name: ' Anna ',
          address: { street: ' Storgatan 4 ', postalCode: ' 11122 ', city: ' Stockholm ' },
        }),
      }),
    );
    assert.equal(data.message, 'Hej!');
    assert.equal(data.area, 'bibliotek');
    assert.equal(data.place, 'Storgatan 4');
    assert.equal(data.pageUrl, 'https://www.exempelkommun.se/');
    assert.deepEqual(data.reply, {
      wanted: true,
      via: 'letter',
      name: 'Anna',
      address: { street: 'Storgatan 4', postalCode: '111 22', city: 'Stockholm' },
    });
  });

  it('empty after trimming → required', () => {
    expectIssues(input({ message: ' \n\t ' }), [{ path: ['message'], code: 'required' }]);
    expectIssues(input({ area: '' }), [{ path: ['area'], code: 'required' }]);
    expectIssues(input({ place: '   ' }), [{ path: ['place'], code: 'required' }]);
  });

  it('missing → required; a number where text goes → invalid_type', () => {
    expectIssues(without('message'), [{ path: ['message'], code: 'required' }]);
    expectIssues(input({ message: 42 }), [{ path: ['message'], code: 'invalid_type' }]);
    expectIssues(input({ area: ['gata-park'] }), [{ path: ['area'], code: 'invalid_type' }]);
  });

  it('area and place are bounded', () => {
    expectIssues(input({ area: 'a'.repeat(101) }), [
      { path: ['area'], code: 'too_long', params: { max: 100 } },
    ]);
    expectIssues(input({ place: 'a'.repeat(301) }), [
      { path: ['place'], code: 'too_long', params: { max: 300 } },
    ]);
    assert.equal(ok(input({ place: 'a'.repeat(300) })).place?.length, 300);
  });
});

describe('earlierReference: the case number of an earlier contact', () => {
  it('is optional, and a case number is accepted as written, trimmed', () => {
    assert.equal('earlierReference' in ok(input()), false);
    assert.equal(ok(input({ earlierReference: 'KS 2026/123' })).earlierReference, 'KS 2026/123');
    assert.equal(
      ok(input({ earlierReference: '\t SBN-2026-00042 \n' })).earlierReference,
      'SBN-2026-00042',
    );
  });

  it('blank after trimming is no number: the key is dropped, not an error', () => {
    for (const blank of ['', '   ', ' \t\n ']) {
      const data = ok(input({ earlierReference: blank }));
      assert.equal('earlierReference' in data, false, JSON.stringify(blank));
    }
  });

  it(`is at most ${LIMITS.earlierReferenceMax} characters → too_long with the limit`, () => {
    assert.equal(LIMITS.earlierReferenceMax, 50);
    assert.equal(
      ok(input({ earlierReference: ` ${'1'.repeat(50)} ` })).earlierReference?.length,
      50,
    );
    expectIssues(input({ earlierReference: '1'.repeat(51) }), [
      { path: ['earlierReference'], code: 'too_long', params: { max: 50 } },
    ]);
  });

  for (const [label, text] of [
    ['a line break', 'KS 2026/123\r\nBcc: x@y.se'],
    ['a tab', 'KS\t2026/123'],
    ['NUL', 'KS\u00002026/123'],
    ['ESC', 'KS \u001b[31m2026/123'],
    ['a line separator', 'KS 2026/123\u2028Bcc: x@y.se'],
    ['a paragraph separator', 'KS 2026/123\u2029x'],
    ['a right-to-left override', 'KS 2026/\u202e321'],
    ['a left-to-right embedding', 'KS \u202a2026/123'],
    ['a first-strong isolate', 'KS \u20682026/123\u2069'],
    ['a lone surrogate', 'KS \ud8002026'],
  ] as const) {
    it(`${label} in it → invalid_characters`, () => {
      expectIssues(input({ earlierReference: text }), [
        { path: ['earlierReference'], code: 'invalid_characters' },
      ]);
    });
  }

  it('åäö, slashes, colons and angle brackets are ordinary text (receivers escape them)', () => {
    for (const text of ['Dnr BUN 2026:17', 'Ärende ÅÄÖ-1/2', '<script>]]>&amp;']) {
      assert.equal(ok(input({ earlierReference: text })).earlierReference, text);
    }
  });

  it('a number or a list → invalid_type', () => {
    expectIssues(input({ earlierReference: 123 }), [
      { path: ['earlierReference'], code: 'invalid_type' },
    ]);
    expectIssues(input({ earlierReference: ['KS 2026/123'] }), [
      { path: ['earlierReference'], code: 'invalid_type' },
    ]);
  });

  it('is reported with the other problems at once', () => {
    expectIssues(input({ earlierReference: 'x'.repeat(51), message: '' }), [
      { path: ['message'], code: 'required' },
      { path: ['earlierReference'], code: 'too_long', params: { max: 50 } },
    ]);
  });
});

describe('serious: staff judge a complaint they register serious', () => {
  const byStaff = (extra: Input = {}) => input({ channel: 'phone', ...extra });

  it('is optional; true on a complaint staff register is kept', () => {
    assert.equal('serious' in ok(byStaff()), false);
    for (const channel of CHANNELS.filter((c) => c !== 'web')) {
      assert.equal(ok(byStaff({ channel, serious: true })).serious, true, channel);
    }
  });

  it('on a complaint sent through the web form → invalid_value: it is staff’s judgement', () => {
    expectIssues(input({ serious: true }), [{ path: ['serious'], code: 'invalid_value' }]);
  });

  it('on praise or a suggestion → invalid_value, even from staff', () => {
    for (const kind of ['praise', 'suggestion']) {
      expectIssues(byStaff({ kind, serious: true }), [
        { path: ['serious'], code: 'invalid_value' },
      ]);
    }
  });

  it('only true: false, a string or a number → invalid_value (absent is not serious)', () => {
    for (const value of [false, 'true', 1]) {
      const result = parseSubmission(byStaff({ serious: value }));
      assert.equal(result.success, false, JSON.stringify(value));
      if (!result.success) {
        assert.deepEqual(
          result.issues.map(({ path, code }) => ({ path, code })),
          [{ path: ['serious'], code: 'invalid_value' }],
          JSON.stringify(value),
        );
      }
    }
  });

  it('is reported with the other problems at once', () => {
    expectIssues(input({ serious: true, place: 7 }), [
      { path: ['place'], code: 'invalid_type' },
      { path: ['serious'], code: 'invalid_value' },
    ]);
  });
});

describe('unknown and dangerous keys', () => {
  it('an unknown key at the top → unknown_key', () => {
    expectIssues(input({ personnummer: '19800101-1234' }), [
      { path: ['personnummer'], code: 'unknown_key' },
    ]);
  });

  it('an unknown key inside reply and inside an attachment → unknown_key', () => {
    expectIssues(input({ reply: byEmail({ extra: 1 }) }), [
      { path: ['reply', 'extra'], code: 'unknown_key' },
    ]);
    expectIssues(input({ attachments: [png({ url: 'x' })] }), [
      { path: ['attachments', 0, 'url'], code: 'unknown_key' },
    ]);
  });

  it('a __proto__ key from JSON.parse at the top → unknown_key, and nothing is polluted', () => {
    const json = JSON.stringify(input()).replace('{', '{"__proto__":{"polluted":true},');
    const value: unknown = JSON.parse(json);
    expectIssues(value, [{ path: ['__proto__'], code: 'unknown_key' }]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('never throws on huge bodies: many objects in an array, or many keys', () => {
    // Each gave "Maximum call stack size exceeded" once: the walk for prototype keys spread
    // every child's findings into one call.
    const many = JSON.parse(
      `{"attachments":[${Array(200_000).fill('{"constructor":1}').join(',')}]}`,
    );
    const inArray = parseSubmission(many);
    assert.ok(!inArray.success);
    assert.ok(
      inArray.issues.some((i) => i.path[0] === 'attachments' && i.code === 'too_many_files'),
    );
    const keys: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i += 1) keys[`k${i}`] = JSON.parse('{"__proto__":1}');
    const wide = parseSubmission(keys);
    assert.ok(!wide.success);
    assert.deepEqual(
      wide.issues.find((i) => i.path[0] === 'k7' && i.path[1] === '__proto__'),
      { path: ['k7', '__proto__'], code: 'unknown_key' },
    );
  });

  it('a __proto__ key nested inside reply → unknown_key at reply.__proto__', () => {
    const json = JSON.stringify(input({ reply: byEmail() })).replace(
      '"reply":{',
      '"reply":{"__proto__":{"wanted":false},',
    );
    expectIssues(JSON.parse(json), [{ path: ['reply', '__proto__'], code: 'unknown_key' }]);
  });

  it('a __proto__ key inside an attachment → unknown_key at its path', () => {
    const json = JSON.stringify(input({ attachments: [png()] })).replace(
      '"name":',
      '"__proto__":{},"name":',
    );
    expectIssues(JSON.parse(json), [
      { path: ['attachments', 0, '__proto__'], code: 'unknown_key' },
    ]);
  });

  it('a constructor or prototype key → unknown_key', () => {
    expectIssues(input({ constructor: { prototype: {} } }), [
      { path: ['constructor'], code: 'unknown_key' },
    ]);
    expectIssues(input({ reply: { wanted: false, prototype: 1 } }), [
      { path: ['reply', 'prototype'], code: 'unknown_key' },
    ]);
  });
});

describe('phone numbers', () => {
  const e164 = (phone: string) => {
    const data = ok(input({ reply: byPhone({ phone }) }));
    return data.reply.wanted ? data.reply.phone : undefined;
  };

  const swedish: [string, string][] = [
    ['070-123 45 67', '+46701234567'],
    ['0701234567', '+46701234567'],
    ['070 123 45 67', '+46701234567'],
    ['070-1234567', '+46701234567'],
    ['(070) 123 45 67', '+46701234567'],
    ['070.123.45.67', '+46701234567'],
    ['070/123 45 67', '+46701234567'],
    ['070\u00a0123\u00a045\u00a067', '+46701234567'],
    ['  0701234567  ', '+46701234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['+46701234567', '+46701234567'],
    ['+46 (0)70-123 45 67', '+46701234567'],
    ['+46(0)701234567', '+46701234567'],
    // The trunk 0 after +46 without brackets, as people who know both forms often write it.
    ['+46 070-123 45 67', '+46701234567'],
    ['+46 08-123 456 78', '+46812345678'],
    ['0046 70 123 45 67', '+46701234567'],
    ['0046701234567', '+46701234567'],
    ['08-123 456 78', '+46812345678'],
    ['08 12 34 56', '+468123456'],
    ['031-123 45 67', '+46311234567'],
    ['0480-123 45', '+4648012345'],
    ['+46 8 123 456 78', '+46812345678'],
    // Dashes a phone keyboard or a word processor makes of "-".
    ['070\u2013123 45 67', '+46701234567'],
    ['070\u2011123\u00a045\u00a067', '+46701234567'],
    ['08\u2212123 456 78', '+46812345678'],
  ];
  for (const [raw, expected] of swedish) {
    it(`Swedish ${JSON.stringify(raw)} → ${expected}`, () => {
      assert.equal(e164(raw), expected);
    });
  }

  const international: [string, string][] = [
    ['+47 412 34 567', '+4741234567'],
    ['0047 412 34 567', '+4741234567'],
    ['+358 40 123 4567', '+358401234567'],
    ['+1 (202) 555-0143', '+12025550143'],
    // The trunk 0 in brackets, as business cards abroad write it, is not dialled.
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+358 (0)40 123 4567', '+358401234567'],
    ['0049 (0)30 1234567', '+49301234567'],
    // Italy dials its 0 from abroad too: only a bracketed one goes.
    ['+39 06 1234 5678', '+390612345678'],
  ];
  for (const [raw, expected] of international) {
    it(`international ${JSON.stringify(raw)} → ${expected}`, () => {
      assert.equal(e164(raw), expected);
    });
  }

  const rejected = [
    'abc',
    '070-ABC 45 67',
    'ring mig',
    '070123', // too short
    '12345',
    '112',
    '+4670123', // too short after +46
    '070 123 45 6', // a mobile number one digit short: seven digits follow 070
    '072-123 45 6', // and every other mobile prefix: 072, 076, 079
    '076-123 45 6',
    '079-123 45 6',
    '+46 73 123 45 678', // and not eight
    '07012345678901', // too long
    '+46701234567890', // too long for Sweden
    '+1234567890123456', // longer than E.164 allows
    '+460', // +46 then the trunk 0 and nothing
    '+46 00 70 123 45 67', // +46 (0)0…: no Swedish number starts with 00
    '+0123456789', // a country code never starts with 0
    '+',
    '070-123 45 67 ankn. 2',
  ];
  for (const raw of rejected) {
    it(`rejects ${JSON.stringify(raw)} → invalid_phone`, () => {
      expectIssues(input({ reply: byPhone({ phone: raw }) }), [
        { path: ['reply', 'phone'], code: 'invalid_phone' },
      ]);
    });
  }

  it('empty → required; longer than 40 characters → too_long', () => {
    expectIssues(input({ reply: byPhone({ phone: '  ' }) }), [
      { path: ['reply', 'phone'], code: 'required' },
    ]);
    expectIssues(input({ reply: byPhone({ phone: '0'.repeat(41) }) }), [
      { path: ['reply', 'phone'], code: 'too_long', params: { max: 40 } },
    ]);
  });

  // What a clerk reads in the mail: the national form Swedes dial, grouped as they write it.
  const national: [string, string][] = [
    ['+46701234567', '070-123 45 67'],
    ['+46812345678', '08-123 456 78'],
    ['+468123456', '08-12 34 56'],
    ['+46311234567', '031-123 45 67'],
    ['+4631123456', '031-12 34 56'],
    ['+4648012345', '0480-123 45'],
    ['+46480123456', '0480-12 34 56'],
    ['+4690123456', '090-12 34 56'],
    ['+46771567567', '0771-56 75 67'],
    ['+46900123456', '0900-12 34 56'],
    ['+4741234567', '+4741234567'],
    ['+12025550143', '+12025550143'],
  ];
  for (const [e164, expected] of national) {
    it(`formatPhone ${e164} → ${expected}, which reads back as the same number`, () => {
      assert.equal(formatPhone(e164), expected);
      assert.equal(toE164(formatPhone(e164)), e164);
    });
  }

  it('toE164 returns undefined rather than throwing', () => {
    assert.equal(toE164(''), undefined);
    assert.equal(toE164('0701234567'), '+46701234567');
  });
});

describe('postal codes', () => {
  for (const raw of [
    '11122',
    '111 22',
    'SE-111 22',
    'se-11122',
    'SE11122',
    ' 111 22 ',
    // The older country prefix, still on letters and forms.
    'S-111 22',
    'S 111 22',
  ]) {
    it(`${JSON.stringify(raw)} → '111 22'`, () => {
      const data = ok(input({ reply: byLetter({ address: { ...ADDRESS, postalCode: raw } }) }));
      assert.deepEqual(data.reply.wanted && data.reply.address, {
        ...ADDRESS,
        postalCode: '111 22',
      });
    });
  }
  for (const raw of ['01234', '1234', '111222', 'abcde', '111-22', 'DK-1050']) {
    it(`rejects ${JSON.stringify(raw)} → invalid_postal_code`, () => {
      expectIssues(input({ reply: byLetter({ address: { ...ADDRESS, postalCode: raw } }) }), [
        { path: ['reply', 'address', 'postalCode'], code: 'invalid_postal_code' },
      ]);
    });
  }
  it('toPostalCode normalises directly too', () => {
    assert.equal(toPostalCode('98131'), '981 31');
    assert.equal(toPostalCode('09131'), undefined);
  });
});

describe('e-mail addresses', () => {
  const accepted = [
    'anna@example.org',
    'a.b+synpunkt@sub.exempelkommun.se',
    'åsa.öberg@kommun.se',
    'ANNA@EXAMPLE.ORG',
  ];
  for (const email of accepted) {
    it(`accepts ${email}`, () => {
      const data = ok(input({ reply: byEmail({ email }) }));
      assert.equal(data.reply.wanted && data.reply.email, email);
    });
  }
  const refused = [
    'anna',
    'anna@example',
    'anna@example.o',
    'anna @example.org',
    '@example.org',
    'anna@@example.org',
    '<anna@example.org>',
    'anna@example.org.',
    'anna@.org',
    '"anna"@example.org',
    'anna@example.org, bo@example.org',
  ];
  for (const email of refused) {
    it(`refuses ${JSON.stringify(email)} → invalid_email`, () => {
      expectIssues(input({ reply: byEmail({ email }) }), [
        { path: ['reply', 'email'], code: 'invalid_email' },
      ]);
    });
  }
  it('is trimmed, and bounded to 254 characters', () => {
    const data = ok(input({ reply: byEmail({ email: '  anna@example.org ' }) }));
    assert.equal(data.reply.wanted && data.reply.email, 'anna@example.org');
    const long = `${'a'.repeat(243)}@example.org`;
    assert.equal(long.length, 255);
    expectIssues(input({ reply: byEmail({ email: long }) }), [
      { path: ['reply', 'email'], code: 'too_long', params: { max: 254 } },
    ]);
    assert.equal(isEmail(long.slice(1)), true);
    ok(input({ reply: byEmail({ email: long.slice(1) }) }));
  });
  it('an empty e-mail is reported as required', () => {
    const issues = issuesOf(input({ reply: byEmail({ email: ' ' }) }));
    assert.deepEqual(issues[0], { path: ['reply', 'email'], code: 'required' });
  });
});

describe('occurredAt', () => {
  for (const value of ['2026-11-20', '2026-11-20T14:30', '2024-02-29', '2026-11-20T00:00']) {
    it(`accepts ${value}`, () => {
      assert.equal(ok(input({ occurredAt: value })).occurredAt, value);
    });
  }
  const invalid = [
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-11-31',
    '2026-11-20T24:00',
    '2026-11-20T14:60',
    '2026-11-20T14:30:00Z', // an instant is not what a person remembers
    '20-11-2026',
    '2026/11/20',
    'igår',
    '',
  ];
  for (const value of invalid) {
    it(`refuses ${JSON.stringify(value)} → invalid_date`, () => {
      expectIssues(input({ occurredAt: value }), [{ path: ['occurredAt'], code: 'invalid_date' }]);
    });
  }
  it('a number → invalid_type', () => {
    expectIssues(input({ occurredAt: 20261120 }), [{ path: ['occurredAt'], code: 'invalid_type' }]);
  });
  it('after the day it was sent → date_in_future (a day of slack for time zones)', () => {
    // Sent 2026-11-25 10:00 UTC.
    assert.equal(ok(input({ occurredAt: '2026-11-25T23:59' })).occurredAt, '2026-11-25T23:59');
    assert.equal(ok(input({ occurredAt: '2026-11-26' })).occurredAt, '2026-11-26');
    expectIssues(input({ occurredAt: '2026-11-27' }), [
      { path: ['occurredAt'], code: 'date_in_future' },
    ]);
    expectIssues(input({ occurredAt: '2027-01-01T08:00' }), [
      { path: ['occurredAt'], code: 'date_in_future' },
    ]);
  });
});

describe('attachments', () => {
  it('accepts a PNG, a PDF and a JPEG whose bytes match their types', () => {
    const files = [
      png(),
      file('application/pdf', PDF, { name: 'brev.pdf' }),
      file('image/jpeg', jpeg(100)),
    ];
    assert.deepEqual(ok(input({ attachments: files })).attachments, files);
  });

  it('a PDF that claims to be a JPEG → file_type_mismatch', () => {
    expectIssues(input({ attachments: [file('image/jpeg', PDF, { name: 'foto.jpg' })] }), [
      { path: ['attachments', 0, 'type'], code: 'file_type_mismatch' },
    ]);
  });

  it('a PNG that claims to be a PDF → file_type_mismatch at its index', () => {
    expectIssues(input({ attachments: [png(), file('application/pdf', PNG)] }), [
      { path: ['attachments', 1, 'type'], code: 'file_type_mismatch' },
    ]);
  });

  it('a type that is not accepted → invalid_value with the allowed types', () => {
    expectIssues(input({ attachments: [png({ type: 'image/gif' })] }), [
      {
        path: ['attachments', 0, 'type'],
        code: 'invalid_value',
        params: { allowed: ['image/jpeg', 'image/png', 'application/pdf'] },
      },
    ]);
  });

  it('a declared size that differs from the data → file_size_mismatch', () => {
    expectIssues(input({ attachments: [png({ size: PNG.length + 1 })] }), [
      { path: ['attachments', 0, 'size'], code: 'file_size_mismatch' },
    ]);
  });

  it('a size that is not a positive whole number', () => {
    expectIssues(input({ attachments: [png({ size: 1.5 })] }), [
      { path: ['attachments', 0, 'size'], code: 'invalid_type' },
    ]);
    expectIssues(input({ attachments: [png({ size: '70' })] }), [
      { path: ['attachments', 0, 'size'], code: 'invalid_type' },
    ]);
    expectIssues(input({ attachments: [png({ size: 0 })] }), [
      { path: ['attachments', 0, 'size'], code: 'invalid_value' },
      { path: ['attachments', 0, 'size'], code: 'file_size_mismatch' },
    ]);
  });

  it('one file over 5 MiB → file_too_large; exactly 5 MiB passes', () => {
    const max = LIMITS.attachmentBytesMax;
    assert.equal(ok(input({ attachments: [file('image/jpeg', jpeg(max))] })).attachments.length, 1);
    expectIssues(input({ attachments: [file('image/jpeg', jpeg(max + 1))] }), [
      {
        path: ['attachments', 0, 'size'],
        code: 'file_too_large',
        params: { max: 5 * 1024 * 1024 },
      },
    ]);
  });

  it('more than 5 files → too_many_files; 5 pass', () => {
    assert.equal(
      ok(input({ attachments: Array.from({ length: 5 }, () => png()) })).attachments.length,
      5,
    );
    expectIssues(input({ attachments: Array.from({ length: 6 }, () => png()) }), [
      { path: ['attachments'], code: 'too_many_files', params: { max: 5 } },
    ]);
  });

  it('more than 10 MiB together → files_too_large; exactly 10 MiB passes', () => {
    const big = file('image/jpeg', jpeg(LIMITS.attachmentBytesMax));
    assert.equal(ok(input({ attachments: [big, big] })).attachments.length, 2);
    expectIssues(input({ attachments: [big, big, png()] }), [
      { path: ['attachments'], code: 'files_too_large', params: { max: 10 * 1024 * 1024 } },
    ]);
  });

  for (const data of ['not base64!', 'iVBORw0KGgo', 'iVBO\nRw0K', 'iVBORw0KGgo====']) {
    it(`data ${JSON.stringify(data)} → invalid_file_data`, () => {
      expectIssues(input({ attachments: [png({ data })] }), [
        { path: ['attachments', 0, 'data'], code: 'invalid_file_data' },
      ]);
    });
  }

  const badNames = [
    '../etc/passwd',
    'bilder/gungan.png',
    'C:\\foto.jpg',
    'a\nBcc: x@y.se',
    'a\u0000.png',
    'a\u007f.png',
    'a\r.png',
    'foto\u202egnp.exe',
    'bild\u2067.png',
    '..',
    '.',
    'a\u2028.png',
  ];
  for (const name of badNames) {
    it(`file name ${JSON.stringify(name)} → invalid_file_name`, () => {
      expectIssues(input({ attachments: [png({ name })] }), [
        { path: ['attachments', 0, 'name'], code: 'invalid_file_name' },
      ]);
    });
  }

  it('mendFileName makes every refused name but a name of dots one the check takes', () => {
    for (const name of badNames.filter((bad) => !/^\.+$/.test(bad))) {
      const mended = mendFileName(name);
      assert.equal(
        ok(input({ attachments: [png({ name: mended })] })).attachments[0]?.name,
        mended,
      );
      assert.equal(mended.length, name.length, 'one _ for each character');
    }
    assert.equal(mendFileName('gungan på lekplatsen.png'), 'gungan på lekplatsen.png');
  });

  it('file names: empty → required, too long → too_long, ordinary names pass', () => {
    expectIssues(input({ attachments: [png({ name: '  ' })] }), [
      { path: ['attachments', 0, 'name'], code: 'required' },
    ]);
    expectIssues(input({ attachments: [png({ name: `${'a'.repeat(197)}.png` })] }), [
      { path: ['attachments', 0, 'name'], code: 'too_long', params: { max: 200 } },
    ]);
    for (const name of ['Foto 2026-11-20 (1).PNG', 'gungan på lekplatsen.png', '写真.png']) {
      assert.equal(ok(input({ attachments: [png({ name })] })).attachments[0]?.name, name);
    }
  });

  it('attachments that are not a list → invalid_type', () => {
    expectIssues(input({ attachments: png() }), [{ path: ['attachments'], code: 'invalid_type' }]);
    expectIssues(input({ attachments: ['gungan.png'] }), [
      { path: ['attachments', 0], code: 'invalid_type' },
    ]);
  });
});

describe('envelope fields', () => {
  it('schemaVersion 2 → unsupported_version', () => {
    expectIssues(input({ schemaVersion: 2 }), [
      { path: ['schemaVersion'], code: 'unsupported_version' },
    ]);
    expectIssues(input({ schemaVersion: '1' }), [
      { path: ['schemaVersion'], code: 'unsupported_version' },
    ]);
    expectIssues(without('schemaVersion'), [
      { path: ['schemaVersion'], code: 'unsupported_version' },
    ]);
  });

  it('an id that is not a UUID → invalid_id', () => {
    for (const id of [
      'abc',
      '3f2b8c1e5d4a4b6c9e8f1a2b3c4d5e6f',
      '00000000-0000-0000-0000-000000000000',
      `${ID}x`,
    ]) {
      expectIssues(input({ id }), [{ path: ['id'], code: 'invalid_id' }]);
    }
    expectIssues(input({ id: 42 }), [{ path: ['id'], code: 'invalid_type' }]);
    expectIssues(without('id'), [{ path: ['id'], code: 'required' }]);
    assert.equal(ok(input({ id: ID.toUpperCase() })).id, ID.toUpperCase());
  });

  it('kind, mode and channel: unknown → invalid_value with the allowed values', () => {
    expectIssues(input({ kind: 'question' }), [
      {
        path: ['kind'],
        code: 'invalid_value',
        params: { allowed: ['praise', 'suggestion', 'complaint'] },
      },
    ]);
    expectIssues(input({ mode: 'simple' }), [
      { path: ['mode'], code: 'invalid_value', params: { allowed: ['standard', 'lattlast'] } },
    ]);
    expectIssues(input({ channel: 'fax' }), [
      {
        path: ['channel'],
        code: 'invalid_value',
        params: { allowed: ['web', 'phone', 'visit', 'letter', 'email'] },
      },
    ]);
  });

  it('kind, mode and channel: missing → required', () => {
    for (const key of ['kind', 'mode', 'channel']) {
      expectIssues(without(key), [{ path: [key], code: 'required' }]);
    }
  });

  it('locale: BCP 47 language tags', () => {
    for (const locale of ['sv', 'en', 'fi', 'fit', 'se', 'rom', 'yi', 'sv-SE', 'en-GB']) {
      assert.equal(ok(input({ locale })).locale, locale);
    }
    for (const locale of ['sv_SE', 'SV', 'swedish', 's']) {
      expectIssues(input({ locale }), [{ path: ['locale'], code: 'invalid_value' }]);
    }
    expectIssues(input({ locale: '' }), [{ path: ['locale'], code: 'required' }]);
    expectIssues(without('locale'), [{ path: ['locale'], code: 'required' }]);
  });

  it('submittedAt: an ISO 8601 instant with a zone', () => {
    assert.ok(ok(input({ submittedAt: '2026-11-25T11:00:00+01:00' })));
    assert.ok(ok(input({ submittedAt: '2028-02-29T10:00:00.123Z' })));
    for (const submittedAt of [
      'yesterday',
      '2026-11-25',
      '2026-11-25T10:00:00',
      '2026-11-25T10:00Z',
      '2026-11-25 10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T10:00:00+0100',
      '2026-11-25T10:00:00Z\n',
    ]) {
      expectIssues(input({ submittedAt }), [{ path: ['submittedAt'], code: 'invalid_date' }]);
    }
    expectIssues(without('submittedAt'), [{ path: ['submittedAt'], code: 'required' }]);
  });

  it('submittedAt is judged as zod’s ISO check judged it, without its code in the bundle', () => {
    // The sdk checks instants itself (isInstant): zod's ISO formats weigh 0.6 KB in the
    // widget's file. On every input here the two agree.
    const zod = z.iso.datetime({ offset: true });
    for (const text of [
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T10:00:00Z',
      '2026-11-25T10:00:00.123456789Z',
      '2026-11-25T11:00:00+01:00',
      '2026-11-25T11:00:00-05:30',
      '2026-11-25T10:00:00+23:59',
      '2028-02-29T10:00:00Z',
      '2026-11-25T10:00Z',
      '2026-11-25T11:00:00+0100',
      '2026-11-25T11:00:00+01',
      '2026-11-25T10:00:00+24:00',
      '2026-02-29T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T23:60:00Z',
      '2026-11-25T23:59:60Z',
      '2026-11-25 10:00:00Z',
      '2026-11-25T10:00:00z',
      '2026-11-25T10:00:00.Z',
      '2026-1-25T10:00:00Z',
      '+002026-11-25T10:00:00Z',
      '2026-11-25T10:00:00Z\n',
      '2026-11-25',
      '',
    ]) {
      assert.equal(isInstant(text), zod.safeParse(text).success, text);
    }
  });

  it('pageUrl: javascript: and other non-http addresses → invalid_url', () => {
    for (const pageUrl of [
      'javascript:alert(1)',
      'ftp://example.org/',
      'data:text/html,hi',
      '/synpunkter',
      'exempelkommun.se',
    ]) {
      expectIssues(input({ pageUrl }), [{ path: ['pageUrl'], code: 'invalid_url' }]);
    }
    assert.equal(
      ok(input({ pageUrl: 'http://localhost:8080/x' })).pageUrl,
      'http://localhost:8080/x',
    );
    expectIssues(input({ pageUrl: `https://x.se/${'a'.repeat(2000)}` }), [
      { path: ['pageUrl'], code: 'too_long', params: { max: 2000 } },
    ]);
  });

  it('reports every independent problem at once', () => {
    expectIssues(
      input({ kind: 'x', message: '', id: 'nope', pageUrl: 'javascript:void 0', extra: 1 }),
      [
        { path: ['extra'], code: 'unknown_key' },
        { path: ['id'], code: 'invalid_id' },
        {
          path: ['kind'],
          code: 'invalid_value',
          params: { allowed: ['praise', 'suggestion', 'complaint'] },
        },
        { path: ['message'], code: 'required' },
        { path: ['pageUrl'], code: 'invalid_url' },
      ],
    );
  });
});

describe('field helpers', () => {
  it('isLocalDateTime knows real dates', () => {
    assert.equal(isLocalDateTime('2028-02-29'), true);
    assert.equal(isLocalDateTime('2100-02-29'), false);
    assert.equal(isLocalDateTime('2026-04-31'), false);
  });
  it('isHttpUrl accepts http and https only', () => {
    assert.equal(isHttpUrl('https://a.se'), true);
    assert.equal(isHttpUrl('mailto:a@b.se'), false);
    assert.equal(isHttpUrl('not a url'), false);
  });
  it('sniffMediaType reads the first bytes', () => {
    assert.equal(sniffMediaType(TINY_PNG_BASE64), 'image/png');
    assert.equal(sniffMediaType(TINY_PDF_BASE64), 'application/pdf');
    assert.equal(sniffMediaType(jpeg(8).toString('base64')), 'image/jpeg');
    assert.equal(sniffMediaType(Buffer.from('GIF89a').toString('base64')), undefined);
    // A PDF starts "%PDF-" and a PNG has all eight signature bytes: a near miss is no such file.
    assert.equal(sniffMediaType(Buffer.from('%PDF1.7 ').toString('base64')), undefined);
    const png = Buffer.from(TINY_PNG_BASE64, 'base64');
    png[7] = 0;
    assert.equal(sniffMediaType(png.toString('base64')), undefined);
    assert.equal(sniffMediaType('!!!!'), undefined);
  });
  it('isBase64 and base64ByteLength agree with Buffer', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 70]) {
      const data = Buffer.alloc(length, 7).toString('base64');
      assert.equal(isBase64(data), true);
      assert.equal(base64ByteLength(data), length);
    }
    assert.equal(isBase64('abc'), false);
    assert.equal(isBase64('ab=c'), false);
  });
});

/** A small seeded generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('junk never crashes and is never accepted', () => {
  const next = random(20261218);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const keys = [
    ...Object.keys(input()),
    'wanted',
    'via',
    'email',
    'name',
    'data',
    'size',
    '__proto__',
    'constructor',
    'x',
    '',
  ];

  const junk = (depth: number): unknown => {
    const choice = Math.floor(next() * (depth > 0 ? 10 : 7));
    switch (choice) {
      case 0:
        return Math.floor(next() * 1e6) - 5e5;
      case 1:
        return pick([NaN, Infinity, -0, 1.5, 2 ** 53]);
      case 2:
        return pick([null, true, false]);
      case 3: // longer than any text field allows
        return pick(['\u0000', '\u202e', 'javascript:', '💥', 'x']).repeat(20_001);
      case 4: // empty once trimmed
        return pick(['', ' ', '\t\n', '\u00a0\u2003']);
      case 5:
        return pick([[], {}, Object.create(null) as object]);
      case 6: {
        let deep: unknown = {};
        for (let i = 0; i < 5_000; i += 1) deep = next() < 0.5 ? { a: deep } : [deep];
        return deep;
      }
      case 7:
        return Array.from({ length: Math.floor(next() * 4) + 1 }, () => junk(depth - 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = Math.floor(next() * 5); i >= 0; i -= 1) {
          Object.defineProperty(object, pick(keys), {
            value: junk(depth - 1),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        return object;
      }
    }
  };

  const cases: unknown[] = [];
  for (let i = 0; i < 150; i += 1) cases.push(junk(4));
  // A valid submission with one field replaced by junk that no field accepts.
  for (let i = 0; i < 250; i += 1) {
    const field = pick(Object.keys(input()).concat('place', 'occurredAt'));
    let value = junk(3);
    // An empty list is a valid `attachments`; everything else junk makes is valid nowhere.
    while (Array.isArray(value) && value.length === 0) value = junk(3);
    cases.push(input({ [field]: value }));
  }
  cases.push(input({ message: 'x'.repeat(5_000_000) }));
  cases.push(input({ attachments: [png({ data: 'A'.repeat(8_000_000) })] }));

  const show = (value: unknown): string => {
    try {
      return JSON.stringify(value).slice(0, 300);
    } catch {
      return String(value);
    }
  };

  it(`${cases.length} junk inputs each give issues with known codes and paths`, () => {
    const known = new Set<string>(ERROR_CODES);
    for (const [index, value] of cases.entries()) {
      let result: ReturnType<typeof parseSubmission>;
      try {
        result = parseSubmission(value);
      } catch (error) {
        assert.fail(`case ${index} threw: ${String(error)}`);
      }
      if (result.success) assert.fail(`case ${index} was accepted: ${show(value)}`);
      assert.ok(result.issues.length > 0, `case ${index} has no issues`);
      for (const issue of result.issues) {
        assert.ok(known.has(issue.code), `case ${index}: unknown code ${issue.code}`);
        assert.ok(issue.path.every((key) => typeof key === 'string' || typeof key === 'number'));
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('every problem at once, so the sender fixes them in one go', () => {
  it('a reply by letter with neither name nor address → both required', () => {
    expectIssues(input({ reply: { wanted: true, via: 'letter' } }), [
      { path: ['reply', 'name'], code: 'required' },
      { path: ['reply', 'address'], code: 'required' },
    ]);
  });

  it('a bad kind does not hide a date in the future', () => {
    expectIssues(input({ kind: 'x', occurredAt: '2027-06-01' }), [
      {
        path: ['kind'],
        code: 'invalid_value',
        params: { allowed: ['praise', 'suggestion', 'complaint'] },
      },
      { path: ['occurredAt'], code: 'date_in_future' },
    ]);
  });

  it('an empty e-mail is required, not also invalid', () => {
    expectIssues(input({ reply: byEmail({ email: '  ' }) }), [
      { path: ['reply', 'email'], code: 'required' },
    ]);
  });
});

describe('characters that could forge headers or break XML', () => {
  it('a line break in a name → invalid_characters (it could add an e-mail header)', () => {
    expectIssues(input({ reply: byEmail({ name: 'Anna\r\nBcc: x@y.se' }) }), [
      { path: ['reply', 'name'], code: 'invalid_characters' },
    ]);
    // The Unicode line and paragraph separators are line breaks too; the message may hold them.
    for (const separator of ['\u2028', '\u2029']) {
      expectIssues(input({ reply: byEmail({ name: `Anna${separator}Andersson` }) }), [
        { path: ['reply', 'name'], code: 'invalid_characters' },
      ]);
      assert.ok(ok(input({ message: `Hej.${separator}Gungan är trasig.` })));
    }
  });

  it('line breaks and tabs in the message arrive intact', () => {
    const message = 'Första stycket.\n\n\tAndra stycket.\r\nSlut.';
    assert.equal(ok(input({ message })).message, message);
  });

  for (const [label, text] of [
    ['NUL', 'a\u0000b'],
    ['ESC', 'a\u001b[31mb'],
    ['a lone surrogate', 'a\ud800b'],
    ['U+FFFF', 'a\uffffb'],
  ] as const) {
    it(`${label} in the message → invalid_characters`, () => {
      expectIssues(input({ message: text }), [{ path: ['message'], code: 'invalid_characters' }]);
    });
  }

  it('emoji and åäö are ordinary text', () => {
    assert.equal(
      ok(input({ message: 'Tack 👍 för snön på gården, Åsa!' })).message,
      'Tack 👍 för snön på gården, Åsa!',
    );
  });

  it('an e-mail with two dots in a row → invalid_email', () => {
    expectIssues(input({ reply: byEmail({ email: 'anna@exempel..se' }) }), [
      { path: ['reply', 'email'], code: 'invalid_email' },
    ]);
  });
});
