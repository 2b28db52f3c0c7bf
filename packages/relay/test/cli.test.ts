import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createRelay,
  figuresOf,
  silentLogger,
  Store,
  type RelayConfigInput,
} from '../src/index.js';
import {
  countingAdapter,
  eventually,
  kill,
  oneTryOutbox,
  post,
  runCli,
  sample,
  startChild,
  tempDir,
  testConfig,
} from './helpers.js';

describe('synpunkt-relay outbox', () => {
  const tmp = tempDir();
  const configPath = join(tmp.dir, 'relay.config.json');
  let config: RelayConfigInput;
  const dead = sample();
  const quarantined = sample();
  let deadReference = '';

  before(async () => {
    config = testConfig(join(tmp.dir, 'relay.db'), {
      outbox: oneTryOutbox(1),
    });
    writeFileSync(configPath, JSON.stringify(config));
    const backend = countingAdapter();
    backend.state = 'refusing';
    const relay = await createRelay(config, {
      log: silentLogger,
      adapters: { rest: () => backend },
    });
    relay.worker.start();
    const receipt = (await (await relay.app.request('/v1/synpunkter', post(dead))).json()) as {
      reference: string;
    };
    deadReference = receipt.reference;
    await relay.app.request('/v1/synpunkter', post(quarantined, { 'Synpunkt-Honeypot': 'x' }));
    await eventually(() => relay.store.counts().dead === 1);
    await relay.stop();
  });
  after(() => tmp.cleanup());

  it('lists dead and quarantined deliveries', async () => {
    const { code, stdout } = await runCli(['outbox', 'list', '--config', configPath]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`${deadReference}\\s+${dead.id}\\s+mem\\s+dead\\s+1`));
    assert.match(stdout, new RegExp(`${quarantined.id}\\s+mem\\s+quarantined`));
    assert.doesNotMatch(stdout, /Gungan/, 'no message text in the listing');
    const json = await runCli(['outbox', 'list', '--json', '--config', configPath]);
    const entries = JSON.parse(json.stdout) as { submissionId: string; status: string }[];
    assert.deepEqual(entries.map((e) => e.status).sort(), ['dead', 'quarantined']);
  });

  it('retries one by reference, all dead ones with --all, and says when there is nothing', async () => {
    const all = await runCli(['outbox', 'retry', '--all', '--config', configPath]);
    assert.equal(all.code, 0);
    assert.match(all.stdout, /^1 dead delivery will be tried again\./m);
    const nothing = await runCli(['outbox', 'retry', '--all', '--config', configPath]);
    assert.equal(nothing.code, 1, 'nothing left to retry');
    assert.match(nothing.stderr, /^No dead deliveries to retry\.$/m);
    const one = await runCli(['outbox', 'retry', quarantined.id, '--config', configPath]);
    assert.equal(one.code, 0);
    const unknown = await runCli(['outbox', 'retry', 'SYN-1999-000001', '--config', configPath]);
    assert.equal(unknown.code, 1);
    const { stdout } = await runCli(['outbox', 'list', '--json', '--config', configPath]);
    const entries = JSON.parse(stdout) as { status: string; attempts: number }[];
    assert.deepEqual(
      entries.map((e) => [e.status, e.attempts]),
      [
        ['pending', 0],
        ['pending', 0],
      ],
    );
    void deadReference;
  });

  it('stops with exit code 78 and names the field for a bad configuration', async () => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...config, rateLimit: { windowMs: -1, max: 5 } }));
    const { code, stderr } = await runCli(['--config', bad]);
    assert.equal(code, 78);
    assert.match(stderr, /rateLimit\.windowMs: must be greater than 0/);
    writeFileSync(bad, JSON.stringify({ ...config, bodyBytesInFlight: 1024 }));
    const small = await runCli(['--config', bad]);
    assert.equal(small.code, 78);
    assert.match(small.stderr, /bodyBytesInFlight: must be at least bodyLimitBytes/);
  });

  it('stops with exit code 78 naming storePath when its directory does not exist', async () => {
    const bad = join(tmp.dir, 'no-dir.json');
    const directory = join(tmp.dir, 'not-created');
    writeFileSync(bad, JSON.stringify({ ...config, storePath: join(directory, 'relay.db') }));
    const { code, stderr } = await runCli(['--config', bad]);
    assert.equal(code, 78, stderr);
    assert.ok(
      stderr.includes(`storePath: the directory ${directory} does not exist`),
      `names the field and the directory: ${stderr}`,
    );
    const outbox = await runCli(['outbox', 'list', '--config', bad]);
    assert.equal(outbox.code, 78, outbox.stderr);
    assert.ok(!existsSync(directory));
  });

  it('stops with exit code 78 naming storePath when it names no store: another file, a directory', async () => {
    // A restored backup still compressed, the configuration file itself: SQLite says only
    // "file is not a database", the relay exited 1 and systemd restarted it into it again.
    const other = join(tmp.dir, 'relay.db.gz');
    writeFileSync(other, 'not an SQLite database, but bytes all the same\n'.repeat(100));
    const notAStore = join(tmp.dir, 'not-a-store.json');
    writeFileSync(notAStore, JSON.stringify({ ...config, storePath: other }));
    for (const args of [
      ['--config', notAStore],
      ['outbox', 'list', '--config', notAStore],
    ]) {
      const { code, stderr } = await runCli(args);
      assert.equal(code, 78, stderr);
      assert.ok(
        stderr.includes(`storePath: ${other} is not an SQLite database (SQLITE_NOTADB)`),
        `names the field and the file: ${stderr}`,
      );
    }
    // A directory: not a matter of owners and modes, as SQLite's SQLITE_CANTOPEN made it sound.
    const directory = join(tmp.dir, 'store-directory');
    mkdirSync(directory);
    const aDirectory = join(tmp.dir, 'a-directory.json');
    writeFileSync(aDirectory, JSON.stringify({ ...config, storePath: directory }));
    const { code, stderr } = await runCli(['--config', aDirectory]);
    assert.equal(code, 78, stderr);
    assert.ok(
      stderr.includes(`storePath: ${directory} is a directory; name the store file in it`),
      `names the field and says what is wrong: ${stderr}`,
    );
  });

  it('stops with exit code 78 on a store a newer release wrote: a restart would not help', async () => {
    // A rollback without restoring the backup: systemd's Restart=on-failure restarted exit
    // code 1 every RestartSec, for ever, into the same message.
    const storePath = join(tmp.dir, 'newer.db');
    const newer = new Store(storePath);
    newer.db.pragma('user_version = 99');
    newer.close();
    const path = join(tmp.dir, 'newer.json');
    writeFileSync(path, JSON.stringify({ ...config, storePath }));
    for (const args of [
      ['--config', path],
      ['outbox', 'list', '--config', path],
    ]) {
      const { code, stderr } = await runCli(args);
      assert.equal(code, 78, stderr);
      assert.match(stderr, /storePath: the store .*newer\.db has schema version 99, newer than/);
    }
  });

  it('shows the usage without --config, and says it is missing', async () => {
    const { code, stderr } = await runCli([]);
    assert.equal(code, 64);
    assert.match(stderr, /^synpunkt-relay: --config <file> is missing\.$/m);
    assert.match(stderr, /Usage:/);
  });

  it('says what is wrong with the command’s words before it reads anything', async () => {
    const cases: [string[], RegExp][] = [
      [['start'], /there is no command "start" \(the commands are outbox, report and person/],
      [['outbox'], /outbox: give a command: list, retry, move or close\./],
      [['outbox', 'frob'], /outbox: there is no command "frob"/],
      [['outbox', 'retry'], /outbox retry: give one submission id or reference, or --all\./],
      [['outbox', 'retry', '--all', 'SYN-2026-000001'], /give an id or --all, not both/],
      [['outbox', 'move', '--from', 'old'], /give --from <old target> and --to <new target>/],
      [['outbox', 'close'], /outbox close: give one submission id or reference\./],
      [['outbox', 'list', 'extra'], /outbox list takes no "extra"/],
      [['report', '2026-Q3'], /report takes no "2026-Q3"/],
    ];
    for (const [words, reason] of cases) {
      const { code, stdout, stderr } = await runCli([...words, '--config', configPath]);
      assert.equal(code, 64, words.join(' '));
      assert.match(stderr, reason, words.join(' '));
      assert.match(stderr, /Usage:/);
      assert.doesNotMatch(`${stdout}${stderr}`, /^Store: /m, 'nothing was opened');
    }
  });

  it('a --target that is nowhere is a typing mistake, not "nothing to do"', async () => {
    for (const words of [['list'], ['retry', '--all']]) {
      const args = ['outbox', ...words, '--target', 'nosuch', '--config', configPath];
      const { code, stderr } = await runCli(args);
      assert.equal(code, 64, args.join(' '));
      assert.match(
        stderr,
        /--target: "nosuch" is not a target in the configuration .* \(its targets: mem\)/,
      );
    }
  });

  it('exits 64 with the usage for an unknown option or a missing value', async () => {
    for (const args of [
      ['--bogus', '--config', configPath],
      ['outbox', 'list', '--bogus', '--config', configPath],
      ['outbox', 'list', '--config'],
    ]) {
      const { code, stderr } = await runCli(args);
      assert.equal(code, 64, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /Usage:/);
    }
    const { stderr } = await runCli(['--bogus', '--config', configPath]);
    assert.match(stderr, /^synpunkt-relay: Unknown option '--bogus'\.$/m);
  });
});

