import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { AdapterError } from '@synpunkt/sdk';
import {
  backoffDelay,
  createRelay,
  parseConfig,
  type Relay,
  type RelayConfigInput,
} from '../src/index.js';
import { recordsOf } from '../src/person.js';
import {
  captureLogger,
  countingAdapter,
  emailSettings,
  eventually,
  post,
  sample,
  smtpSink,
  tempDir,
  testConfig,
} from './helpers.js';

const DAY = 24 * 3600 * 1000;

describe('the outbox', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  let relay: Relay | undefined;
  let n = 0;
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });

  /** A relay with two rest targets, each backed by its own counting adapter. */
  const twoTargets = async (overrides: Partial<RelayConfigInput> = {}) => {
    const backends = [countingAdapter(), countingAdapter()] as const;
    let made = 0;
    relay = await createRelay(
      testConfig(join(tmp.dir, `outbox-${n++}.db`), {
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'skolan', type: 'rest', settings: {}, areas: ['skola'] },
        ],
        ...overrides,
      }),
      { log: captureLogger().log, adapters: { rest: () => backends[made++]! } },
    );
    relay.worker.start();
    return { relay, all: backends[0], school: backends[1] };
  };

  it('sends a submission only to the targets that take its area', async () => {
    const { relay, all, school } = await twoTargets();
    const park = sample({ area: 'gata-park' });
    const classroom = sample({ area: 'skola' });
    await relay.app.request('/v1/synpunkter', post(park));
    await relay.app.request('/v1/synpunkter', post(classroom));
    await eventually(() => all.calls.length === 2 && school.calls.length === 1);
    assert.deepEqual(school.calls, [classroom.id]);
  });

  it('sends complaints about an area also to a target that takes only those (the unit’s manager)', async () => {
    const { relay, all, school } = await twoTargets({
      targets: [
        { name: 'registrator', type: 'rest', settings: {} },
        { name: 'rektor', type: 'rest', settings: {}, areas: ['skola'], kinds: ['complaint'] },
      ],
    });
    const complaint = sample({ area: 'skola', kind: 'complaint' });
    const praise = sample({ area: 'skola', kind: 'praise' });
    const elsewhere = sample({ area: 'gata-park', kind: 'complaint' });
    for (const submission of [complaint, praise, elsewhere]) {
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    }
    await eventually(() => all.calls.length === 3 && school.calls.length === 1);
    assert.deepEqual(school.calls, [complaint.id], 'only the complaint about the school');
    assert.deepEqual(all.calls.toSorted(), [complaint.id, praise.id, elsewhere.id].toSorted());
  });

  it('sends a complaint staff marked serious also to the target for serious ones (the nearest manager); nothing else goes there', async () => {
    const {
      relay,
      all,
      school: managers,
    } = await twoTargets({
      targets: [
        { name: 'registrator', type: 'rest', settings: {} },
        { name: 'chefer', type: 'rest', settings: {}, kinds: ['complaint'], serious: true },
      ],
    });
    const serious = sample({ kind: 'complaint', channel: 'phone', serious: true });
    const ordinary = sample({ kind: 'complaint', channel: 'phone' });
    const fromWeb = sample({ kind: 'complaint' });
    for (const submission of [serious, ordinary, fromWeb]) {
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    }
    await eventually(() => all.calls.length === 3 && managers.calls.length === 1);
    assert.deepEqual(managers.calls, [serious.id], 'only the serious complaint');
    assert.deepEqual(all.calls.toSorted(), [serious.id, ordinary.id, fromWeb.id].toSorted());
  });

  it('routes a pending delivery by the configuration it is sent with, not the one it came in under', async () => {
    const sink = await smtpSink();
    const storePath = join(tmp.dir, `outbox-${n++}.db`);
    const withRouting = (byArea: Record<string, string>) =>
      testConfig(storePath, {
        targets: [
          {
            name: 'registrator',
            type: 'email',
            settings: {
              ...emailSettings(sink.port),
              to: { default: 'registrator@exempelkommun.se', byArea },
            },
          },
        ],
      });
    try {
      // Accepted under the old routing; the worker never ran, so the delivery is pending.
      const before = await createRelay(withRouting({ skola: 'skola@exempelkommun.se' }), {
        log: captureLogger().log,
      });
      const submission = sample({ area: 'skola' });
      assert.equal((await before.app.request('/v1/synpunkter', post(submission))).status, 201);
      await before.stop();
      // The area key was renamed: "skola" is no longer in byArea, so the default takes it.
      relay = await createRelay(withRouting({ utbildning: 'skola@exempelkommun.se' }), {
        log: captureLogger().log,
      });
      relay.worker.start();
      await eventually(() => sink.raw.has(submission.id), 10_000, 'the mail');
      const mail = await simpleParser(sink.raw.get(submission.id) ?? '');
      const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
      assert.equal(to?.text, 'registrator@exempelkommun.se');
    } finally {
      await relay?.stop();
      relay = undefined;
      await sink.stop();
    }
  });

  it('gives the clerk’s mail the reference and the reply-by day on the sender’s receipt', async () => {
    const sink = await smtpSink();
    try {
      relay = await createRelay(
        testConfig(join(tmp.dir, `outbox-${n++}.db`), {
          targets: [{ name: 'registrator', type: 'email', settings: emailSettings(sink.port) }],
        }),
        { log: captureLogger().log },
      );
      relay.worker.start();
      const submission = sample();
      const response = await relay.app.request('/v1/synpunkter', post(submission));
      const receipt = (await response.json()) as {
        reference: string;
        receivedAt: string;
        replyBy: string;
      };
      await eventually(() => sink.raw.has(submission.id), 10_000, 'the mail');
      const mail = await simpleParser(sink.raw.get(submission.id) ?? '');
      assert.ok(mail.subject?.endsWith(`– ${receipt.reference}`), mail.subject);
      const day = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'UTC',
        dateStyle: 'full',
      }).format(new Date(`${receipt.replyBy}T00:00:00Z`));
      assert.ok(mail.text?.includes(`Svara senast: ${day}`), mail.text);
      const received = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(new Date(receipt.receivedAt));
      assert.ok(mail.text?.includes(`Mottagen: ${received}`), mail.text);
    } finally {
      await relay?.stop();
      relay = undefined;
      await sink.stop();
    }
  });

  it('retries a failing target with backoff without sending again to the one that worked', async () => {
    const { relay, all, school } = await twoTargets();
    school.state = 'down';
    const submission = sample({ area: 'skola' });
    await relay.app.request('/v1/synpunkter', post(submission));
    await eventually(() => school.calls.length >= 3, 10_000, 'retries');
    assert.deepEqual(all.calls, [submission.id], 'the working target got it once');
    assert.ok(relay.metrics.retried.get('skolan') >= 2);
    // What `person show` and the follow-up sweep see: not delivered while a target waits.
    const status = () => recordsOf(relay.store.db, [submission.id])[0]?.status;
    assert.equal(status(), 'accepted');
    school.state = 'up';
    await eventually(() => school.stored.has(submission.id), 10_000, 'delivery after the outage');
    await eventually(() => relay.store.counts().delivered === 2);
    assert.deepEqual(all.calls, [submission.id], 'still once');
    assert.equal(status(), 'delivered');
  });

  it('marks a delivery dead after maxAttempts, and at once when the backend refuses for good', async () => {
    const { relay, all, school } = await twoTargets({
      outbox: {
        maxAttempts: 3,
        baseDelayMs: 5,
        maxDelayMs: 10,
        pollIntervalMs: 10,
        concurrency: 2,
        timeoutMs: 1_000,
      },
    });
    all.state = 'refusing';
    school.state = 'down';
    await relay.app.request('/v1/synpunkter', post(sample({ area: 'skola' })));
    await eventually(() => relay.store.counts().dead === 2, 10_000, 'both dead');
    assert.equal(all.calls.length, 1, 'a refusal is not retried');
    assert.equal(school.calls.length, 3, 'an outage is tried maxAttempts times');
    const entries = relay.store.list();
    assert.deepEqual(entries.map((e) => [e.target, e.status, e.attempts]).sort(), [
      ['registrator', 'dead', 1],
      ['skolan', 'dead', 3],
    ]);
    assert.ok(
      entries.every((e) => /^AdapterError:/.test(e.lastError ?? '')),
      'the error is a code',
    );
    assert.equal(relay.metrics.dead.get('registrator'), 1);

    all.state = 'up';
    school.state = 'up';
    assert.equal(relay.store.retryAllDead(), 2);
    await eventually(() => relay.store.counts().delivered === 2, 10_000, 'delivery after retry');
  });

  it('a failed attempt the store cannot record (a full disk) waits out its backoff; no tight loop', async () => {
    const { relay, all } = await twoTargets({
      outbox: {
        maxAttempts: 5,
        baseDelayMs: 60_000,
        maxDelayMs: 60_000,
        pollIntervalMs: 10,
        concurrency: 2,
        timeoutMs: 1_000,
      },
    });
    all.state = 'down';
    const full = Object.assign(new Error('database or disk is full'), {
      name: 'SqliteError',
      code: 'SQLITE_FULL',
    });
    relay.store.markFailed = () => {
      throw full;
    };
    await relay.app.request('/v1/synpunkter', post(sample()));
    await eventually(() => all.calls.length >= 1, 10_000, 'the first attempt');
    // Fifty polls later: the delivery is still due in the store, but held for its backoff.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(all.calls.length, 1, 'the target is not sent it again and again');
    assert.equal(relay.store.counts().pending, 1, 'nothing is lost');

    // A refusal (dead at once) that cannot be recorded is held back for a backoff too.
    all.state = 'refusing';
    const refused = sample();
    const triesOf = () => all.calls.filter((id) => id === refused.id).length;
    await relay.app.request('/v1/synpunkter', post(refused));
    await eventually(() => triesOf() >= 1, 10_000, 'the refused attempt');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(triesOf(), 1, 'a refusing backend is not sent it again and again');
  });

  it('keeps a honeypot submission in quarantine until an operator releases it', async () => {
    const { relay, all } = await twoTargets();
    const submission = sample();
    const response = await relay.app.request(
      '/v1/synpunkter',
      post(submission, { 'Synpunkt-Honeypot': 'http://spam.example' }),
    );
    assert.equal(response.status, 201, 'answered like any other, so a bot learns nothing');
    // An empty honeypot header (a client that always sends it) is a field nobody filled.
    const normal = sample();
    await relay.app.request('/v1/synpunkter', post(normal, { 'Synpunkt-Honeypot': '  ' }));
    await eventually(() => all.calls.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(all.calls, [normal.id], 'the quarantined one was not delivered');
    assert.deepEqual(
      relay.store.list().map((e) => [e.submissionId, e.status]),
      [[submission.id, 'quarantined']],
    );
    assert.equal(relay.store.retryAllDead(), 0, '--all does not release quarantine');
    assert.equal(relay.store.retry(submission.id), 1);
    await eventually(() => all.calls.includes(submission.id), 10_000, 'release');
  });

  it('purges delivered submissions after retentionDays, never undelivered ones, and keeps the receipt', async () => {
    const { relay, school } = await twoTargets({ retentionDays: 30 });
    school.state = 'down';
    const delivered = sample();
    const waiting = sample({ area: 'skola' });
    const receipt = await (await relay.app.request('/v1/synpunkter', post(delivered))).json();
    await relay.app.request('/v1/synpunkter', post(waiting));
    await eventually(() => relay.store.counts().delivered === 2, 10_000, 'two deliveries');
    assert.equal(relay.worker.runRetention(Date.now() + 29 * DAY), 0, 'not before retentionDays');
    assert.equal(
      relay.worker.runRetention(Date.now() + 31 * DAY),
      1,
      'only the one every target has',
    );
    const row = relay.store.db
      .prepare('SELECT body, status FROM submissions WHERE id = ?')
      .get(delivered.id);
    assert.deepEqual(row, { body: null, status: 'purged' });
    const kept = relay.store.db
      .prepare('SELECT body FROM submissions WHERE id = ?')
      .get(waiting.id) as { body: string | null };
    assert.ok(kept.body !== null, 'a submission a target still waits for is kept');
    const again = await relay.app.request('/v1/synpunkter', post(delivered));
    assert.equal(again.status, 201);
    assert.deepEqual(
      await again.json(),
      receipt,
      'a late retry still gets its receipt, not a new case',
    );
  });

  it('purges quarantined submissions after retentionDays, keeping the receipt, but not released ones', async () => {
    const { relay, all, school } = await twoTargets({ retentionDays: 30 });
    school.state = 'down';
    const caught = sample({ message: 'Bot-ifylld text: Anna Andersson, Storgatan 1' });
    // Released, and still waiting for the school's target: never purged, like any undelivered.
    const released = sample({ area: 'skola' });
    const honeypot = { 'Synpunkt-Honeypot': 'http://spam.example' };
    const receipt = await (
      await relay.app.request('/v1/synpunkter', post(caught, honeypot))
    ).json();
    assert.equal((await relay.app.request('/v1/synpunkter', post(released, honeypot))).status, 201);
    assert.equal(relay.store.retry(released.id), 2, 'both targets take skola');
    await eventually(() => all.calls.includes(released.id), 10_000, 'release');
    assert.equal(relay.worker.runRetention(Date.now() + 29 * DAY), 0, 'not before retentionDays');
    assert.equal(relay.worker.runRetention(Date.now() + 31 * DAY), 1, 'the quarantined one');
    const row = relay.store.db
      .prepare('SELECT body, status FROM submissions WHERE id = ?')
      .get(caught.id);
    assert.deepEqual(row, { body: null, status: 'purged' });
    assert.deepEqual(
      relay.store.list().filter((e) => e.submissionId === caught.id),
      [],
      'gone from outbox list',
    );
    const kept = relay.store.db
      .prepare('SELECT body FROM submissions WHERE id = ?')
      .get(released.id) as { body: string | null };
    assert.ok(kept.body !== null, 'a released submission is not purged as quarantined');
    const again = await relay.app.request('/v1/synpunkter', post(caught, honeypot));
    assert.equal(again.status, 201);
    assert.deepEqual(await again.json(), receipt, 'a late retry still gets its receipt');
    assert.ok(!all.calls.includes(caught.id), 'never delivered');
  });

  it('gives up on a delivery that hangs and ignores its signal, and retries it later', async () => {
    // A backend that never answers, through an adapter that never looks at its abort signal.
    const calls: string[] = [];
    const hanging = {
      name: 'hanging',
      submit: (submission: { id: string }) => {
        calls.push(submission.id);
        return new Promise<never>(() => {});
      },
    };
    relay = await createRelay(
      testConfig(join(tmp.dir, `outbox-${n++}.db`), {
        outbox: {
          maxAttempts: 5,
          baseDelayMs: 20,
          maxDelayMs: 50,
          pollIntervalMs: 20,
          concurrency: 1,
          timeoutMs: 100,
        },
      }),
      { log: captureLogger().log, adapters: { rest: () => hanging as never } },
    );
    relay.worker.start();
    const submission = sample();
    await relay.app.request('/v1/synpunkter', post(submission));
    // The deadline (timeoutMs + 1 s) frees the worker, and the delivery is tried again.
    await eventually(() => calls.length >= 2, 10_000, 'a second try after the deadline');
    const [entry] = relay.store.list(['pending', 'dead']);
    assert.equal(entry?.submissionId, submission.id);
    assert.ok((entry?.attempts ?? 0) >= 1, 'the hung try counted as an attempt');
    assert.match(entry?.lastError ?? '', /timeout|unavailable/);
  });

  it('delivers the delivery due longest first, one slot at a time', async () => {
    const backend = countingAdapter();
    relay = await createRelay(
      testConfig(join(tmp.dir, `outbox-${n++}.db`), {
        targets: [{ name: 'registrator', type: 'rest', settings: {} }],
        outbox: { ...testConfig('').outbox, concurrency: 1 },
      }),
      { log: captureLogger().log, adapters: { rest: () => backend } },
    );
    // Stored while the worker is not started, then due at times that are not the order they
    // came in (a retried one whose backoff ended before a newer one's first attempt).
    const [a, b, c] = [sample(), sample(), sample()];
    for (const submission of [a, b, c]) {
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    }
    const dueAt = relay.store.db.prepare(
      'UPDATE deliveries SET next_attempt_at = ? WHERE submission_id = ?',
    );
    dueAt.run(3_000, a.id);
    dueAt.run(1_000, b.id);
    dueAt.run(2_000, c.id);
    relay.worker.start();
    const started = relay;
    await eventually(() => started.store.counts().delivered === 3, 10_000, 'all three delivered');
    assert.deepEqual(backend.calls, [b.id, c.id, a.id]);
  });

  it('sends a backend at most outbox.concurrency deliveries at once', async () => {
    const calls: string[] = [];
    const waiting: (() => void)[] = [];
    relay = await createRelay(
      testConfig(join(tmp.dir, `outbox-${n++}.db`), {
        targets: [{ name: 'registrator', type: 'rest', settings: {} }],
        outbox: { ...testConfig('').outbox, concurrency: 2 },
      }),
      {
        log: captureLogger().log,
        adapters: {
          rest: () => ({
            name: 'slow',
            submit: async (submission) => {
              calls.push(submission.id);
              await new Promise<void>((resolve) => waiting.push(resolve));
              return {
                id: submission.id,
                reference: `R-${calls.length}`,
                receivedAt: new Date().toISOString(),
              };
            },
          }),
        },
      },
    );
    const started = relay;
    for (let i = 0; i < 5; i++) {
      assert.equal((await started.app.request('/v1/synpunkter', post(sample()))).status, 201);
    }
    started.worker.start();
    await eventually(() => calls.length === 2, 10_000, 'two deliveries under way');
    // More looks for work while both slots are taken: none may start a third.
    for (let i = 0; i < 5; i++) {
      started.worker.kick();
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(calls.length, 2, 'still two');
    assert.equal(started.worker.busy, 2);
    let most = 0;
    await eventually(
      () => {
        most = Math.max(most, started.worker.busy);
        waiting.shift()?.();
        return started.store.counts().delivered === 5;
      },
      10_000,
      'all five delivered',
    );
    assert.ok(most <= 2, `${most} at once`);
    assert.equal(calls.length, 5);
  });

  /** A relay whose one target throws `error` on every attempt; returns how often it was tried. */
  const failingWith = async (error: () => unknown, outbox: RelayConfigInput['outbox']) => {
    const calls: string[] = [];
    relay = await createRelay(
      testConfig(join(tmp.dir, `outbox-${n++}.db`), {
        targets: [{ name: 'registrator', type: 'rest', settings: {} }],
        outbox,
      }),
      {
        log: captureLogger().log,
        adapters: {
          rest: () => ({
            name: 'failing',
            submit: async (submission) => {
              calls.push(submission.id);
              throw error();
            },
          }),
        },
      },
    );
    relay.worker.start();
    const started = relay;
    await started.app.request('/v1/synpunkter', post(sample()));
    await eventually(() => (started.store.list()[0]?.attempts ?? 0) >= 1, 10_000, 'an attempt');
    return { relay: started, calls };
  };

  it('retries an adapter that throws something other than an AdapterError (a bug, a dropped socket): never dead at once', async () => {
    const { relay, calls } = await failingWith(() => new TypeError('fetch failed'), {
      maxAttempts: 5,
      baseDelayMs: 3_600_000,
      maxDelayMs: 3_600_000,
      pollIntervalMs: 10,
      concurrency: 1,
      timeoutMs: 1_000,
    });
    const [entry] = relay.store.list();
    assert.equal(entry?.status, 'pending', 'a surprise is retried, not given up on');
    assert.equal(entry?.attempts, 1);
    assert.equal(entry?.lastError, 'TypeError');
    assert.equal(relay.metrics.dead.get('registrator'), 0);
    assert.equal(calls.length, 1);
  });

  it('waits as long as a backend’s Retry-After asks when that is longer than the backoff', async () => {
    const hour = 3_600_000;
    const { relay, calls } = await failingWith(
      () => new AdapterError('Busy', { reason: 'unavailable', retryAfterMs: hour }),
      {
        maxAttempts: 5,
        baseDelayMs: 5,
        maxDelayMs: 10,
        pollIntervalMs: 10,
        concurrency: 1,
        timeoutMs: 1_000,
      },
    );
    const [entry] = relay.store.list();
    assert.ok(entry);
    assert.equal(entry.status, 'pending');
    assert.equal(entry.attempts, 1, 'not tried again within the hour the backend asked for');
    assert.ok(
      Date.parse(entry.nextAttemptAt) >= Date.parse(entry.receivedAt) + hour,
      `next attempt at ${entry.nextAttemptAt}, received at ${entry.receivedAt}`,
    );
    assert.equal(calls.length, 1);
  });

  it('waits at most a day when a backend’s Retry-After asks for longer (a wrong date, seconds for milliseconds)', async () => {
    // A real endpoint behind the real rest adapter, down for maintenance "until 9999".
    const server = createServer((_request, response) => {
      response.writeHead(503, { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const endpoint = `http://127.0.0.1:${port}/v1/synpunkter`;
      relay = await createRelay(
        testConfig(join(tmp.dir, `outbox-${n++}.db`), {
          targets: [{ name: 'registrator', type: 'rest', settings: { endpoint, retries: 0 } }],
        }),
        { log: captureLogger().log },
      );
      const { port: relayPort } = await relay.start();
      const url = `http://127.0.0.1:${relayPort}`;
      const sent = Date.now();
      assert.equal((await fetch(`${url}/v1/synpunkter`, post(sample()))).status, 201);
      const started = relay;
      await eventually(() => (started.store.list()[0]?.attempts ?? 0) >= 1, 10_000, 'an attempt');
      const [entry] = started.store.list();
      assert.equal(entry?.status, 'pending');
      assert.ok(
        Date.parse(entry.nextAttemptAt) <= Date.now() + DAY,
        `next attempt at ${entry.nextAttemptAt}, not within a day of ${new Date(sent).toISOString()}`,
      );
      assert.ok(Date.parse(entry.nextAttemptAt) >= sent + DAY - 60_000, 'but as long as a day');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('computes exponential backoff with jitter, capped, honouring Retry-After', () => {
    const options = { baseDelayMs: 1_000, maxDelayMs: 8_000 };
    assert.equal(
      backoffDelay(1, options, undefined, () => 0),
      500,
    );
    assert.equal(
      backoffDelay(1, options, undefined, () => 1),
      1_000,
    );
    assert.equal(
      backoffDelay(3, options, undefined, () => 1),
      4_000,
    );
    assert.equal(
      backoffDelay(10, options, undefined, () => 1),
      8_000,
    );
    assert.equal(
      backoffDelay(1, options, 30_000, () => 1),
      30_000,
    );
  });

  it('with the default settings, keeps retrying for at least 24 hours before a delivery is dead', () => {
    const { outbox } = parseConfig({
      storePath: ':memory:',
      targets: [{ name: 'registrator', type: 'rest', settings: {} }],
    });
    // The waits come after each failed attempt but the last; jitter at its lowest (half).
    let shortest = 0;
    let longest = 0;
    for (let attempt = 1; attempt < outbox.maxAttempts; attempt++) {
      shortest += backoffDelay(attempt, outbox, undefined, () => 0);
      longest += backoffDelay(attempt, outbox, undefined, () => 1);
    }
    const hours = (ms: number) => (ms / 3_600_000).toFixed(1);
    assert.ok(
      shortest >= DAY,
      `a 24-hour outage must not leave a synpunkt dead: ${hours(shortest)} h`,
    );
    // The README states both bounds.
    assert.deepEqual([hours(shortest), hours(longest)], ['24.2', '48.4']);
  });
});

describe('a delivery whose success cannot be recorded', () => {
  it('is not sent again: the record is retried until the store takes it', async () => {
    const tmp = tempDir();
    // A real backend: an HTTP server that answers every submission with a receipt.
    const received: string[] = [];
    const backend = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const { id } = JSON.parse(body) as { id: string };
        received.push(id);
        response.writeHead(201, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({ id, reference: `CASE-${received.length}`, receivedAt: new Date() }),
        );
      });
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    const logs = captureLogger();
    const relay = await createRelay(
      testConfig(join(tmp.dir, 'record.db'), {
        targets: [
          {
            name: 'case',
            type: 'rest',
            settings: { endpoint: `http://127.0.0.1:${port}/v1/synpunkter` },
          },
        ],
      }),
      { log: logs.log },
    );
    try {
      // The store refuses to record a delivery as delivered (as with a full disk) until the
      // trigger is dropped below; every other write still works.
      relay.store.db.exec(
        `CREATE TEMP TRIGGER refuse_delivered BEFORE UPDATE ON deliveries
         WHEN NEW.status = 'delivered'
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
      );
      relay.worker.start();
      const submission = sample();
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
      await eventually(
        () => logs.text().includes('"event":"delivery.record_failed"'),
        10_000,
        'the failed record',
      );
      // Long enough for several retries of a delivery that was wrongly taken as failed.
      await new Promise((r) => setTimeout(r, 300));
      relay.store.db.exec('DROP TRIGGER refuse_delivered');
      await eventually(() => relay.store.counts().delivered === 1, 10_000, 'the record');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(received, [submission.id], 'the backend got it exactly once');
      assert.deepEqual(relay.store.counts(), {
        pending: 0,
        delivered: 1,
        dead: 0,
        quarantined: 0,
        closed: 0,
      });
      assert.match(logs.text(), /"event":"delivery.recorded"/);
      assert.doesNotMatch(logs.text(), /"event":"delivery.(retry|dead)"/);
    } finally {
      await relay.stop();
      await new Promise((resolve) => backend.close(resolve));
      tmp.cleanup();
    }
  });
});
