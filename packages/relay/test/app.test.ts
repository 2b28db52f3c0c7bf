import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { addWorkingDays, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Receipt } from '@synpunkt/sdk';
import { sampleAnonymous, TINY_PNG_BASE64 } from '@synpunkt/sdk/testing';
import { submissionHash } from '../src/hash.js';
import { createRelay, type Relay, type RelayConfigInput } from '../src/index.js';
import { RateLimiter } from '../src/rate-limit.js';
import { captureLogger, countingAdapter, post, sample, tempDir, testConfig } from './helpers.js';

describe('POST /v1/synpunkter', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  let relay: Relay;
  let backend: ReturnType<typeof countingAdapter>;
  let n = 0;

  const make = async (overrides: Partial<RelayConfigInput> = {}) => {
    backend = countingAdapter();
    relay = await createRelay(testConfig(join(tmp.dir, `relay-${n++}.db`), overrides), {
      log: captureLogger().log,
      adapters: { rest: () => backend },
    });
    relay.worker.start();
    return relay;
  };
  const request = (init: RequestInit, path = '/v1/synpunkter') => relay.app.request(path, init);

  beforeEach(() => make());
  afterEach(async () => {
    await relay.stop();
  });

  it('answers 201 with the receipt: reference per year, and a reply-by date in working days', async () => {
    const submission = sample();
    const response = await request(post(submission));
    assert.equal(response.status, 201);
    const receipt = (await response.json()) as Receipt;
    const year = new Date().getFullYear();
    assert.equal(receipt.id, submission.id);
    assert.equal(receipt.reference, `SYN-${year}-000001`);
    assert.equal(receipt.replyBy, addWorkingDays(new Date(receipt.receivedAt), 10));
    const second = (await (await request(post(sample()))).json()) as Receipt;
    assert.equal(second.reference, `SYN-${year}-000002`, 'the sequence counts up');
  });

  it('gives an anonymous sender no reply-by date', async () => {
    const receipt = (await (await request(post(sampleAnonymous()))).json()) as Receipt;
    assert.equal(receipt.replyBy, undefined);
  });

  it('gives the same receipt for the same Idempotency-Key, and stores it once', async () => {
    const submission = sample();
    const first = await request(post(submission));
    const again = await request(post(submission));
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(first.headers.get('Idempotent-Replayed'), null);
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(relay.store.counts().pending + relay.store.counts().delivered, 1);
  });

  it('answers 409 for the same key with a different body', async () => {
    const submission = sample();
    await request(post(submission));
    const response = await request(post({ ...submission, message: 'Något helt annat.' }));
    assert.equal(response.status, 409);
    assert.equal(response.headers.get('Content-Type'), PROBLEM_CONTENT_TYPE);
    assert.equal(
      ((await response.json()) as { type: string }).type,
      PROBLEM_TYPES.idempotencyConflict,
    );
  });

  it('answers 409 also when the two bodies arrive together and reach the same group commit', async () => {
    const submission = sample();
    const other = { ...submission, message: 'Något helt annat.' };
    // Neither is stored when the other is checked: the store itself must tell them apart.
    const [first, second] = await Promise.all([request(post(submission)), request(post(other))]);
    assert.deepEqual([first.status, second.status], [201, 409]);
    assert.equal(
      ((await second.json()) as { type: string }).type,
      PROBLEM_TYPES.idempotencyConflict,
    );
    const stored = relay.store.db.prepare('SELECT body FROM submissions').all() as {
      body: string;
    }[];
    assert.deepEqual(
      stored.map((row) => (JSON.parse(row.body) as { message: string }).message),
      [submission.message],
    );
  });

  it('has a submission on disk, fsync’d, before it answers 201: WAL with synchronous=FULL', async () => {
    const response = await request(post(sample()));
    assert.equal(response.status, 201);
    // NORMAL (1) would be as fast and lose the last commits when the machine loses power.
    assert.equal(relay.store.db.pragma('synchronous', { simple: true }), 2, 'FULL');
    assert.equal(relay.store.db.pragma('journal_mode', { simple: true }), 'wal');
  });

  it('treats a body that only differs in untrimmed spaces as the same submission', async () => {
    const submission = sample();
    await request(post(submission));
    const response = await request(post({ ...submission, message: `  ${submission.message}  ` }));
    assert.equal(response.status, 201);
  });

  it('treats an upper-case copy of a stored id as the same submission', async () => {
    const submission = sample();
    const first = (await (await request(post(submission))).json()) as Receipt;
    const shouting = { ...submission, id: submission.id.toUpperCase() };
    assert.notEqual(shouting.id, submission.id);
    const again = await request(post(shouting));
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    const receipt = (await again.json()) as Receipt;
    assert.deepEqual(
      receipt,
      { ...first, id: shouting.id },
      'the same receipt, for the id as sent',
    );
    const rows = relay.store.db.prepare('SELECT id FROM submissions').all();
    assert.deepEqual(rows, [{ id: submission.id }], 'stored once, in lower case');
    // A first submission in upper case is stored (and delivered) in lower case too.
    const upper = sample();
    const answer = await request(post({ ...upper, id: upper.id.toUpperCase() }));
    assert.equal(((await answer.json()) as Receipt).id, upper.id.toUpperCase());
    assert.ok(relay.store.receipt(upper.id), 'stored under the lower-case id');
  });

  it('an id an earlier release stored in upper case still gets its receipt on a retry, not a new case', async () => {
    const submission = sample();
    const upper = { ...submission, id: submission.id.toUpperCase() };
    const first = (await (await request(post(upper))).json()) as Receipt;
    // As the earlier release left it: the id and the hash as sent, in upper case.
    relay.store.db.transaction(() => {
      relay.store.db.pragma('defer_foreign_keys = ON');
      relay.store.db
        .prepare('UPDATE deliveries SET submission_id = ? WHERE submission_id = ?')
        .run(upper.id, submission.id);
      relay.store.db
        .prepare('UPDATE submissions SET id = ?, hash = ? WHERE id = ?')
        .run(upper.id, submissionHash(upper), submission.id);
    })();
    const again = await request(post(upper));
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.deepEqual(await again.json(), first);
    const rows = relay.store.db.prepare('SELECT id FROM submissions').all();
    assert.deepEqual(rows, [{ id: upper.id }], 'no second case');
  });

  it('answers 400 when the Idempotency-Key is missing or is not the submission id', async () => {
    const submission = sample();
    const missing = await request({
      ...post(submission),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as { type: string }).type, PROBLEM_TYPES.idempotencyKey);
    // An empty header is a missing one, and the integrator is told so, not that it differs.
    const empty = await request(post(submission, { 'Idempotency-Key': '' }));
    assert.equal(empty.status, 400);
    const problem = (await empty.json()) as { type: string; title: string };
    assert.equal(problem.type, PROBLEM_TYPES.idempotencyKey);
    assert.equal(problem.title, 'The Idempotency-Key header is missing');
    const other = await request(post(submission, { 'Idempotency-Key': crypto.randomUUID() }));
    assert.equal(other.status, 400);
    assert.equal(
      ((await other.json()) as { title: string }).title,
      'The Idempotency-Key header must equal the submission id',
    );
  });

  it('answers 422 with field errors as sdk codes', async () => {
    const submission = {
      ...sample(),
      message: '   ',
      reply: { wanted: true, via: 'email', name: 'A' },
    };
    const response = await request(post(submission));
    assert.equal(response.status, 422);
    const problem = (await response.json()) as {
      type: string;
      errors: { path: string[]; code: string }[];
    };
    assert.equal(problem.type, PROBLEM_TYPES.invalidSubmission);
    assert.deepEqual(problem.errors.map((e) => `${e.path.join('.')}:${e.code}`).sort(), [
      'message:required',
      'reply.email:required',
    ]);
  });

  it('answers 415 for anything but JSON, 400 for broken JSON, 413 past the body limit', async () => {
    const submission = sample();
    const text = await request({
      ...post(submission),
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': submission.id },
    });
    assert.equal(text.status, 415);
    assert.equal(
      ((await text.json()) as { type: string }).type,
      PROBLEM_TYPES.unsupportedMediaType,
    );
    // JSON in another charset is refused as such, not read as UTF-8 (å, ä, ö would break).
    const latin1 = await request(
      post(submission, { 'Content-Type': 'application/json; charset=latin1' }),
    );
    assert.equal(latin1.status, 415);
    const utf8 = await request(
      post(submission, { 'Content-Type': 'application/json; charset="UTF-8"' }),
    );
    assert.equal(utf8.status, 201, 'UTF-8 named in any spelling is fine');
    // A compressed body is refused for its compression, not as text that is not UTF-8.
    const compressed = sample();
    const gzipped = await request({
      ...post(compressed, { 'Content-Encoding': 'gzip' }),
      body: gzipSync(JSON.stringify(compressed)),
    });
    assert.equal(gzipped.status, 415);
    assert.equal(gzipped.headers.get('Accept-Encoding'), 'identity');
    assert.match(((await gzipped.json()) as { title: string }).title, /uncompressed/);
    const identity = sample();
    const plain = await request(post(identity, { 'Content-Encoding': 'identity' }));
    assert.equal(plain.status, 201, 'identity is no compression');
    const broken = await request({ ...post(submission), body: '{"id":' });
    assert.equal(broken.status, 400);
    const huge = await request({
      ...post(submission),
      body: JSON.stringify({ ...submission, place: 'x'.repeat(70_000) }),
    });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { type: string }).type, PROBLEM_TYPES.tooLarge);
  });

  it('takes a body of exactly bodyLimitBytes, with or without Content-Length, and answers 413 one byte over', async () => {
    const limit = 64 * 1024; // testConfig's bodyLimitBytes
    const sized = (bytes: number) => {
      const submission = sample();
      const json = JSON.stringify(submission);
      return { submission, body: json + ' '.repeat(bytes - Buffer.byteLength(json)) };
    };
    for (const declared of [true, false]) {
      const at = sized(limit);
      const over = sized(limit + 1);
      const send = ({ submission, body }: ReturnType<typeof sized>) =>
        request({
          ...post(
            submission,
            declared ? { 'Content-Length': String(Buffer.byteLength(body)) } : {},
          ),
          body,
        });
      const how = declared ? 'declared' : 'streamed';
      assert.equal((await send(at)).status, 201, `${how}: a body at the limit is taken`);
      const refused = await send(over);
      assert.equal(refused.status, 413, `${how}: one byte over is refused`);
      assert.equal(((await refused.json()) as { type: string }).type, PROBLEM_TYPES.tooLarge);
    }
  });

  it('refuses a body of countless tiny JSON values with 400 before parsing it, and takes the fullest submission', async () => {
    // Under the default 16 MB limit, such a body held the relay's only thread for seconds (and a
    // gigabyte of memory) in JSON.parse and the schema, before the proof of work was asked for.
    await relay.stop();
    await make({ bodyLimitBytes: 16 * 1024 * 1024 });
    const submission = sample();
    const bodies = {
      'empty files': { ...submission, attachments: Array.from({ length: 200_000 }, () => ({})) },
      'unknown keys': {
        ...submission,
        ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 0])),
      },
      'a list of zeros': [...Array<number>(200_000).fill(0)],
    };
    for (const [name, body] of Object.entries(bodies)) {
      const response = await request({ ...post(submission), body: JSON.stringify(body) });
      assert.equal(response.status, 400, name);
      const problem = (await response.json()) as Record<string, unknown>;
      assert.equal(problem.type, PROBLEM_TYPES.malformed, name);
      assert.equal(problem.errors, undefined, `${name}: nothing of the body is echoed`);
    }
    const png = { name: 'foto.png', type: 'image/png' as const, size: 70, data: TINY_PNG_BASE64 };
    const fullest = sample({
      reply: {
        wanted: true,
        via: 'letter',
        name: 'Anna Andersson',
        email: 'anna@example.org',
        phone: '070-123 45 67',
        address: { street: 'Storgatan 1', postalCode: '123 45', city: 'Exempelstad' },
      },
      attachments: Array.from({ length: 5 }, (_, i) => ({ ...png, name: `foto-${i}.png` })),
    });
    assert.equal((await request(post(fullest))).status, 201);
    // Commas and colons inside a text are not JSON values, also after an escaped quote.
    const listing = sample({
      message: `Ett 12" rör läcker vid: ${Array.from({ length: 1_200 }, (_, i) => i + 1).join(', ')}`,
    });
    assert.equal((await request(post(listing))).status, 201, 'a long list in a message');
  });

  it('refuses an attachment whose bytes are not its claimed type', async () => {
    const fake = Buffer.from('%PDF-1.4\nnot a picture').toString('base64');
    const submission = {
      ...sample(),
      attachments: [{ name: 'foto.jpg', type: 'image/jpeg', size: 22, data: fake }],
    };
    const response = await request(post(submission));
    assert.equal(response.status, 422);
    const problem = (await response.json()) as { errors: { path: unknown[]; code: string }[] };
    assert.ok(problem.errors.some((e) => e.code === 'file_type_mismatch'));
  });

  it('answers 429 with Retry-After past the per-client limit', async () => {
    await relay.stop();
    await make({ rateLimit: { windowMs: 60_000, max: 2 } });
    assert.equal((await request(post(sample()))).status, 201);
    assert.equal((await request(post(sample()))).status, 201);
    const limited = await request(post(sample()));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('Retry-After')) >= 1);
    assert.equal(((await limited.json()) as { type: string }).type, PROBLEM_TYPES.rateLimited);
  });

  it('keeps a client’s window a window when the system clock is set back (NTP, a resumed VM)', async () => {
    await relay.stop();
    const wallClock = Date.now;
    let setBack = 0;
    Date.now = () => wallClock() - setBack;
    try {
      await make({ trustProxy: true, rateLimit: { windowMs: 60_000, max: 1 } });
      const fromClient = () => request(post(sample(), { 'X-Forwarded-For': '203.0.113.5' }));
      assert.equal((await fromClient()).status, 201);
      setBack = 3_600_000;
      const limited = await fromClient();
      assert.equal(limited.status, 429);
      const wait = Number(limited.headers.get('Retry-After'));
      assert.ok(wait <= 60, `told to wait ${wait} s, not the hour the clock went back`);
    } finally {
      Date.now = wallClock;
    }
  });

  it('counts a client by the address its proxy saw, not one it wrote into X-Forwarded-For itself', async () => {
    // Behind a trusted proxy: the proxy appends the address it saw; what comes before it is
    // whatever the client sent, so a bot could pick a new one for every request.
    await relay.stop();
    await make({ trustProxy: true, rateLimit: { windowMs: 60_000, max: 1 } });
    const viaProxy = (claimed: string) =>
      request(post(sample(), { 'X-Forwarded-For': `${claimed}, 203.0.113.5` }));
    assert.equal((await viaProxy('198.51.100.1')).status, 201);
    assert.equal((await viaProxy('198.51.100.2')).status, 429, 'a made-up address is no escape');
    // Without trustProxy the header is anybody's: it is not read at all.
    await relay.stop();
    await make({ rateLimit: { windowMs: 60_000, max: 1 } });
    const direct = (claimed: string) => request(post(sample(), { 'X-Forwarded-For': claimed }));
    assert.equal((await direct('198.51.100.1')).status, 201);
    assert.equal((await direct('198.51.100.2')).status, 429, 'the header is not trusted');
  });

  it('counts an IPv6 client by its /64, an IPv4-mapped address as the IPv4 address, and ignores a port', async () => {
    await relay.stop();
    const logger = captureLogger();
    const storePath = join(tmp.dir, `relay-${n++}.db`);
    relay = await createRelay(
      testConfig(storePath, { trustProxy: true, rateLimit: { windowMs: 60_000, max: 1 } }),
      { log: logger.log, adapters: { rest: () => countingAdapter() } },
    );
    const from = async (address: string) =>
      (await request(post(sample(), { 'X-Forwarded-For': address }))).status;
    // Two addresses in one /64 are one client.
    assert.equal(await from('2001:db8:aa:1::1'), 201);
    assert.equal(await from('2001:db8:aa:1:ffff:1234:5678:9abc'), 429);
    assert.equal(await from('2001:0db8:00aa:0001::2'), 429);
    // The next /64 is another client.
    assert.equal(await from('2001:db8:aa:2::1'), 201);
    // An IPv4-mapped IPv6 address is its IPv4 address.
    assert.equal(await from('::ffff:192.0.2.7'), 201);
    assert.equal(await from('192.0.2.7'), 429);
    assert.equal(await from('198.51.100.9'), 201);
    assert.equal(await from('::ffff:198.51.100.9'), 429);
    // A proxy that adds the client's port: a new port is not a new client.
    assert.equal(await from('203.0.113.20:51234'), 201);
    assert.equal(await from('203.0.113.20:51235'), 429);
    assert.equal(await from('[2001:db8:aa:3::1]:51234'), 201);
    assert.equal(await from('[2001:db8:aa:3::2]:443'), 429);
    // Neither the addresses nor their prefixes are logged or stored.
    await relay.stop();
    const stored = readFileSync(storePath).toString('latin1');
    for (const trace of ['2001:db8', '192.0.2.7', '198.51.100.9', '203.0.113.20']) {
      assert.ok(!logger.text().includes(trace), `log mentions ${trace}`);
      assert.ok(!stored.includes(trace), `store holds ${trace}`);
    }
  });

  it('refuses a submission a target cannot carry, before storing it', async () => {
    await relay.stop();
    await make();
    backend.capabilities = { maxMessageLength: 20 };
    const response = await request(post(sample()));
    assert.equal(response.status, 422);
    const problem = (await response.json()) as { errors: { code: string }[] };
    assert.equal(problem.errors[0]?.code, 'too_long');
    assert.equal(relay.store.counts().pending, 0);
  });

  it('names each limit once, the tightest, when several targets cannot carry a submission', async () => {
    await relay.stop();
    const limits = { 'http://127.0.0.1:9/a': 4000, 'http://127.0.0.1:9/b': 8000 };
    relay = await createRelay(
      testConfig(join(tmp.dir, `relay-${n++}.db`), {
        targets: Object.keys(limits).map((endpoint, i) => ({
          name: `t${i}`,
          type: 'rest' as const,
          settings: { endpoint },
        })),
      }),
      {
        log: captureLogger().log,
        adapters: {
          rest: (settings) => ({
            ...countingAdapter(),
            capabilities: {
              maxMessageLength: limits[(settings as { endpoint: keyof typeof limits }).endpoint],
              attachments: false,
            },
          }),
        },
      },
    );
    const withFile = sample({
      message: 'x'.repeat(9000),
      attachments: [{ name: 'gungan.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 }],
    });
    const response = await request(post(withFile));
    assert.equal(response.status, 422);
    const problem = (await response.json()) as { errors: unknown[] };
    assert.deepEqual(problem.errors, [
      { path: ['message'], code: 'too_long', params: { max: 4000 } },
      { path: ['attachments'], code: 'files_not_supported' },
    ]);
  });
});

