import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AdapterError, PROBLEM_CONTENT_TYPE, type Submission } from '@synpunkt/sdk';
import {
  adapterFailure,
  runAdapterConformance,
  sampleAnonymous,
  sampleSubmission,
  TINY_PNG_BASE64,
} from '@synpunkt/sdk/testing';
import { MAX_RETRY_AFTER_MS, restAdapter, type RestAdapterConfig } from '../src/rest/index.js';
import { startRestPeer, type RestPeer } from './peers/rest-peer.js';
import { endless } from './peers/endless.js';
import { startRedirector } from './peers/redirector.js';

/** Waits (polling, no fixed sleep) until the peer has seen `count` requests. */
async function untilSeen(peer: RestPeer, count: number): Promise<void> {
  while (peer.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

const problemJson = (body: object) => ({
  status: (body as { status: number }).status,
  headers: { 'Content-Type': PROBLEM_CONTENT_TYPE },
  body: JSON.stringify(body),
});

// --- The sdk's conformance kit, against a real HTTP endpoint on loopback. ---------------------

/** Runs the kit against a fresh endpoint, with the capabilities the adapter is told of. */
function conformance(name: string, capabilities?: RestAdapterConfig['capabilities']): void {
  let peer: RestPeer;
  // The endpoint answers 503 (true connection refusal is tested below), or refuses.
  const inMode = (mode: RestPeer['mode']) => async () => {
    peer.mode = mode;
    return () => {
      peer.mode = 'up';
    };
  };
  runAdapterConformance({
    name,
    setup: async () => {
      peer = await startRestPeer();
    },
    teardown: () => peer.close(),
    createAdapter: () =>
      restAdapter({ endpoint: peer.url, retries: 1, ...(capabilities ? { capabilities } : {}) }),
    received: async (id) => peer.received(id),
    outage: inMode('down'),
    refuse: inMode('refusing'),
  });
}

conformance('rest');
// An endpoint that declares what it cannot carry: the kit sends more than that.
conformance('rest with declared limits', { maxMessageLength: 4000, attachments: false });

// --- The wire format and its failure modes. ---------------------------------------------------

describe('rest adapter against a real endpoint', () => {
  let peer: RestPeer;
  const adapter = (config: Partial<RestAdapterConfig> = {}) =>
    restAdapter({ endpoint: peer.url, ...config });

  before(async () => {
    peer = await startRestPeer();
  });
  after(() => peer.close());
  beforeEach(() => peer.reset());

  it('POSTs the submission as JSON with its id as Idempotency-Key and returns the receipt', async () => {
    const submission = sampleSubmission();
    const receipt = await adapter({ headers: { 'X-Api-Key': 'hemlig' } }).submit(submission);

    const [seen] = peer.triesOf(submission.id);
    assert.ok(seen);
    assert.equal(seen.method, 'POST');
    assert.equal(seen.headers['idempotency-key'], submission.id);
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.match(seen.headers.accept ?? '', /application\/json/);
    assert.match(seen.headers.accept ?? '', /application\/problem\+json/);
    assert.equal(seen.headers['x-api-key'], 'hemlig', 'configured headers are sent');
    assert.deepEqual(JSON.parse(seen.body), submission);

    assert.equal(receipt.id, submission.id);
    assert.match(receipt.reference, /^SYN-2026-\d{6}$/);
    assert.match(receipt.replyBy ?? '', /^\d{4}-\d{2}-\d{2}$/, 'replyBy is passed on');
  });

  it('carries the earlier case number in the JSON as sent: <script>, ]]> and quotes intact; none when not given', async () => {
    const earlierReference = 'KS <script>1</script> ]]> "x" & \u00e5';
    const submission = sampleSubmission({ earlierReference });
    await adapter().submit(submission);
    const [seen] = peer.triesOf(submission.id);
    assert.ok(seen);
    assert.equal((JSON.parse(seen.body) as Submission).earlierReference, earlierReference);
    assert.equal(peer.received(submission.id)[0]?.earlierReference, earlierReference);

    const without = sampleSubmission();
    await adapter().submit(without);
    assert.doesNotMatch(peer.triesOf(without.id)[0]?.body ?? '', /earlierReference/);
  });

  it('carries a complaint staff marked serious as serious: true; an ordinary one without the key', async () => {
    const submission = sampleSubmission({ channel: 'phone', serious: true });
    await adapter().submit(submission);
    const [seen] = peer.triesOf(submission.id);
    assert.ok(seen);
    assert.equal((JSON.parse(seen.body) as Submission).serious, true);
    assert.equal(peer.received(submission.id)[0]?.serious, true);

    const ordinary = sampleSubmission({ channel: 'phone' });
    await adapter().submit(ordinary);
    assert.doesNotMatch(peer.triesOf(ordinary.id)[0]?.body ?? '', /serious/);
  });

  it('leaves replyBy out when the endpoint gives none (anonymous)', async () => {
    const receipt = await adapter().submit(sampleAnonymous());
    assert.equal('replyBy' in receipt, false);
  });

  it('retries 503 twice, then delivers once with the same Idempotency-Key and body', async () => {
    const submission = sampleSubmission();
    const unavailable = problemJson({ type: 'about:blank', title: 'Busy', status: 503 });
    peer.script(unavailable, unavailable);

    const receipt = await adapter({ retries: 2 }).submit(submission);

    const tries = peer.triesOf(submission.id);
    assert.deepEqual(
      tries.map((t) => t.status),
      [503, 503, 201],
    );
    assert.ok(
      tries.every((t) => t.key === submission.id),
      'every try carries the same key',
    );
    assert.ok(
      tries.every((t) => t.bytes.equals(tries[0]!.bytes)),
      'every try sends the same bytes',
    );
    assert.equal(peer.received(submission.id).length, 1, 'one record');
    assert.equal(receipt.id, submission.id);
  });

  it('retries a 408 and any 5xx (a CDN’s 520 too), then delivers once', async () => {
    const submission = sampleSubmission();
    peer.script({ status: 408, body: 'Request Timeout' }, { status: 520, body: 'Unknown error' });

    const receipt = await adapter({ retries: 2 }).submit(submission);

    assert.deepEqual(
      peer.triesOf(submission.id).map((t) => t.status),
      [408, 520, 201],
    );
    assert.equal(receipt.id, submission.id);
  });

  it('a 408 that persists is unavailable and retryable, not a refusal', async () => {
    peer.script({ status: 408, body: 'Request Timeout' });

    const error = await adapterFailure(adapter({ retries: 0 }).submit(sampleSubmission()));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.status, 408);
  });

  it('honours Retry-After on 429: the second try comes after the advertised second', async () => {
    const submission = sampleSubmission();
    peer.mode = 'throttling';

    await adapter().submit(submission);

    const tries = peer.triesOf(submission.id);
    assert.deepEqual(
      tries.map((t) => t.status),
      [429, 201],
    );
    const waited = tries[1]!.at - tries[0]!.at;
    // Lower bound only. ky's own backoff would have waited 300 ms; a few ms of clock rounding allowed.
    assert.ok(waited >= 990, `the adapter waited ${Math.round(waited)} ms, Retry-After said 1 s`);
  });

  it('does not sit out a Retry-After beyond the cap: unavailable at once, with retryAfterMs', async () => {
    const submission = sampleSubmission();
    const slowDown = {
      status: 429,
      headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': '120' },
      body: JSON.stringify({ type: 'about:blank', title: 'Slow down', status: 429 }),
    };
    peer.script(slowDown, slowDown, slowDown);

    const error = await adapterFailure(adapter({ retries: 2 }).submit(submission));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.status, 429);
    assert.ok(120_000 > MAX_RETRY_AFTER_MS);
    assert.equal(error.retryAfterMs, 120_000, 'the caller learns how long to wait');
    assert.equal(peer.triesOf(submission.id).length, 1, 'no second try while asked to wait');
  });

  it('reads Retry-After as an HTTP date when 503 persists', async () => {
    const submission = sampleSubmission();
    peer.script({
      status: 503,
      headers: { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() },
      body: 'Service Unavailable',
    });

    const error = await adapterFailure(adapter({ retries: 0 }).submit(submission));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.status, 503);
    // The date has whole seconds: between 29 and 30 s from when it was written.
    assert.ok(
      error.retryAfterMs !== undefined &&
        error.retryAfterMs > 25_000 &&
        error.retryAfterMs <= 30_000,
      `retryAfterMs was ${error.retryAfterMs}`,
    );
  });

  it('maps a 422 problem with field errors to an invalid AdapterError with sdk codes and paths', async () => {
    const good = sampleSubmission();
    const bad = {
      ...good,
      reply: { wanted: true, via: 'email', name: 'Anna', email: 'inte-en-adress' },
    } as unknown as Submission;

    const error = await adapterFailure(adapter().submit(bad));

    assert.equal(error.reason, 'invalid');
    assert.equal(error.retryable, false);
    assert.equal(error.status, 422);
    assert.deepEqual(
      error.issues.map((issue) => ({ path: issue.path, code: issue.code })),
      [{ path: ['reply', 'email'], code: 'invalid_email' }],
    );
    assert.equal(peer.received(good.id).length, 0, 'nothing stored');
    assert.equal(peer.triesOf(good.id).length, 1, 'a refusal is not retried');
  });

  it('drops codes the sdk does not know from a problem, keeping the known ones', async () => {
    peer.script(
      problemJson({
        type: 'https://example.org/problems/invalid',
        title: 'Invalid',
        status: 422,
        errors: [
          { path: ['message'], code: 'too_long', params: { max: 4000 } },
          { path: ['kind'], code: 'mood_not_good' },
          { path: ['place'], message: 'no code at all' },
        ],
      }),
    );

    const error = await adapterFailure(adapter().submit(sampleSubmission()));

    assert.equal(error.reason, 'invalid');
    assert.equal(error.problemType, 'https://example.org/problems/invalid');
    assert.deepEqual(error.issues, [
      { path: ['message'], code: 'too_long', params: { max: 4000 } },
    ]);
  });

  it('a Retry-After date already past is no wait at all, never a negative one', async () => {
    peer.script({
      status: 503,
      headers: { 'Retry-After': new Date(Date.now() - 60_000).toUTCString() },
      body: 'Service Unavailable',
    });

    const error = await adapterFailure(adapter({ retries: 0 }).submit(sampleSubmission()));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryAfterMs, 0);
  });

  it('a 409 is a rejection even when its problem lists field errors: the key is spent, never resend', async () => {
    peer.script(
      problemJson({
        type: 'https://example.org/problems/conflict',
        title: 'Conflict',
        status: 409,
        errors: [{ path: ['message'], code: 'too_long', params: { max: 4000 } }],
      }),
    );

    const error = await adapterFailure(adapter().submit(sampleSubmission()));

    assert.equal(error.reason, 'rejected');
    assert.equal(error.retryable, false);
    assert.equal(error.status, 409);
    assert.deepEqual(error.issues, []);
  });

  it('refuses with 409 when the same id arrives with another body, and keeps the first', async () => {
    const submission = sampleSubmission();
    const first = await adapter().submit(submission);

    const error = await adapterFailure(
      adapter().submit({ ...submission, message: 'Något helt annat.' }),
    );

    assert.equal(error.reason, 'rejected');
    assert.equal(error.retryable, false);
    assert.equal(error.status, 409);
    const [stored] = peer.received(submission.id);
    assert.equal(stored?.message, submission.message, 'the first body is kept');
    assert.equal((await adapter().submit(submission)).reference, first.reference);
  });

  it('maps other 4xx answers to a non-retryable rejection', async () => {
    peer.mode = 'refusing';
    const refused = await adapterFailure(adapter().submit(sampleSubmission()));
    assert.equal(refused.reason, 'rejected');
    assert.equal(refused.retryable, false);
    assert.equal(refused.status, 400);
    assert.match(refused.message, /We take no more/, 'the problem title is in the log line');
    assert.equal(
      refused.problemType,
      'https://example.org/problems/closed',
      'the problem type tells refusals with the same status apart',
    );
    peer.mode = 'up';

    const wrongPath = await adapterFailure(
      restAdapter({ endpoint: peer.url.replace('/v1/synpunkter', '/fel') }).submit(
        sampleSubmission(),
      ),
    );
    assert.equal(wrongPath.reason, 'rejected');
    assert.equal(wrongPath.status, 404);
  });

  it('never follows a redirect: the submission and its key go nowhere else', async () => {
    // 300 (Multiple Choices) too: every 3xx is a redirect to refuse.
    for (const status of [300, 307]) {
      const redirector = await startRedirector(status);
      try {
        const error = await adapterFailure(
          restAdapter({
            endpoint: `${redirector.url}/v1/synpunkter`,
            headers: { 'X-Api-Key': 'hemlig' },
          }).submit(sampleSubmission()),
        );
        assert.equal(error.reason, 'configuration', `${status}`);
        assert.equal(error.retryable, false);
        assert.equal(error.status, status);
        assert.match(error.message, /redirect .*set endpoint to the final address/);
        assert.deepEqual(redirector.caught, [], 'nothing reached the other server');
      } finally {
        await redirector.close();
      }
    }
  });

  it('treats a malformed non-JSON 500 as unavailable', async () => {
    peer.script({ status: 500, headers: { 'Content-Type': 'text/html' }, body: '<h1>Oops</h1>{' });

    const error = await adapterFailure(adapter({ retries: 0 }).submit(sampleSubmission()));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.status, 500);
  });

  it('refuses a success answer that is not a receipt for this submission', async () => {
    const submission = sampleSubmission();
    peer.script(
      { status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' },
      {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          id: sampleSubmission().id,
          reference: 'SYN-1',
          receivedAt: new Date().toISOString(),
        }),
      },
    );

    for (const _ of [1, 2]) {
      const error = await adapterFailure(adapter().submit(submission));
      assert.equal(error.reason, 'rejected');
      assert.equal(error.status, 201);
    }
  });

  it('takes a receipt whose id the backend wrote in another case, and gives the id as sent', async () => {
    const submission = sampleSubmission({ id: sampleSubmission().id.toUpperCase() });
    peer.script({
      status: 201,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        id: submission.id.toLowerCase(),
        reference: 'SYN-2026-000042',
        receivedAt: new Date().toISOString(),
      }),
    });

    const receipt = await adapter().submit(submission);

    assert.equal(receipt.id, submission.id);
    assert.equal(receipt.reference, 'SYN-2026-000042');
    assert.equal(peer.triesOf(submission.id)[0]?.key, submission.id, 'the key as sent');
  });

  it('refuses a receipt with a blank reference or a receivedAt that is no time', async () => {
    const submission = sampleSubmission();
    const receipt = {
      id: submission.id,
      reference: 'SYN-2026-000042',
      receivedAt: new Date().toISOString(),
      replyBy: '2026-12-08',
    };
    const broken = [
      { ...receipt, reference: '   ' },
      { ...receipt, receivedAt: 'i går' },
    ];
    for (const body of broken) {
      peer.script({
        status: 201,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const error = await adapterFailure(adapter().submit(submission));
      assert.equal(error.reason, 'rejected', JSON.stringify(body));
      assert.equal(error.status, 201);
    }
  });

  it('takes a receipt whose replyBy is no date, and leaves the date out: the endpoint stored it', async () => {
    const submission = sampleSubmission();
    for (const replyBy of ['nästa vecka', '8 december', null, 20261208]) {
      peer.script({
        status: 201,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          id: submission.id,
          reference: 'SYN-2026-000042',
          receivedAt: new Date().toISOString(),
          replyBy,
        }),
      });
      const receipt = await adapter().submit(submission);
      assert.equal(receipt.reference, 'SYN-2026-000042', JSON.stringify(replyBy));
      assert.equal('replyBy' in receipt, false, JSON.stringify(replyBy));
    }
  });

  it('gives up after the configured timeout when the endpoint never answers: unavailable', async () => {
    peer.mode = 'silent';
    const submission = sampleSubmission();
    const started = performance.now();

    const error = await adapterFailure(adapter({ timeoutMs: 200, retries: 2 }).submit(submission));

    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    // 200 ms for the answer plus the small body's upload allowance (a few KB at 32 KB/s).
    assert.match(error.message, /within [23]\d\d ms/);
    assert.ok(performance.now() - started >= 199, 'it waited the configured time');
    assert.equal(peer.triesOf(submission.id).length, 1, 'a timed-out try is not repeated');
  });

  it('waits for a photo to go up a slow uplink: the upload is allowed on top of timeoutMs', async () => {
    // About 400 KB of PNG, read by the endpoint at 1 MB/s: ~0.4 s before it can answer.
    const png = Buffer.concat([Buffer.from(TINY_PNG_BASE64, 'base64'), Buffer.alloc(300_000)]);
    const submission = sampleSubmission({
      attachments: [
        { name: 'gungan.png', type: 'image/png', size: png.length, data: png.toString('base64') },
      ],
    });
    peer.readBytesPerSecond = 1_000_000;
    const receipt = await adapter({
      timeoutMs: 100,
      uploadBytesPerSecond: 500_000,
      retries: 0,
    }).submit(submission);
    assert.equal(receipt.id, submission.id);
    assert.equal(peer.triesOf(submission.id).length, 1);
    // The same upload with no allowance to speak of is cut off: what a phone met before.
    const again = sampleSubmission({ attachments: submission.attachments });
    const error = await adapterFailure(
      adapter({ timeoutMs: 100, uploadBytesPerSecond: 100_000_000, retries: 0 }).submit(again),
    );
    assert.equal(error.reason, 'unavailable');
  });

  it('gives a retryable error when the connection is refused, and delivers once it is back', async () => {
    const submission = sampleSubmission();
    await peer.stop();
    let error: AdapterError;
    try {
      error = await adapterFailure(adapter({ retries: 1 }).submit(submission));
    } finally {
      await peer.start();
    }
    assert.equal(error.reason, 'unavailable');
    assert.equal(error.retryable, true);
    assert.equal(error.status, undefined, 'no answer, no status');

    const receipt = await adapter().submit(submission);
    assert.equal(receipt.id, submission.id);
    assert.equal(peer.received(submission.id).length, 1);
  });

  it('rethrows the abort reason when the sender leaves mid-request (not an AdapterError)', async () => {
    peer.mode = 'silent';
    const controller = new AbortController();
    const reason = new Error('the sender left');
    const seen = peer.requests.length;

    const delivery = adapter().submit(sampleSubmission(), { signal: controller.signal });
    await untilSeen(peer, seen + 1);
    controller.abort(reason);

    await assert.rejects(delivery, (error) => error === reason);
  });

  it('honours Retry-After on 503 too: the second try comes after the advertised second', async () => {
    const submission = sampleSubmission();
    peer.script({ status: 503, headers: { 'Retry-After': '1' }, body: 'Service Unavailable' });

    await adapter({ retries: 1 }).submit(submission);

    const tries = peer.triesOf(submission.id);
    assert.deepEqual(
      tries.map((t) => t.status),
      [503, 201],
    );
    const waited = tries[1]!.at - tries[0]!.at;
    // ky's own first backoff is 300 ms; a few ms of clock rounding allowed.
    assert.ok(waited >= 990, `the adapter waited ${Math.round(waited)} ms, Retry-After said 1 s`);
  });

  it('with a signal already aborted: rejects with its reason, makes no headers and sends nothing', async () => {
    const controller = new AbortController();
    const reason = new Error('the sender left');
    controller.abort(reason);
    let made = 0;
    const headers = () => {
      made += 1;
      return { 'X-Api-Key': 'hemlig' };
    };
    const seen = peer.requests.length;

    await assert.rejects(
      adapter({ headers }).submit(sampleSubmission(), { signal: controller.signal }),
      (error) => error === reason,
    );
    assert.equal(made, 0, 'the headers function is not called');
    assert.equal(peer.requests.length, seen, 'nothing reached the endpoint');
  });

  it('rethrows the abort reason while waiting to retry', async () => {
    peer.script({ status: 503, headers: { 'Retry-After': '30' }, body: '' });
    const controller = new AbortController();
    const reason = new Error('the sender left');
    const seen = peer.requests.length;

    const delivery = adapter().submit(sampleSubmission(), { signal: controller.signal });
    await untilSeen(peer, seen + 1);
    controller.abort(reason);

    await assert.rejects(delivery, (error) => error === reason);
    assert.equal(peer.requests.length, seen + 1, 'no second try after the abort');
  });

  it('uses the configured fetch and passes declared capabilities on', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const declared = { maxMessageLength: 4000, attachments: false } as const;

    const custom = adapter({ fetch: counting, capabilities: declared });
    await custom.submit(sampleSubmission());

    assert.equal(calls, 1);
    assert.equal(custom.name, 'rest');
    assert.deepEqual(custom.capabilities, declared);
  });

  it('arrives intact: <script>, ]]>, CR/LF and emoji in the message, markup in name and place, byte for byte', async () => {
    const message =
      'Hej!\r\n<script>alert("x")</script> & ]]> <![CDATA[ 😀👩‍👧 \u00e5\u00e4\u00f6\n\tslut';
    // One-line fields refuse line breaks (the sdk's invalid_characters), so no CR/LF here.
    const name = '<b>Anna</b> "Å" Bcc: evil@example.org 😀';
    const place = '<img src=x onerror=alert(1)> ]]> Storgatan 4';
    const submission = sampleSubmission({
      message,
      place,
      reply: { wanted: true, via: 'email', name, email: 'anna@example.org' },
    });

    await adapter().submit(submission);

    const [seen] = peer.triesOf(submission.id);
    const sent = JSON.parse(seen!.body) as Submission;
    assert.ok(Buffer.from(sent.message, 'utf8').equals(Buffer.from(message, 'utf8')));
    assert.ok(Buffer.from(sent.place ?? '', 'utf8').equals(Buffer.from(place, 'utf8')));
    assert.equal(sent.reply.wanted && sent.reply.name, name);
    assert.equal(seen!.headers['idempotency-key'], submission.id, 'no user text in headers');
    assert.equal(peer.received(submission.id)[0]?.message, message);
  });

  it('arrives intact: a 10 000-character message, byte for byte', async () => {
    const head = '😀 <script>]]>\r\n';
    const message = head + 'å'.repeat(10_000 - head.length);
    assert.equal(message.length, 10_000);
    const submission = sampleSubmission({ message });

    await adapter().submit(submission);

    const [seen] = peer.triesOf(submission.id);
    const sent = JSON.parse(seen!.body) as Submission;
    assert.ok(Buffer.from(sent.message, 'utf8').equals(Buffer.from(message, 'utf8')));
    assert.equal(peer.received(submission.id)[0]?.message, message);
  });
});

