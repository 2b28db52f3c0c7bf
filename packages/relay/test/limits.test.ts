import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import {
  capabilitiesFor,
  LIMITS,
  parseReceiverLimits,
  type AdapterCapabilities,
  type ReceiverLimits,
} from '@synpunkt/sdk';
import { TINY_PNG_BASE64 } from '@synpunkt/sdk/testing';
import { createRelay, type Relay, type RelayConfigInput } from '../src/index.js';
import { captureLogger, countingAdapter, post, sample, tempDir, testConfig } from './helpers.js';

const ORIGIN = 'https://www.exempelkommun.se';

describe('GET /v1/limits: what the form may promise before anyone writes', () => {
  const tmp = tempDir();
  let relay: Relay | undefined;
  let n = 0;
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });
  after(() => tmp.cleanup());

  /** A relay whose rest targets carry these capabilities, in the order of `targets`. */
  async function start(
    targets: {
      name: string;
      areas?: string[];
      kinds?: ('praise' | 'suggestion' | 'complaint')[];
      serious?: true;
    }[],
    capabilities: AdapterCapabilities[],
    overrides: Partial<RelayConfigInput> = {},
  ): Promise<Relay> {
    const queue = [...capabilities];
    relay = await createRelay(
      testConfig(join(tmp.dir, `limits-${n++}.db`), {
        bodyLimitBytes: 16 * 1024 * 1024,
        targets: targets.map((target) => ({
          ...target,
          type: 'rest' as const,
          settings: { endpoint: `https://secret.internal/${target.name}?key=s3cret` },
        })),
        ...overrides,
      }),
      {
        log: captureLogger().log,
        adapters: { rest: () => ({ ...countingAdapter(), capabilities: queue.shift()! }) },
      },
    );
    return relay;
  }

  async function limitsOf(relay: Relay): Promise<{ response: Response; body: ReceiverLimits }> {
    const response = await relay.app.request('/v1/limits', { headers: { Origin: ORIGIN } });
    assert.equal(response.status, 200);
    const text = await response.text();
    const body = parseReceiverLimits(JSON.parse(text));
    assert.ok(body, `the sdk reads the answer: ${text}`);
    return { response: new Response(text, response), body };
  }

  it('names each target’s areas, kinds and limits, and nothing of its settings', async () => {
    const r = await start(
      [{ name: 'registrator' }, { name: 'felanmalan', areas: ['gata-park'], kinds: ['complaint'] }],
      [{}, { maxMessageLength: 4000, attachments: false }],
    );
    const { response, body } = await limitsOf(r);
    assert.deepEqual(body, {
      routes: [
        { capabilities: { attachments: { maxTotalBytes: LIMITS.attachmentsTotalBytesMax } } },
        {
          areas: ['gata-park'],
          kinds: ['complaint'],
          capabilities: { maxMessageLength: 4000, attachments: false },
        },
      ],
    });
    const raw = JSON.stringify(await response.clone().json());
    for (const secret of ['registrator', 'felanmalan', 'secret.internal', 's3cret']) {
      assert.ok(!raw.includes(secret), `the answer does not show ${secret}`);
    }
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), ORIGIN);
    assert.equal(response.headers.get('Cache-Control'), 'public, max-age=300');
    // What the form then shows for a complaint about streets, and for praise of them.
    assert.deepEqual(capabilitiesFor(body.routes, { area: 'gata-park', kind: 'complaint' }), {
      maxMessageLength: 4000,
      attachments: false,
    });
    assert.equal(
      capabilitiesFor(body.routes, { area: 'gata-park', kind: 'praise' }).maxMessageLength,
      undefined,
    );
  });

  it('says which route takes only serious complaints, and the form counts it only for one', async () => {
    const r = await start(
      [{ name: 'registrator' }, { name: 'chefer', kinds: ['complaint'], serious: true }],
      [{ attachments: false }, { maxMessageLength: 2000, attachments: false }],
    );
    const { body } = await limitsOf(r);
    assert.deepEqual(body.routes[1], {
      kinds: ['complaint'],
      serious: true,
      capabilities: { maxMessageLength: 2000, attachments: false },
    });
    assert.equal(body.routes[0]!.serious, undefined);
    assert.equal(capabilitiesFor(body.routes, { kind: 'complaint' }).maxMessageLength, undefined);
    assert.equal(
      capabilitiesFor(body.routes, { kind: 'complaint', serious: true }).maxMessageLength,
      2000,
    );
  });

  it('agrees with what the relay then refuses', async () => {
    const r = await start(
      [{ name: 'a' }, { name: 'b', areas: ['gata-park'] }],
      [{}, { maxMessageLength: 4000, attachments: false }],
    );
    const { body } = await limitsOf(r);
    const promised = capabilitiesFor(body.routes, { area: 'gata-park', kind: 'complaint' });
    const at = (message: string) => sample({ area: 'gata-park', message });
    const fits = await r.app.request('/v1/synpunkter', post(at('x'.repeat(4000))));
    assert.equal(fits.status, 201);
    const over = await r.app.request('/v1/synpunkter', post(at('x'.repeat(4001))));
    assert.equal(over.status, 422);
    assert.equal(promised.maxMessageLength, 4000);
  });

  it('lowers the files to what the relay’s own body limit lets through, so none gets 413', async () => {
    const bodyLimitBytes = 200 * 1024;
    const r = await start([{ name: 'a' }], [{ attachments: { maxCount: 3 } }], { bodyLimitBytes });
    const { body } = await limitsOf(r);
    const files = body.routes[0]!.capabilities.attachments;
    assert.ok(files, 'files are still taken');
    const max = files.maxTotalBytes!;
    assert.ok(max > 100 * 1024 && max < bodyLimitBytes, `a total of ${max} bytes`);
    // Files of exactly that total, and the longest message the sdk takes, in four-byte letters.
    const png = Buffer.from(TINY_PNG_BASE64, 'base64');
    const file = (size: number) => {
      const bytes = Buffer.concat([png, Buffer.alloc(size - png.length)]);
      return { name: 'bild.png', type: 'image/png' as const, size, data: bytes.toString('base64') };
    };
    const half = Math.floor(max / 2);
    const largest = sample({
      message: '😀'.repeat(5000),
      attachments: [file(half), file(max - half)],
    });
    const response = await r.app.request('/v1/synpunkter', post(largest));
    assert.equal(response.status, 201, await response.text());
  });

  it('says no files at all when the body limit leaves no room for any', async () => {
    const r = await start([{ name: 'a' }], [{}], { bodyLimitBytes: 64 * 1024 });
    const { body } = await limitsOf(r);
    assert.deepEqual(body.routes, [{ capabilities: { attachments: false } }]);
  });

  it('answers without counting against the rate limit, and only to allowed origins', async () => {
    const r = await start([{ name: 'a' }], [{}], { rateLimit: { windowMs: 60_000, max: 1 } });
    for (let i = 0; i < 5; i++) await limitsOf(r);
    const first = await r.app.request('/v1/synpunkter', post(sample()));
    assert.equal(first.status, 201, 'the one request the limit allows is still there');
    const elsewhere = await r.app.request('/v1/limits', {
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(elsewhere.status, 403);
  });
});