describe('CORS', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  let relay: Relay;
  beforeEach(async () => {
    relay = await createRelay(testConfig(join(tmp.dir, `cors-${Date.now()}.db`)), {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
    });
  });
  afterEach(() => relay.stop());

  it('answers a preflight from an allowed origin with the headers the widget sends', async () => {
    const response = await relay.app.request('/v1/synpunkter', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.exempelkommun.se',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key, synpunkt-pow',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(
      response.headers.get('Access-Control-Allow-Origin'),
      'https://www.exempelkommun.se',
    );
    const allowed = response.headers.get('Access-Control-Allow-Headers')!.toLowerCase();
    for (const header of ['content-type', 'idempotency-key', 'synpunkt-pow', 'synpunkt-honeypot']) {
      assert.ok(allowed.includes(header), `${header} is allowed`);
    }
  });

  it('refuses other origins with 403 and no CORS headers', async () => {
    const preflight = await relay.app.request('/v1/synpunkter', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), null);
    const submission = sample();
    const posted = await relay.app.request(
      '/v1/synpunkter',
      post(submission, { Origin: 'https://evil.example' }),
    );
    assert.equal(posted.status, 403);
    // Whoever pasted the form on a new site reads what to change (curl, the network panel).
    assert.deepEqual(await posted.json(), {
      type: PROBLEM_TYPES.forbiddenOrigin,
      title: "This origin is not in the relay's allowedOrigins",
      status: 403,
      detail:
        'To let pages on https://evil.example send, add it to allowedOrigins in the relay configuration.',
    });
    assert.equal(relay.store.receipt(submission.id), undefined, 'nothing was stored');
  });

  it('takes an origin written with a port, capitals or a slash as the browser sends it', async () => {
    await relay.stop();
    relay = await createRelay(
      testConfig(join(tmp.dir, `cors-written-${Date.now()}.db`), {
        allowedOrigins: ['HTTPS://WWW.Exempelkommun.se:443/', 'http://intranet.kommun.se:8080'],
      }),
      { log: captureLogger().log, adapters: { rest: () => countingAdapter() } },
    );
    for (const origin of ['https://www.exempelkommun.se', 'http://intranet.kommun.se:8080']) {
      const posted = await relay.app.request('/v1/synpunkter', post(sample(), { Origin: origin }));
      assert.equal(posted.status, 201, origin);
    }
  });

  it('lets an allowed origin read the answer', async () => {
    const response = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { Origin: 'https://www.exempelkommun.se' }),
    );
    assert.equal(response.status, 201);
    assert.equal(
      response.headers.get('Access-Control-Allow-Origin'),
      'https://www.exempelkommun.se',
    );
    assert.match(response.headers.get('Access-Control-Expose-Headers') ?? '', /Retry-After/);
  });
});

