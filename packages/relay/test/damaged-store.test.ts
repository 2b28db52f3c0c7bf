import assert from 'node:assert/strict';
import { closeSync, copyFileSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { restAdapter } from '@synpunkt/adapters/rest';
import { AdapterError, PROBLEM_TYPES } from '@synpunkt/sdk';
import { createRelay, type Relay } from '../src/index.js';
import { captureLogger, post, runCli, sample, tempDir, testConfig } from './helpers.js';

// A real damaged file, not a mocked SQLite: a store with submissions, some of whose pages are
// overwritten as a failing disk or a copy taken while the relay ran leaves them.

const PAGE = 4096;

/** Overwrites these pages (numbered from 1, as SQLite does) of the file at `path` with junk. */
function overwritePages(path: string, pages: readonly number[]): void {
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, (page - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
}

/** The page an index or table starts on: where a lookup by it reads first. */
function rootPage(path: string, name: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as
      { rootpage: number } | undefined;
    assert.ok(row, `${name} is in the schema`);
    return row.rootpage;
  } finally {
    db.close();
  }
}

describe('a damaged store (SQLITE_CORRUPT)', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  const sound = join(tmp.dir, 'sound.db');
  let made = false;

  /** A copy of a store that holds 300 submissions (made once), at `name`. */
  async function storeWithSubmissions(name: string): Promise<string> {
    if (!made) {
      const relay = await createRelay(testConfig(sound), { log: captureLogger().log });
      for (let i = 0; i < 300; i++) {
        const answer = await relay.app.request('/v1/synpunkter', post(sample()));
        assert.equal(answer.status, 201);
      }
      await relay.stop(); // checkpoints the WAL into the file
      made = true;
    }
    const path = join(tmp.dir, name);
    copyFileSync(sound, path);
    return path;
  }

  async function healthOf(url: string) {
    const response = await fetch(`${url}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function assertOneDamagedLine(lines: Record<string, unknown>[], storePath: string) {
    const errors = lines.filter((line) => line['level'] === 'error');
    const damaged = errors.filter((line) => line['event'] === 'store.damaged');
    assert.equal(damaged.length, 1, `one store.damaged line: ${JSON.stringify(errors)}`);
    assert.equal(damaged[0]!['storePath'], storePath);
    assert.match(String(damaged[0]!['code']), /^SQLITE_CORRUPT/);
    assert.match(String(damaged[0]!['fix']), /restore the last backup/);
    assert.match(String(damaged[0]!['fix']), /docs\/relay-in-production\.md/);
    const events = errors.map((line) => line['event']);
    assert.ok(!events.includes('request.error'), `no bare internal error: ${events.join(', ')}`);
    assert.ok(
      !events.includes('outbox.poll_failed'),
      `no line at every poll: ${events.join(', ')}`,
    );
  }

  it('found by a submission while running: 503 instead of 500, and /healthz turns unhealthy', async () => {
    const path = await storeWithSubmissions('running.db');
    const captured = captureLogger();
    let relay: Relay | undefined = await createRelay(testConfig(path), { log: captured.log });
    try {
      const { port } = await relay.start();
      const url = `http://127.0.0.1:${port}`;
      assert.equal((await healthOf(url)).status, 200, 'sound at start');
      // The file is damaged under the running relay: the index a receipt is looked up by.
      const other = new Database(path);
      other.pragma('wal_checkpoint(TRUNCATE)');
      overwritePages(path, [rootPage(path, 'sqlite_autoindex_submissions_1')]);
      // Another connection writes, so the relay's connection reads the file again.
      other.prepare('UPDATE health SET at = 0').run();
      other.close();

      const answer = await fetch(`${url}/v1/synpunkter`, post(sample()));
      assert.equal(answer.status, 503, 'the form keeps the text and offers to try again');
      const problem = (await answer.json()) as { type: string };
      assert.equal(problem.type, PROBLEM_TYPES.unavailable);
      assert.ok(Number(answer.headers.get('Retry-After')) > 0);

      const health = await healthOf(url);
      assert.equal(health.status, 503);
      assert.equal(health.body['store'], 'damaged');
      assert.match(String(health.body['code']), /^SQLITE_CORRUPT/);
      assert.match(String(health.body['fix']), /A damaged store.*docs\/relay-in-production\.md/);

      // It stays so: a second submission is refused before its body is read.
      assert.equal((await fetch(`${url}/v1/synpunkter`, post(sample()))).status, 503);
      // The form's client gives up at once (Retry-After is longer than it waits for while the
      // sender waits) with a failure worth trying again: the form keeps the text.
      const form = restAdapter({ endpoint: `${url}/v1/synpunkter` });
      await assert.rejects(form.submit(sample()), (error: unknown) => {
        assert.ok(error instanceof AdapterError, String(error));
        assert.equal(error.reason, 'unavailable');
        assert.equal(error.retryable, true);
        return true;
      });
      await new Promise((r) => setTimeout(r, 200)); // a few outbox polls
      assertOneDamagedLine(captured.lines(), path);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.match(
        metrics,
        /^synpunkt_rejected_total\{reason="store_damaged"\} 3$/m,
        'the client tried once, not again and again',
      );
      await relay.stop();
      relay = undefined;
    } finally {
      await relay?.stop().catch(() => {});
    }
  });

  it('found at start by PRAGMA quick_check, where no request reads (an old submission)', async () => {
    const path = await storeWithSubmissions('at-start.db');
    // The table's last pages: old submissions nobody asks for until retention or a delivery.
    const { pages } = (() => {
      const db = new Database(path, { readonly: true });
      const n = db.pragma('page_count', { simple: true }) as number;
      db.close();
      return { pages: [n - 2, n - 1] };
    })();
    overwritePages(path, pages);
    const captured = captureLogger();
    const relay = await createRelay(testConfig(path), { log: captured.log });
    try {
      const { port } = await relay.start();
      const url = `http://127.0.0.1:${port}`;
      const health = await healthOf(url);
      assert.equal(health.status, 503, JSON.stringify(health.body));
      assert.equal(health.body['store'], 'damaged');
      assert.equal((await fetch(`${url}/v1/synpunkter`, post(sample()))).status, 503);
      assertOneDamagedLine(captured.lines(), path);
      const line = captured.lines().find((l) => l['event'] === 'store.damaged');
      assert.match(String(line?.['found']), /^PRAGMA quick_check at start: /);
      const checked = captured.lines().find((l) => l['event'] === 'store.checked');
      assert.ok(Number(checked?.['problems']) > 0);
    } finally {
      await relay.stop();
    }
  });

  it('a sound store passes the check at start and is healthy', async () => {
    const path = await storeWithSubmissions('sound-copy.db');
    const captured = captureLogger();
    const relay = await createRelay(testConfig(path), { log: captured.log });
    try {
      const { port } = await relay.start();
      assert.equal((await healthOf(`http://127.0.0.1:${port}`)).status, 200);
      const checked = captured.lines().find((l) => l['event'] === 'store.checked');
      assert.equal(checked?.['problems'], 0);
    } finally {
      await relay.stop();
    }
  });

  it('too damaged to open (its schema overwritten): exit code 78 naming storePath and what to do', async () => {
    const path = await storeWithSubmissions('unreadable.db');
    // Page 1 after its 100-byte header: the schema's first page.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(PAGE - 100, 0x5a), 0, PAGE - 100, 100);
    closeSync(fd);
    const configPath = join(tmp.dir, 'unreadable.json');
    writeFileSync(configPath, JSON.stringify(testConfig(path)));
    const { code, stderr } = await runCli(['--config', configPath]);
    assert.equal(code, 78, stderr);
    assert.ok(stderr.includes(`The store is damaged (storePath: ${path}, SQLITE_CORRUPT`), stderr);
    assert.match(stderr, /restore the last backup/);
    assert.match(stderr, /docs\/relay-in-production\.md/);
    assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
  });
});