// --- Answers whose body misbehaves: headers first, then a stall or no end. -------------------

/**
 * An endpoint on loopback that answers every POST with `status` and then lets `body` write (or
 * not write) the rest. The peer above always ends its answers, so these need their own.
 */
async function startAnswering(
  status: number,
  body: (response: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      body(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/synpunkter`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('rest adapter with an answer that does not end', () => {
  it(
    'gives up within the timeout when the headers come but the body stalls: unavailable, not minutes',
    { timeout: 15_000 },
    async () => {
      for (const status of [201, 503]) {
        const endpoint = await startAnswering(status, (response) => response.write('{"id":'));
        try {
          const started = performance.now();
          const error = await adapterFailure(
            restAdapter({ endpoint: endpoint.url, timeoutMs: 300, retries: 0 }).submit(
              sampleSubmission(),
            ),
          );
          assert.equal(error.reason, 'unavailable', String(status));
          assert.equal(error.retryable, true);
          // A 503 is the answer already; its body would only have added a title.
          assert.match(
            error.message,
            status === 201 ? /not the rest within \d+ ms/ : /answered 503$/,
          );
          // The try's time (300 ms and the upload allowance), not undici's five minutes.
          assert.ok(performance.now() - started < 3_000, `${status}: gave up in time`);
        } finally {
          await endpoint.close();
        }
      }
    },
  );

  it(
    'reads no more of an endless answer than a receipt could be: the try ends, memory stays',
    { timeout: 15_000 },
    async () => {
      const endpoint = await startAnswering(201, endless);
      const dead = await startAnswering(503, endless);
      try {
        const before = process.memoryUsage().rss;
        const submission = sampleSubmission();
        const refused = await adapterFailure(
          restAdapter({ endpoint: endpoint.url, timeoutMs: 5_000, retries: 0 }).submit(submission),
        );
        assert.equal(refused.reason, 'rejected');
        assert.match(refused.message, new RegExp(`without a receipt for ${submission.id}`));
        const down = await adapterFailure(
          restAdapter({ endpoint: dead.url, timeoutMs: 5_000, retries: 0 }).submit(
            sampleSubmission(),
          ),
        );
        assert.equal(down.reason, 'unavailable');
        assert.equal(down.status, 503);
        assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'no endless buffer');
      } finally {
        await endpoint.close();
        await dead.close();
      }
    },
  );
});

// --- Headers made for each submission (the widget's honeypot and proof of work). ------------

describe('rest adapter with a headers function', () => {
  let peer: RestPeer;
  const adapter = (config: Partial<RestAdapterConfig> = {}) =>
    restAdapter({ endpoint: peer.url, ...config });

  before(async () => {
    peer = await startRestPeer();
  });
  after(() => peer.close());
  beforeEach(() => peer.reset());

  it('calls it once per submit, before the first try, and sends its headers on every try', async () => {
    const submission = sampleSubmission();
    const unavailable = problemJson({ type: 'about:blank', title: 'Busy', status: 503 });
    peer.script(unavailable);
    const calls: string[] = [];
    const headers = (s: Submission) => {
      calls.push(s.id);
      return { 'Synpunkt-Pow': `losning-${calls.length}` };
    };

    await adapter({ headers, retries: 2 }).submit(submission);

    assert.deepEqual(calls, [submission.id], 'called once, with the submission');
    const tries = peer.triesOf(submission.id);
    assert.deepEqual(
      tries.map((t) => [t.status, t.headers['synpunkt-pow']]),
      [
        [503, 'losning-1'],
        [201, 'losning-1'],
      ],
      'the retry inside one submit sends the same headers',
    );

    // The caller's retry (a second submit of the same submission) asks again.
    await adapter({ headers }).submit(submission);
    assert.equal(calls.length, 2);
    assert.equal(peer.triesOf(submission.id).at(-1)?.headers['synpunkt-pow'], 'losning-2');
  });

  it('waits for a promise before sending anything', async () => {
    const submission = sampleSubmission();
    let release: (headers: Record<string, string>) => void = () => undefined;
    const made = new Promise<Record<string, string>>((resolve) => (release = resolve));
    const seen = peer.requests.length;

    const delivery = adapter({ headers: () => made }).submit(submission);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(peer.requests.length, seen, 'nothing is sent while the headers are being made');
    release({ 'Synpunkt-Honeypot': 'http://spam.example' });

    const receipt = await delivery;
    assert.equal(receipt.id, submission.id);
    assert.equal(
      peer.triesOf(submission.id)[0]?.headers['synpunkt-honeypot'],
      'http://spam.example',
    );
  });

  it('sends no extra header when the function returns an empty object', async () => {
    const submission = sampleSubmission();
    await adapter({ headers: async () => ({}) }).submit(submission);
    const [seen] = peer.triesOf(submission.id);
    assert.equal(seen?.headers['synpunkt-honeypot'], undefined);
    assert.equal(seen?.headers['synpunkt-pow'], undefined);
  });

  it('refuses headers from the function that override its own or carry line breaks, sending nothing', async () => {
    const seen = peer.requests.length;
    for (const [made, message] of [
      [{ 'Idempotency-Key': 'annan' }, /must not set Idempotency-Key/],
      [{ 'content-type': 'text/plain' }, /must not set Idempotency-Key or Content-Type/],
      [{ 'X-Spam': 'a\r\nBcc: x' }, /must hold valid header names and values/],
      [{ 'X-Spam': 1 }, /must be an object of header names and text values/],
    ] as const) {
      const error = await adapterFailure(
        adapter({ headers: () => made as unknown as Record<string, string> }).submit(
          sampleSubmission(),
        ),
      );
      assert.equal(error.reason, 'configuration');
      assert.equal(error.retryable, false);
      assert.match(error.message, message);
    }
    assert.equal(peer.requests.length, seen, 'nothing was sent');
  });

  it('fails as configuration when the function throws, and passes its own AdapterError through', async () => {
    const broken = new Error('trasig');
    const error = await adapterFailure(
      adapter({
        headers: () => {
          throw broken;
        },
      }).submit(sampleSubmission()),
    );
    assert.equal(error.reason, 'configuration');
    assert.equal(error.cause, broken);
    assert.match(error.message, /headers function failed \(trasig\)/);

    const own = new AdapterError('no token yet', { reason: 'unavailable' });
    const passed = await adapterFailure(
      adapter({ headers: () => Promise.reject(own) }).submit(sampleSubmission()),
    );
    assert.equal(passed, own);
    assert.equal(passed.retryable, true);
  });

  it('gets the signal, and an abort while the headers are being made rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('the sender left');
    let given: AbortSignal | undefined;
    const seen = peer.requests.length;
    const delivery = adapter({
      headers: (_s, { signal }) => {
        given = signal;
        return new Promise(() => undefined); // never settles on its own
      },
    }).submit(sampleSubmission(), { signal: controller.signal });

    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(given, controller.signal);
    controller.abort(reason);
    // The function ignores the signal here; the adapter must not wait for it anyway.
    await assert.rejects(delivery, (error) => error === reason);
    assert.equal(peer.requests.length, seen, 'nothing was sent');
  });
});

// --- Configuration. ---------------------------------------------------------------------------

describe('rest adapter configuration', () => {
  const refused = (config: unknown, field: RegExp) =>
    assert.throws(
      () => restAdapter(config as RestAdapterConfig),
      (error) => error instanceof TypeError && field.test(error.message),
    );

  it('fills in the defaults for a bare endpoint', () => {
    const adapter = restAdapter({ endpoint: 'https://synpunkt.exempelkommun.se/v1/synpunkter' });
    assert.equal(adapter.name, 'rest');
    assert.equal(adapter.capabilities, undefined);
  });

  it('refuses an endpoint that is not http or https, naming the field', () => {
    refused({ endpoint: 'ftp://x' }, /^restAdapter: endpoint: must be an http or https URL$/);
    refused({ endpoint: 'inte en adress' }, /endpoint: must be an http or https URL/);
  });

  it('refuses an endpoint with a user name or password at once, without quoting it', () => {
    // fetch refuses such a URL at every try, quoting it whole: a retryable error with the secret.
    assert.throws(
      () => restAdapter({ endpoint: 'https://synpunkt:hemligt-ord@x.example/v1' }),
      (error: Error) =>
        error instanceof TypeError &&
        /^restAdapter: endpoint: must not hold a user name or password .*Authorization$/.test(
          error.message,
        ) &&
        !error.message.includes('hemligt-ord'),
    );
  });

  it('refuses a missing endpoint, naming the field', () => {
    refused({}, /^restAdapter: endpoint: is required$/);
    refused(undefined, /restAdapter: \(configuration\): must be an object/);
  });

  it('refuses retries outside 0 to 10 and a bad timeout, naming the field', () => {
    const endpoint = 'https://example.org/x';
    refused(
      { endpoint, retries: -1 },
      /^restAdapter: retries: must be a whole number from 0 to 10$/,
    );
    refused({ endpoint, retries: 11 }, /retries: must be a whole number from 0 to 10/);
    refused({ endpoint, retries: 1.5 }, /retries: must be a whole number/);
    refused({ endpoint, timeoutMs: 0 }, /timeoutMs: must be at least 1 millisecond/);
    refused({ endpoint, timeoutMs: '15000' }, /timeoutMs: must be a whole number of milliseconds/);
  });

  it('refuses headers that override Idempotency-Key or Content-Type, or carry line breaks', () => {
    const endpoint = 'https://example.org/x';
    refused(
      { endpoint, headers: { 'idempotency-key': 'x' } },
      /headers: must not set Idempotency-Key/,
    );
    refused({ endpoint, headers: { 'Content-Type': 'text/plain' } }, /headers: must not set/);
    refused({ endpoint, headers: { 'X-Key': 'a\r\nBcc: x' } }, /headers: must hold valid header/);
    refused({ endpoint, headers: { 'X-Key': 1 } }, /headers: must be an object of header names/);
    refused({ endpoint, headers: 'X-Key: 1' }, /headers: .*or a function that returns one/);
  });

  it('takes a function for headers', () => {
    const adapter = restAdapter({ endpoint: 'https://example.org/x', headers: () => ({}) });
    assert.equal(adapter.name, 'rest');
  });

  it('refuses malformed capabilities, unknown options and a fetch that is not a function', () => {
    const endpoint = 'https://example.org/x';
    refused(
      { endpoint, capabilities: { maxMessageLength: 0 } },
      /capabilities\.maxMessageLength: must be a positive number of characters/,
    );
    // Each says which key is wrong and what it may be, not only that the object is wrong.
    refused(
      { endpoint, capabilities: { attachments: { types: ['image/gif'] } } },
      /capabilities\.attachments\.types\.0: must be one of image\/jpeg, image\/png, application\/pdf/,
    );
    refused(
      { endpoint, capabilities: { maxMesageLength: 4000 } },
      /capabilities: unknown option maxMesageLength \(the options are maxMessageLength and attachments\)/,
    );
    refused(
      { endpoint, capabilities: { attachments: { maxcount: 2 } } },
      /capabilities\.attachments: unknown option maxcount \(the options are types, maxCount/,
    );
    refused(
      { endpoint, capabilities: { attachments: true } },
      /capabilities\.attachments: must be false \(no attachments\) or an object of limits/,
    );
    refused({ endpoint, timeout: 5000 }, /restAdapter: \(configuration\): unknown option timeout/);
    refused({ endpoint, fetch: 'fetch' }, /fetch: must be a function/);
  });
});