describe('the rate limiter', () => {
  it('lets a client that waits the Retry-After it was given in again', () => {
    let now = 30_000;
    const limiter = new RateLimiter(60_000, 1, () => now);
    assert.deepEqual(limiter.hit('192.0.2.7'), { allowed: true });
    const refused = limiter.hit('192.0.2.7');
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 60 });
    now = 60_000; // another client meanwhile (the limiter sweeps old windows now and then)
    assert.deepEqual(limiter.hit('198.51.100.9'), { allowed: true });
    now = 89_999;
    assert.equal(limiter.hit('192.0.2.7').allowed, false, 'a moment too early');
    now = 90_000;
    assert.deepEqual(limiter.hit('192.0.2.7'), { allowed: true }, 'after Retry-After');
  });

  it('keeps no address in memory either: only hashes salted anew in every process', () => {
    const keysOf = (limiter: RateLimiter) => [
      ...(limiter as unknown as { windows: Map<string, unknown> }).windows.keys(),
    ];
    const first = new RateLimiter(60_000, 1, () => 0);
    const second = new RateLimiter(60_000, 1, () => 0);
    for (const address of ['192.0.2.7', '2001:db8:aa:1::1', '::ffff:198.51.100.9']) {
      first.hit(address);
      second.hit(address);
    }
    const keys = keysOf(first);
    assert.equal(keys.length, 3);
    for (const key of keys) {
      for (const trace of ['192.0.2', '2001:db8', '198.51.100', 'db8:aa']) {
        assert.ok(!key.includes(trace), `${key} holds ${trace}`);
      }
    }
    // Without a salt of its own, a hash of an IPv4 address is undone by trying all 2^32.
    assert.equal(keysOf(second).filter((key) => keys.includes(key)).length, 0);
  });
});