describe('synpunkt-relay outbox from another directory', () => {
  it('reads the store next to the configuration file, and never creates one', async () => {
    const tmp = tempDir();
    const elsewhere = tempDir();
    try {
      const configPath = join(tmp.dir, 'relay.json');
      // A relative storePath, as in a configuration kept next to its store.
      writeFileSync(configPath, JSON.stringify(testConfig('relay.db')));
      const store = new Store(join(tmp.dir, 'relay.db'));
      const held = sample();
      store.accept({
        id: held.id,
        hash: 'h',
        body: JSON.stringify(held),
        receivedAt: new Date(),
        targets: ['mem'],
        quarantined: true,
        figures: figuresOf(held),
      });
      store.close();

      const list = await runCli(['outbox', 'list', '--config', configPath], elsewhere.dir);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, new RegExp(`^Store: ${join(tmp.dir, 'relay.db')}$`, 'm'));
      assert.match(list.stdout, new RegExp(`${held.id}\\s+mem\\s+quarantined`));
      const json = await runCli(
        ['outbox', 'list', '--json', '--config', configPath],
        elsewhere.dir,
      );
      assert.equal((JSON.parse(json.stdout) as unknown[]).length, 1, 'stdout is only the JSON');
      assert.match(json.stderr, /^Store: /m);
      assert.deepEqual(readdirSync(elsewhere.dir), [], 'no store created in the working directory');

      const missing = join(tmp.dir, 'missing.json');
      writeFileSync(missing, JSON.stringify(testConfig('missing.db')));
      const refused = await runCli(['outbox', 'list', '--config', missing], elsewhere.dir);
      assert.equal(refused.code, 78);
      assert.match(refused.stderr, /storePath: the store \S+\/missing\.db does not exist/);
      assert.ok(!existsSync(join(tmp.dir, 'missing.db')), 'nothing was created');
    } finally {
      tmp.cleanup();
      elsewhere.cleanup();
    }
  });
});

