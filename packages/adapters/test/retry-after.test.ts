// Retry-After in the forms backends really send, through each HTTP adapter against a real server
// on loopback: the wait the caller (the relay's outbox) is given must be one it can act on.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Adapter } from '@synpunkt/sdk';
import { adapterFailure, sampleSubmission } from '@synpunkt/sdk/testing';
import { artviseAdapter } from '../src/artvise/index.js';
import { open311Adapter } from '../src/open311/index.js';
import { restAdapter } from '../src/rest/index.js';
import { RETRY_AFTER_MAX_MS, retryAfterMsOf } from '../src/shared/retry-after.js';

const DAY = 24 * 60 * 60 * 1000;
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('Retry-After as each adapter reads it', () => {
  let server: Server;
  let header = '';
  let url = '';
  before(async () => {
    // Every call is refused with 503 and the Retry-After under test.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(503, { 'Retry-After': header, 'Content-Type': 'text/plain' });
        response.end('Underhåll');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const adapters: [string, () => Adapter][] = [
    ['rest', () => restAdapter({ endpoint: `${url}/v1`, retries: 0 })],
    [
      'open311',
      () => open311Adapter({ baseUrl: `${url}/v2`, apiKey: 'k', serviceCodes: { default: 's' } }),
    ],
    [
      'artvise',
      () =>
        artviseAdapter({
          endpoint: `${url}/MercuryAPI/Service.svc`,
          apiKey: 'k',
          inboxes: { default: guid(1) },
          caseCategories: {
            praise: { diaryPlanItemGuid: guid(11) },
            suggestion: { diaryPlanItemGuid: guid(12) },
            complaint: { diaryPlanItemGuid: guid(13) },
          },
          mediaTypes: { web: guid(31) },
        }),
    ],
  ];

  for (const [name, make] of adapters) {
    it(`${name}: a wait of years is asked again after a day, not scheduled for the year 5000`, async () => {
      header = '99999999999';
      const error = await adapterFailure(make().submit(sampleSubmission()));
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.retryAfterMs, DAY);
    });

    it(`${name}: Unix seconds, as some rate limiters send them, are the moment to come back`, async () => {
      header = String(Math.floor(Date.now() / 1000) + 90);
      const error = await adapterFailure(make().submit(sampleSubmission()));
      const wait = error.retryAfterMs ?? -1;
      assert.ok(wait > 80_000 && wait <= 90_000, `retryAfterMs ${wait}`);
    });

    it(`${name}: a value that is neither seconds nor a date gives no wait`, async () => {
      header = '-1';
      const error = await adapterFailure(make().submit(sampleSubmission()));
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterMs, undefined);
    });
  }

  it('reads seconds, an HTTP date, and nothing from what is neither', () => {
    const now = Date.parse('2026-12-07T05:00:00Z');
    assert.equal(retryAfterMsOf('120', now), 120_000);
    assert.equal(retryAfterMsOf(' 1.5 ', now), 1_500);
    assert.equal(retryAfterMsOf('Mon, 07 Dec 2026 05:02:00 GMT', now), 120_000);
    assert.equal(retryAfterMsOf('Mon, 07 Dec 2026 04:00:00 GMT', now), 0);
    assert.equal(retryAfterMsOf(String(now / 1000 + 60), now), 60_000);
    assert.equal(retryAfterMsOf('Fri, 01 Jan 2100 00:00:00 GMT', now), RETRY_AFTER_MAX_MS);
    for (const odd of ['', '-1', '120, 120', 'soon', '1e3', undefined, null]) {
      assert.equal(retryAfterMsOf(odd, now), undefined, String(odd));
    }
  });
});
