import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRelay } from '../src/index.js';
import { recordsOf } from '../src/person.js';
import {
  captureLogger,
  countingAdapter,
  eventually,
  oneTryOutbox,
  post,
  relayWithBackends,
  restTargets,
  runCli,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

const DAY = 24 * 3600 * 1000;

describe('synpunkt-relay outbox close', () => {
  it('closes a dead delivery by hand: the dead count drops, and retention purges the submission', async () => {
    const tmp = tempDir();
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(join(tmp.dir, 'relay.db'), {
      outbox: oneTryOutbox(2),
      targets: restTargets('registrator', 'arkiv'),
    });
    writeFileSync(configPath, JSON.stringify(config));
    const registrator = countingAdapter();
    const arkiv = countingAdapter();
    arkiv.state = 'refusing';
    const relay = await relayWithBackends(config, [registrator, arkiv]);
    relay.worker.start();
    try {
      const submission = sample();
      const { reference } = (await (
        await relay.app.request('/v1/synpunkter', post(submission))
      ).json()) as { reference: string };
      await eventually(() => {
        const counts = relay.store.counts();
        return counts.delivered === 1 && counts.dead === 1;
      });
      assert.equal(
        relay.worker.runRetention(Date.now() + 31 * DAY),
        0,
        'a dead delivery keeps its submission',
      );

      const delivered = await runCli([
        'outbox',
        'close',
        reference,
        '--target',
        'registrator',
        '--config',
        configPath,
      ]);
      assert.equal(delivered.code, 1, 'a delivered delivery is not closed');
      assert.match(
        delivered.stderr,
        /to target "registrator" is delivered: there is nothing to close/,
      );

      const closed = await runCli(['outbox', 'close', reference, '--config', configPath]);
      assert.equal(closed.code, 0, closed.stderr);
      assert.match(
        closed.stdout,
        /Closed 1 delivery of \S+ \("arkiv"\) as handled by hand: it is not tried again\./,
      );

      const list = await runCli(['outbox', 'list', '--config', configPath]);
      assert.match(list.stdout, new RegExp(`${reference}\\s+${submission.id}\\s+arkiv\\s+closed`));
      const again = await runCli(['outbox', 'close', reference, '--config', configPath]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /delivered or closed already/);

      const metrics = await (await relay.app.request('/metrics')).text();
      for (const line of [
        'synpunkt_queue_depth{status="dead"} 0',
        'synpunkt_queue_depth{status="closed"} 1',
        'synpunkt_queue_depth{status="delivered"} 1',
      ]) {
        assert.ok(metrics.includes(`${line}\n`), `has ${line}`);
      }
      assert.equal(arkiv.calls.length, 1, 'a closed delivery is not tried again');

      assert.equal(relay.worker.runRetention(Date.now() + 29 * DAY), 0, 'kept retentionDays');
      assert.equal(relay.worker.runRetention(Date.now() + 31 * DAY), 1, 'then purged');
      const after = await runCli(['outbox', 'list', '--json', '--config', configPath]);
      assert.deepEqual(JSON.parse(after.stdout), [], 'gone from the list');
      const row = relay.store.db
        .prepare('SELECT status, body FROM submissions WHERE id = ?')
        .get(submission.id);
      assert.deepEqual(row, { status: 'purged', body: null });
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('a closed submission sent again by retry is open again until it is delivered', async () => {
    const tmp = tempDir();
    const config = testConfig(join(tmp.dir, 'relay.db'), {
      outbox: oneTryOutbox(1),
      targets: restTargets('registrator'),
    });
    const registrator = countingAdapter();
    registrator.state = 'refusing';
    const relay = await relayWithBackends(config, [registrator]);
    relay.worker.start();
    try {
      const submission = sample();
      const status = () => recordsOf(relay.store.db, [submission.id])[0]?.status;
      await relay.app.request('/v1/synpunkter', post(submission));
      await eventually(() => relay.store.counts().dead === 1);
      assert.equal(relay.store.closeDeliveries(submission.id).outcome, 'closed');
      assert.equal(status(), 'closed');

      // The registry takes it after all: the operator sends it again.
      registrator.state = 'up';
      assert.equal(relay.store.retry(submission.id), 1);
      assert.equal(status(), 'accepted', 'what person show says: not dealt with yet');
      await eventually(() => relay.store.counts().delivered === 1, 10_000, 'delivered');
      assert.equal(status(), 'delivered');
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('names what is missing: no such submission, no delivery to that target', async () => {
    const tmp = tempDir();
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(join(tmp.dir, 'relay.db'));
    writeFileSync(configPath, JSON.stringify(config));
    const relay = await createRelay(config, {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
    });
    const submission = sample();
    await relay.app.request('/v1/synpunkter', post(submission));
    await relay.stop();
    try {
      const missing = await runCli(['outbox', 'close', 'SYN-1999-000001', '--config', configPath]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No submission SYN-1999-000001/);
      const wrongTarget = await runCli([
        'outbox',
        'close',
        submission.id,
        '--target',
        'arkiv',
        '--config',
        configPath,
      ]);
      assert.equal(wrongTarget.code, 1);
      assert.match(wrongTarget.stderr, /has no delivery to target "arkiv" \(its targets: mem\)/);
      const pending = await runCli([
        'outbox',
        'close',
        submission.id,
        '--target',
        'mem',
        '--config',
        configPath,
      ]);
      assert.equal(pending.code, 0, pending.stderr);
    } finally {
      tmp.cleanup();
    }
  });
});