describe('synpunkt-relay after an upgrade from a release that read storePath from the working directory', () => {
  it('stops with 78 and says where the store is, instead of starting on an empty one', async () => {
    const etc = tempDir();
    const work = tempDir();
    try {
      const configPath = join(etc.dir, 'relay.json');
      writeFileSync(configPath, JSON.stringify(testConfig('relay.db')));
      // The store an earlier release made in its working directory.
      new Store(join(work.dir, 'relay.db')).close();
      const { code, stderr } = await runCli(['outbox', 'list', '--config', configPath], work.dir);
      assert.equal(code, 78, stderr);
      assert.ok(stderr.includes(`the store is at ${join(work.dir, 'relay.db')}`), stderr);
      assert.ok(stderr.includes(`Set storePath to "${join(work.dir, 'relay.db')}"`), stderr);
      assert.ok(!existsSync(join(etc.dir, 'relay.db')), 'no new store beside the configuration');
    } finally {
      etc.cleanup();
      work.cleanup();
    }
  });
});

describe('synpunkt-relay on SIGTERM', () => {
  it('finishes the request in flight, then exits 0', async () => {
    const tmp = tempDir();
    const relay = await startChild(
      testConfig(join(tmp.dir, 'relay.db')),
      join(tmp.dir, 'relay.config.json'),
    );
    try {
      // A request whose body is still arriving when SIGTERM comes.
      const submission = sample();
      const body = JSON.stringify(submission);
      const request = httpRequest(`${relay.url}/v1/synpunkter`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'Idempotency-Key': submission.id,
        },
      });
      const response = new Promise<number>((resolve, reject) => {
        request.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        request.on('error', reject);
      });
      request.write(body.slice(0, 100));
      await new Promise((r) => setTimeout(r, 200));
      relay.process.kill('SIGTERM');
      await eventually(() => relay.output().includes('relay.stopping'), 10_000, 'the signal');
      request.end(body.slice(100));
      assert.equal(await response, 201, 'the request in flight was answered');
      const { code } = await relay.exited;
      assert.equal(code, 0);
      assert.match(relay.output(), /"event":"relay.stopping","signal":"SIGTERM"/);
      assert.match(relay.output(), /"event":"relay.stopped"/);
    } finally {
      await kill(relay);
      tmp.cleanup();
    }
  });
});
