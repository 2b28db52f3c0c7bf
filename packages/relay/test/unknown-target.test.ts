import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRelay, figuresOf, Store } from '../src/index.js';
import {
  captureLogger,
  countingAdapter,
  eventually,
  runCli,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

/**
 * A store written while the configuration still had a target "old" (since removed or renamed to
 * "registrator"): one pending and one dead delivery to "old", and one submission that went to
 * both.
 */
function storeWithOldTarget(storePath: string) {
  const store = new Store(storePath);
  const accept = (targets: string[]) => {
    const submission = sample();
    const result = store.accept({
      id: submission.id,
      hash: submission.id,
      body: JSON.stringify(submission),
      receivedAt: new Date(),
      targets,
      quarantined: false,
      figures: figuresOf(submission),
    });
    assert.equal(result.outcome, 'created');
    return { id: submission.id, reference: result.receipt.reference };
  };
  const pending = accept(['old']);
  const dead = accept(['old']);
  const both = accept(['old', 'registrator']);
  store.markFailed(dead.id, 'old', { dead: true, nextAttemptAt: 0, error: 'AdapterError' }, 1);
  store.close();
  return { pending, dead, both };
}

const config = (storePath: string) =>
  testConfig(storePath, { targets: [{ name: 'registrator', type: 'rest', settings: {} }] });

describe('deliveries to a target no longer configured', () => {
  it('are reported at start, in /healthz (still 200) and in /metrics, and not attempted', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    storeWithOldTarget(storePath);
    const logs = captureLogger();
    const backend = countingAdapter();
    const relay = await createRelay(config(storePath), {
      log: logs.log,
      adapters: { rest: () => backend },
    });
    relay.worker.start();
    try {
      const warning = logs.lines().find((line) => line.event === 'outbox.unknown_target');
      assert.ok(warning, logs.text());
      assert.equal(warning.level, 'warn');
      assert.equal(warning.target, 'old');
      assert.equal(warning.pending, 2);
      assert.equal(warning.dead, 1);

      const health = await relay.app.request('/healthz');
      assert.equal(health.status, 200, 'stranded deliveries are not a store failure');
      const body = (await health.json()) as { unknownTargets?: unknown };
      assert.deepEqual(body.unknownTargets, { old: { pending: 2, dead: 1, quarantined: 0 } });

      const metrics = await (await relay.app.request('/metrics')).text();
      assert.ok(
        metrics.includes('synpunkt_unknown_target_deliveries{target="old",status="pending"} 2\n'),
        metrics,
      );
      assert.ok(
        metrics.includes('synpunkt_unknown_target_deliveries{target="old",status="dead"} 1\n'),
      );

      await eventually(() => relay.store.counts().delivered === 1, 10_000, 'the configured one');
      assert.equal(backend.calls.length, 1, 'only the delivery to the configured target is sent');
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('retry leaves them and names the target; move hands them to a configured target', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const { pending, dead, both } = storeWithOldTarget(storePath);
    writeFileSync(configPath, JSON.stringify(config(storePath)));
    const list = async () => {
      const { stdout } = await runCli(['outbox', 'list', '--json', '--config', configPath]);
      return (
        JSON.parse(stdout) as {
          reference: string;
          target: string;
          status: string;
          attempts: number;
        }[]
      )
        .map((e) => `${e.reference} ${e.target} ${e.status} ${e.attempts}`)
        .sort();
    };
    try {
      const one = await runCli(['outbox', 'retry', dead.reference, '--config', configPath]);
      assert.equal(one.code, 1, 'nothing was retried');
      assert.doesNotMatch(one.stdout, /will be tried/);
      assert.match(
        one.stdout,
        /1 delivery of \S+ to target "old" left as it is: .* so no relay would send it\. Hand it to/,
      );
      assert.match(one.stdout, /"old" is not in the configuration/);
      assert.match(one.stdout, /outbox move --from old --to <target>/);

      // Nothing retried is exit code 1, with the reason and what to do.
      const all = await runCli(['outbox', 'retry', '--all', '--config', configPath]);
      assert.equal(all.code, 1);
      assert.doesNotMatch(all.stdout, /will be tried again/);
      assert.match(all.stdout, /1 dead delivery to target "old" left as it is/);
      assert.ok((await list()).includes(`${dead.reference} old dead 1`), 'still dead');

      const wrongTo = await runCli([
        'outbox',
        'move',
        '--from',
        'old',
        '--to',
        'nowhere',
        '--config',
        configPath,
      ]);
      assert.equal(wrongTo.code, 64);
      assert.match(wrongTo.stderr, /--to: "nowhere" is not a target in the configuration/);
      const fromConfigured = await runCli([
        'outbox',
        'move',
        '--from',
        'registrator',
        '--to',
        'registrator',
        '--config',
        configPath,
      ]);
      assert.equal(fromConfigured.code, 64);
      assert.match(fromConfigured.stderr, /--from: "registrator" is still a target/);

      const moved = await runCli([
        'outbox',
        'move',
        '--from',
        'old',
        '--to',
        'registrator',
        '--config',
        configPath,
      ]);
      assert.equal(moved.code, 0, moved.stderr);
      assert.match(moved.stdout, /^2 deliveries moved from "old" to "registrator"/m);
      assert.ok(moved.stdout.includes(`1 left on "old"`), moved.stdout);
      assert.ok(moved.stdout.includes(both.reference), moved.stdout);
      assert.deepEqual(
        await list(),
        [
          `${both.reference} old pending 0`,
          `${both.reference} registrator pending 0`,
          `${dead.reference} registrator pending 0`,
          `${pending.reference} registrator pending 0`,
        ].sort(),
      );
      const again = await runCli([
        'outbox',
        'move',
        '--from',
        'gone',
        '--to',
        'registrator',
        '--config',
        configPath,
      ]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /No pending, dead or quarantined deliveries to target "gone"/);

      // A relay now delivers the moved ones.
      const backend = countingAdapter();
      const relay = await createRelay(config(storePath), {
        log: captureLogger().log,
        adapters: { rest: () => backend },
      });
      relay.worker.start();
      try {
        await eventually(() => backend.calls.length === 3, 10_000, 'the moved deliveries');
        assert.deepEqual(
          [...backend.calls].sort(),
          [pending.id, dead.id, both.id].sort(),
          'each submission once',
        );
      } finally {
        await relay.stop();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
