import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  capabilitiesFor,
  createClient,
  parseReceiverLimits,
  tightestCapabilities,
  type Adapter,
  type AdapterCapabilities,
  type RouteLimits,
  type SubmissionDraft,
} from '../src/index.js';
import { TINY_PNG_BASE64 } from '../src/testing/index.js';

// A municipality's relay: everything by e-mail to the registry, fault reports about streets
// also to an Open311 system that takes 4 000 characters and no files, and complaints about
// elderly care also to a manager whose mailbox takes two files of at most 1 MB.
const ROUTES: RouteLimits[] = [
  { capabilities: {} },
  { areas: ['gata-park'], capabilities: { maxMessageLength: 4000, attachments: false } },
  {
    areas: ['aldreomsorg'],
    kinds: ['complaint'],
    capabilities: { attachments: { maxCount: 2, maxBytes: 1_048_576, types: ['application/pdf'] } },
  },
];

describe('tightestCapabilities', () => {
  it('takes the lowest of each limit, the types every route takes, and no files if one takes none', () => {
    assert.deepEqual(tightestCapabilities([]), {});
    assert.deepEqual(tightestCapabilities([{}, { maxMessageLength: 4000 }]), {
      maxMessageLength: 4000,
    });
    assert.deepEqual(
      tightestCapabilities([
        {
          maxMessageLength: 5000,
          attachments: { maxCount: 3, types: ['image/png', 'image/jpeg'] },
        },
        { maxMessageLength: 4000, attachments: { maxCount: 4, maxTotalBytes: 100 } },
        { attachments: { types: ['application/pdf', 'image/png'] } },
      ]),
      {
        maxMessageLength: 4000,
        attachments: { types: ['image/png'], maxCount: 3, maxTotalBytes: 100 },
      },
    );
    assert.deepEqual(tightestCapabilities([{ attachments: {} }, { attachments: false }]), {
      attachments: false,
    });
  });

  it('routes with no type in common take no files at all', () => {
    assert.deepEqual(
      tightestCapabilities([
        { attachments: { types: ['image/png'] } },
        { attachments: { types: ['application/pdf'] } },
      ]),
      { attachments: false },
    );
  });
});

describe('capabilitiesFor', () => {
  it('is what every route the synpunkt goes to can carry', () => {
    assert.deepEqual(capabilitiesFor(ROUTES, { area: 'skola', kind: 'complaint' }), {});
    assert.deepEqual(capabilitiesFor(ROUTES, { area: 'gata-park', kind: 'praise' }), {
      maxMessageLength: 4000,
      attachments: false,
    });
    assert.deepEqual(capabilitiesFor(ROUTES, { area: 'aldreomsorg', kind: 'praise' }), {});
    assert.deepEqual(capabilitiesFor(ROUTES, { area: 'aldreomsorg', kind: 'complaint' }), {
      attachments: { types: ['application/pdf'], maxCount: 2, maxBytes: 1_048_576 },
    });
  });

  it('counts an area or kind not chosen yet as any, so it never promises too much', () => {
    assert.deepEqual(capabilitiesFor(ROUTES, { kind: 'praise' }), {
      maxMessageLength: 4000,
      attachments: false,
    });
    assert.deepEqual(capabilitiesFor(ROUTES, { area: 'aldreomsorg' }), {
      attachments: { types: ['application/pdf'], maxCount: 2, maxBytes: 1_048_576 },
    });
    assert.deepEqual(capabilitiesFor([], {}), {});
  });
});

describe('capabilitiesFor: a route for serious complaints only', () => {
  // The same relay, and serious complaints also to the managers' mailbox: no files at all.
  const WITH_MANAGERS: RouteLimits[] = [
    ...ROUTES,
    { kinds: ['complaint'], serious: true, capabilities: { attachments: false } },
  ];

  it('counts only for a complaint marked serious', () => {
    assert.deepEqual(
      capabilitiesFor(WITH_MANAGERS, { area: 'skola', kind: 'complaint', serious: true }),
      { attachments: false },
    );
    assert.deepEqual(capabilitiesFor(WITH_MANAGERS, { area: 'skola', kind: 'complaint' }), {});
    assert.deepEqual(
      capabilitiesFor(WITH_MANAGERS, { area: 'skola', kind: 'complaint', serious: false }),
      {},
    );
  });

  it('does not count while nothing is marked serious, even before a kind is chosen', () => {
    assert.deepEqual(capabilitiesFor(WITH_MANAGERS, {}), {
      maxMessageLength: 4000,
      attachments: false,
    });
    assert.deepEqual(capabilitiesFor(WITH_MANAGERS, { area: 'skola' }), {});
  });
});

describe('parseReceiverLimits', () => {
  it('reads a route for serious complaints only', () => {
    const routes: RouteLimits[] = [
      { capabilities: {} },
      { kinds: ['complaint'], serious: true, capabilities: { maxMessageLength: 2000 } },
    ];
    assert.deepEqual(parseReceiverLimits({ routes }), { routes });
    assert.equal(
      parseReceiverLimits({ routes: [{ serious: 'yes', capabilities: {} }] }),
      undefined,
    );
  });

  it('reads the relay’s answer and ignores members it does not know', () => {
    const answer = { routes: ROUTES.map((route) => ({ ...route, name: 'secret?' })), version: 2 };
    assert.deepEqual(parseReceiverLimits(JSON.parse(JSON.stringify(answer))), { routes: ROUTES });
  });

  it('gives undefined for anything else, so a form keeps the limits it has', () => {
    for (const value of [
      undefined,
      null,
      '<html>Bad gateway</html>',
      {},
      { routes: {} },
      { routes: [{}] },
      { routes: [{ capabilities: { maxMessageLength: -1 } }] },
      { routes: [{ capabilities: { maxMessageLength: 1.5 } }] },
      { routes: [{ capabilities: { attachments: true } }] },
      { routes: [{ kinds: ['question'], capabilities: {} }] },
      { routes: [{ capabilities: { attachments: { types: ['text/html'] } } }] },
    ]) {
      assert.equal(parseReceiverLimits(value), undefined, JSON.stringify(value));
    }
  });
});

describe('createClient with limits learned later', () => {
  it('checks against the adapter’s capabilities as they are at each check', () => {
    let known: AdapterCapabilities = {};
    const adapter: Adapter = {
      name: 'learning',
      get capabilities() {
        return known;
      },
      submit: () => Promise.reject(new Error('not in this test')),
    };
    const client = createClient({ adapter });
    const draft: SubmissionDraft = {
      kind: 'complaint',
      area: 'gata-park',
      message: 'Gungan är trasig.',
      reply: { wanted: false },
      locale: 'sv',
      mode: 'standard',
      channel: 'web',
      pageUrl: 'https://www.exempelkommun.se/synpunkter',
      attachments: [{ name: 'gungan.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 }],
    };
    assert.deepEqual(client.validate(draft), []);
    known = { attachments: false };
    assert.deepEqual(client.capabilities, { attachments: false });
    assert.deepEqual(client.validate(draft), [
      { path: ['attachments'], code: 'files_not_supported' },
    ]);
  });
});
