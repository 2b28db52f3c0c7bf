import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createRelay, uploadTimeoutMs } from '../src/index.js';
import {
  captureLogger,
  countingAdapter,
  eventually,
  post,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

const DAY = 24 * 3600 * 1000;

describe('operations', () => {
  it('GET /healthz reports a writable store and each target’s last outcome; 503 once stopping', async () => {
    const tmp = tempDir();
    const backend = countingAdapter();
    const relay = await createRelay(testConfig(join(tmp.dir, 'h.db')), {
      log: captureLogger().log,
      adapters: { rest: () => backend },
    });
    relay.worker.start();
    try {
      let health = await relay.app.request('/healthz');
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), {
        status: 'ok',
        store: 'writable',
        targets: { mem: { outcome: 'none' } },
      });
      backend.state = 'down';
      await relay.app.request('/v1/synpunkter', post(sample()));
      await eventually(() => relay.worker.lastOutcome.get('mem')?.outcome === 'failed');
      health = await relay.app.request('/healthz');
      const body = (await health.json()) as { targets: { mem: { outcome: string; code: string } } };
      assert.equal(
        health.status,
        200,
        'a failing target does not make the relay unhealthy: it queues',
      );
      assert.equal(body.targets.mem.outcome, 'failed');
      assert.equal(body.targets.mem.code, 'AdapterError:unavailable');
    } finally {
      await relay.stop();
    }
    const stopped = await relay.app.request('/healthz');
    assert.equal(stopped.status, 503, 'a closed store is reported');
    tmp.cleanup();
  });

  it('GET /healthz is 503 while the store refuses submissions (a full disk), 200 once it has space again', async () => {
    const tmp = tempDir();
    const logs = captureLogger();
    const relay = await createRelay(testConfig(join(tmp.dir, 'full.db')), {
      log: logs.log,
      adapters: { rest: () => countingAdapter() },
    });
    try {
      assert.equal((await relay.app.request('/healthz')).status, 200);
      // A real SQLITE_FULL: the database may not grow by a single page. Updating a row in place
      // still works, as on a full disk; storing a new submission does not.
      const pages = relay.store.db.pragma('page_count', { simple: true }) as number;
      relay.store.db.pragma(`max_page_count = ${pages}`);
      const big = () => sample({ message: 'Gungan är trasig. '.repeat(400) });
      const refused = await relay.app.request('/v1/synpunkter', post(big()));
      assert.equal(refused.status, 503, 'the submission cannot be stored');
      // The form waits that long and sends it again, with the same Idempotency-Key.
      assert.equal(refused.headers.get('Retry-After'), '30');
      assert.match(logs.text(), /"event":"store.write_failed"/);
      const failing = await relay.app.request('/healthz');
      assert.equal(failing.status, 503, 'health agrees with POST');
      assert.equal(((await failing.json()) as { store: string }).store, 'failing');

      assert.equal((await relay.app.request('/healthz')).status, 503, 'still full: still failing');

      // Space again (the operator freed the disk): health recovers by itself, with no POST,
      // so a load balancer that took the relay out of service lets citizens back in.
      relay.store.db.pragma('max_page_count = 1073741823');
      assert.equal((await relay.app.request('/healthz')).status, 200, 'healthy again');
      assert.equal((await relay.app.request('/v1/synpunkter', post(big()))).status, 201);
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('creates a new store, and its -wal and -shm files, readable by the owner only', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'private.db');
    const umask = process.umask(0o022); // the usual umask, under which SQLite makes 0644
    try {
      const relay = await createRelay(testConfig(storePath), {
        log: captureLogger().log,
        adapters: { rest: () => countingAdapter() },
      });
      try {
        assert.equal((await relay.app.request('/v1/synpunkter', post(sample()))).status, 201);
        for (const file of [storePath, `${storePath}-wal`, `${storePath}-shm`]) {
          assert.equal((statSync(file).mode & 0o777).toString(8), '600', file);
        }
      } finally {
        await relay.stop();
      }
    } finally {
      process.umask(umask);
      tmp.cleanup();
    }
  });

  it('warns at start of an Open311 target without fallbackAddress, which Open311 would refuse', async () => {
    const tmp = tempDir();
    const open311 = (settings: Record<string, unknown>) => ({
      name: 'felanmalan',
      type: 'open311' as const,
      settings: {
        baseUrl: 'http://127.0.0.1:9/open311/v2',
        serviceCodes: { default: '1' },
        ...settings,
      },
    });
    // The warning reads the configuration; the backend itself is not called.
    const adapters = { open311: () => countingAdapter() };
    try {
      const logs = captureLogger();
      const config = testConfig(join(tmp.dir, 'a.db'), { targets: [open311({})] });
      await (await createRelay(config, { log: logs.log, adapters })).stop();
      const warning = logs.lines().find((line) => line.event === 'open311.no_fallback_address');
      assert.equal(warning?.target, 'felanmalan');
      assert.match(String(warning?.fix), /settings\.fallbackAddress/);

      const quiet = captureLogger();
      const named = testConfig(join(tmp.dir, 'b.db'), {
        targets: [open311({ fallbackAddress: 'Exempelkommun' })],
      });
      await (await createRelay(named, { log: quiet.log, adapters })).stop();
      assert.doesNotMatch(quiet.text(), /no_fallback_address/, 'a fallback address is enough');
    } finally {
      tmp.cleanup();
    }
  });

  it('warns at start when a store an earlier release made is readable by others', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'old.db');
    try {
      const first = await createRelay(testConfig(storePath), { log: captureLogger().log });
      await first.stop();
      const quiet = captureLogger();
      await (await createRelay(testConfig(storePath), { log: quiet.log })).stop();
      assert.doesNotMatch(quiet.text(), /store.readable_by_others/, 'a 0600 store is fine');
      chmodSync(storePath, 0o644);
      const logs = captureLogger();
      await (await createRelay(testConfig(storePath), { log: logs.log })).stop();
      assert.match(logs.text(), /"event":"store.readable_by_others".*"mode":"644"/);
      assert.ok(!logs.text().includes(tmp.dir), 'the warning names no path');
    } finally {
      tmp.cleanup();
    }
  });

  it('gives a request time for a body at the limit to arrive from a phone on a weak uplink', async () => {
    // Node's default of 5 minutes would cut off 16 MB at 32 KB/s (8 minutes) half-way.
    assert.ok(uploadTimeoutMs(16 * 1024 * 1024) > 8 * 60_000);
    const tmp = tempDir();
    const logger = captureLogger();
    const config = testConfig(join(tmp.dir, 'slow.db'));
    const relay = await createRelay(config, { log: logger.log });
    try {
      await relay.start();
      const listening = logger.lines().find((line) => line.event === 'relay.listening');
      assert.equal(listening?.requestTimeoutMs, uploadTimeoutMs(config.bodyLimitBytes ?? 0));
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('GET /metrics has every counter at 0 from the start, for every configured target', async () => {
    const tmp = tempDir();
    const relay = await createRelay(
      testConfig(join(tmp.dir, 'zero.db'), {
        targets: [
          { name: 'registrator', type: 'rest', settings: {} },
          { name: 'skolan', type: 'rest', settings: {}, areas: ['skola'] },
        ],
      }),
      { log: captureLogger().log, adapters: { rest: () => countingAdapter() } },
    );
    try {
      const text = await (await relay.app.request('/metrics')).text();
      const lines = ['synpunkt_accepted_total 0', 'synpunkt_replayed_total 0'];
      for (const target of ['registrator', 'skolan']) {
        for (const name of ['delivered', 'retried', 'dead', 'confirmation_failed']) {
          lines.push(`synpunkt_${name}_total{target="${target}"} 0`);
        }
      }
      for (const line of lines) assert.ok(text.includes(`${line}\n`), `has ${line}:\n${text}`);
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('GET /metrics speaks the Prometheus text format', async () => {
    const tmp = tempDir();
    const relay = await createRelay(testConfig(join(tmp.dir, 'm.db')), {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
    });
    relay.worker.start();
    try {
      const submission = sample();
      await relay.app.request('/v1/synpunkter', post(submission));
      await relay.app.request('/v1/synpunkter', post(submission));
      await relay.app.request('/v1/synpunkter', { method: 'POST', body: 'x' });
      await eventually(() => relay.metrics.delivered.get('mem') === 1);
      const response = await relay.app.request('/metrics');
      assert.match(response.headers.get('Content-Type')!, /^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      for (const line of [
        'synpunkt_accepted_total 1',
        'synpunkt_replayed_total 1',
        'synpunkt_rejected_total{reason="unsupported_media_type"} 1',
        'synpunkt_delivered_total{target="mem"} 1',
        'synpunkt_queue_depth{status="pending"} 0',
        'synpunkt_queue_depth{status="delivered"} 1',
        '# TYPE synpunkt_request_duration_seconds histogram',
        'synpunkt_request_duration_seconds_count{route="/v1/synpunkter"} 3',
      ]) {
        assert.ok(text.includes(`${line}\n`), `has ${line}`);
      }
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('keeps IP addresses and message text out of the logs, and out of the store once purged', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'p.db');
    const logs = captureLogger();
    const relay = await createRelay(testConfig(storePath, { trustProxy: true }), {
      log: logs.log,
      adapters: { rest: () => countingAdapter() },
    });
    const { port } = await relay.start();
    try {
      const ip = '203.0.113.77';
      const secret = 'Hemlighet-7f3a9c om grannen';
      const name = 'Zelda Testsson';
      const email = 'zelda.privat@example.org';
      const submission = sample({
        message: secret,
        reply: { wanted: true, via: 'email', name, email },
      });
      const url = `http://127.0.0.1:${port}/v1/synpunkter`;
      const accepted = await fetch(url, post(submission, { 'X-Forwarded-For': ip }));
      assert.equal(accepted.status, 201);
      const invalid = {
        ...submission,
        id: crypto.randomUUID(),
        reply: { wanted: false, name, email },
      };
      assert.equal((await fetch(url, post(invalid, { 'X-Forwarded-For': ip }))).status, 422);
      assert.equal(
        (await fetch(url, { ...post(submission, { 'X-Forwarded-For': ip }), body: `${secret}{` }))
          .status,
        400,
      );
      await eventually(() => relay.store.counts().delivered === 1);

      const logged = logs.text();
      assert.ok(logged.includes(submission.id), 'logs carry ids');
      for (const value of [ip, secret, name, email, 'Hemlighet']) {
        assert.ok(!logged.includes(value), `the logs do not contain ${value}`);
      }
      const rows = relay.store.db
        .prepare(`SELECT count(*) AS n FROM submissions WHERE body LIKE '%Hemlighet-7f3a9c%'`)
        .get() as { n: number };
      assert.equal(rows.n, 1, 'the text is stored once, in the submission itself');

      const inFiles = () =>
        [storePath, `${storePath}-wal`].filter(existsSync).map((f) => readFileSync(f));
      assert.ok(
        inFiles().some((file) => file.includes(secret)),
        'the text is in the files before the purge',
      );
      assert.equal(relay.worker.runRetention(Date.now() + 31 * DAY), 1);
      // Read while the relay still runs: no checkpoint at close has helped yet.
      for (const file of inFiles()) {
        for (const value of [ip, secret, name, email, 'Hemlighet']) {
          assert.equal(file.indexOf(value), -1, `the store files do not contain ${value}`);
        }
      }
    } finally {
      // Also when an assertion fails: a listening relay would keep the test process alive.
      await relay.stop();
    }
    const db = new Database(storePath, { readonly: true });
    assert.deepEqual(db.prepare('SELECT status FROM submissions').all(), [{ status: 'purged' }]);
    db.close();
    tmp.cleanup();
  });

  it('stops gracefully: refuses new submissions, lets a delivery in flight finish, closes the store', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 's.db');
    const backend = countingAdapter(300);
    const relay = await createRelay(testConfig(storePath), {
      log: captureLogger().log,
      adapters: { rest: () => backend },
    });
    await relay.start();
    const submission = sample();
    assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
    await eventually(() => backend.calls.length === 1, 5_000, 'the delivery to start');
    const stopping = relay.stop();
    const late = await relay.app.request('/v1/synpunkter', post(sample()));
    assert.equal(late.status, 503, 'a submission during shutdown is refused, to be retried');
    assert.ok(late.headers.get('Retry-After'));
    await stopping;
    assert.equal(relay.store.db.open, false, 'the store is closed');
    const db = new Database(storePath, { readonly: true });
    const row = db
      .prepare('SELECT status FROM deliveries WHERE submission_id = ?')
      .get(submission.id);
    db.close();
    assert.deepEqual(
      row,
      { status: 'delivered' },
      'the delivery in flight finished and was recorded',
    );
    tmp.cleanup();
  });
});
