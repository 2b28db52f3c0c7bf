import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { figuresOf, Store, type RelayConfigInput } from '../src/index.js';
import {
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

/**
 * A stopped relay's store with one synpunkt: "registrator" delivered it, "arkiv" and "kansli"
 * refused it for good (dead).
 */
async function twoDeadOneDelivered(dir: string) {
  const configPath = join(dir, 'relay.config.json');
  const config = testConfig(join(dir, 'relay.db'), {
    outbox: oneTryOutbox(3),
    targets: restTargets('registrator', 'arkiv', 'kansli'),
  });
  writeFileSync(configPath, JSON.stringify(config));
  const registrator = countingAdapter();
  const arkiv = countingAdapter();
  arkiv.state = 'refusing';
  const kansli = countingAdapter();
  kansli.state = 'refusing';
  const relay = await relayWithBackends(config, [registrator, arkiv, kansli]);
  relay.worker.start();
  const answer = await relay.app.request('/v1/synpunkter', post(sample()));
  const { reference } = (await answer.json()) as { reference: string };
  await eventually(() => {
    const counts = relay.store.counts();
    return counts.delivered === 1 && counts.dead === 2;
  });
  await relay.stop();
  return { config, configPath, reference };
}

/** Each delivery as `target status attempts`, from `outbox list --json`. */
async function deliveries(configPath: string): Promise<string[]> {
  const { stdout } = await runCli(['outbox', 'list', '--json', '--config', configPath]);
  return (JSON.parse(stdout) as { target: string; status: string; attempts: number }[])
    .map((e) => `${e.target} ${e.status} ${e.attempts}`)
    .sort();
}

const retry = (reference: string, target: string, configPath: string) =>
  runCli(['outbox', 'retry', reference, '--target', target, '--config', configPath]);

describe('synpunkt-relay outbox retry --target', () => {
  it('reopens only the named target’s delivery', async () => {
    const tmp = tempDir();
    try {
      const { configPath, reference } = await twoDeadOneDelivered(tmp.dir);
      const result = await retry(reference, 'arkiv', configPath);
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stdout,
        new RegExp(`The delivery of ${reference} to target "arkiv" will be tried \\(again\\)`),
      );
      assert.deepEqual(await deliveries(configPath), ['arkiv pending 0', 'kansli dead 1']);
    } finally {
      tmp.cleanup();
    }
  });

  it('says so, with exit code 1, when there is no delivery of it to retry', async () => {
    const tmp = tempDir();
    try {
      const { config, configPath, reference } = await twoDeadOneDelivered(tmp.dir);

      const wrongTarget = await retry(reference, 'gammal', configPath);
      assert.equal(wrongTarget.code, 1);
      assert.match(
        wrongTarget.stderr,
        /has no delivery to target "gammal" \(its targets: arkiv, kansli, registrator\)/,
      );

      const delivered = await retry(reference, 'registrator', configPath);
      assert.equal(delivered.code, 1);
      assert.match(
        delivered.stderr,
        /to target "registrator" is delivered: there is nothing to retry/,
      );

      const missing = await retry('SYN-1999-000001', 'arkiv', configPath);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No submission SYN-1999-000001 in the store/);

      // "kansli" taken out of the configuration: no relay would send its delivery.
      const withoutKansli = join(tmp.dir, 'without-kansli.json');
      const targets = config.targets.filter((t) => t.name !== 'kansli');
      writeFileSync(withoutKansli, JSON.stringify({ ...config, targets } as RelayConfigInput));
      const removed = await retry(reference, 'kansli', withoutKansli);
      assert.equal(removed.code, 1);
      assert.match(removed.stderr, /"kansli" is not in the configuration/);
      assert.match(removed.stderr, /outbox move --from kansli --to <target>/);

      assert.deepEqual(
        await deliveries(configPath),
        ['arkiv dead 1', 'kansli dead 1'],
        'nothing reopened',
      );
    } finally {
      tmp.cleanup();
    }
  });
});

describe('retry --target on a quarantined synpunkt', () => {
  it('is refused while another target holds it back too: a quarantine is released whole', async () => {
    const tmp = tempDir();
    try {
      const configPath = join(tmp.dir, 'relay.config.json');
      const config = testConfig(join(tmp.dir, 'relay.db'), {
        targets: restTargets('arkiv', 'kansli'),
      });
      writeFileSync(configPath, JSON.stringify(config));
      const held = sample();
      const store = new Store(config.storePath);
      const accepted = store.accept({
        id: held.id,
        hash: held.id,
        body: JSON.stringify(held),
        receivedAt: new Date(),
        targets: ['arkiv', 'kansli'],
        quarantined: true,
        figures: figuresOf(held),
      });
      store.close();
      assert.equal(accepted.outcome, 'created');
      const { reference } = accepted.receipt;

      const one = await retry(reference, 'arkiv', configPath);
      assert.equal(one.code, 1);
      assert.match(
        one.stderr,
        new RegExp(
          `to target "arkiv" is held back as possible spam, and so are its deliveries to "kansli".*outbox retry ${reference} --config`,
        ),
      );
      assert.deepEqual(await deliveries(configPath), [
        'arkiv quarantined 0',
        'kansli quarantined 0',
      ]);

      const whole = await runCli(['outbox', 'retry', reference, '--config', configPath]);
      assert.equal(whole.code, 0, whole.stderr);
      assert.deepEqual(await deliveries(configPath), ['arkiv pending 0', 'kansli pending 0']);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('--target with the other outbox commands', () => {
  it('retry --all --target reopens the dead deliveries to that target only', async () => {
    const tmp = tempDir();
    try {
      const { config, configPath } = await twoDeadOneDelivered(tmp.dir);
      const result = await runCli([
        'outbox',
        'retry',
        '--all',
        '--target',
        'kansli',
        '--config',
        configPath,
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^1 dead delivery to target "kansli" will be tried again\.$/m);
      assert.deepEqual(await deliveries(configPath), ['arkiv dead 1', 'kansli pending 0']);

      // "arkiv" taken out of the configuration: its dead delivery is left, and the command says
      // how to hand it on.
      const withoutArkiv = join(tmp.dir, 'without-arkiv.json');
      const targets = config.targets.filter((t) => t.name !== 'arkiv');
      writeFileSync(withoutArkiv, JSON.stringify({ ...config, targets } as RelayConfigInput));
      const removed = await runCli([
        'outbox',
        'retry',
        '--all',
        '--target',
        'arkiv',
        '--config',
        withoutArkiv,
      ]);
      assert.equal(removed.code, 1, removed.stderr);
      assert.match(
        removed.stderr,
        /^1 dead delivery to target "arkiv" left as it is: "arkiv" is not in the configuration/m,
      );
      assert.match(removed.stderr, /outbox move --from arkiv --to <target>/);
      assert.deepEqual(await deliveries(configPath), ['arkiv dead 1', 'kansli pending 0']);
    } finally {
      tmp.cleanup();
    }
  });

  it('list --target lists that target’s deliveries, and says when it has none', async () => {
    const tmp = tempDir();
    try {
      const { configPath, reference } = await twoDeadOneDelivered(tmp.dir);
      const list = await runCli(['outbox', 'list', '--target', 'arkiv', '--config', configPath]);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, new RegExp(`^${reference}\\s+\\S+\\s+arkiv\\s+dead`, 'm'));
      assert.doesNotMatch(list.stdout, /kansli/);
      const none = await runCli([
        'outbox',
        'list',
        '--target',
        'registrator',
        '--config',
        configPath,
      ]);
      assert.match(
        none.stdout,
        /^No pending, dead, quarantined or closed deliveries to target "registrator"\.$/m,
      );
    } finally {
      tmp.cleanup();
    }
  });

  it('is refused, with exit code 64, by a command that does not take it', async () => {
    const tmp = tempDir();
    try {
      const { configPath } = await twoDeadOneDelivered(tmp.dir);
      for (const [args, message] of [
        [
          ['outbox', 'move', '--from', 'a', '--to', 'arkiv', '--target', 'x'],
          /^synpunkt-relay outbox move does not take --target\.$/m,
        ],
        [['report', '--target', 'arkiv'], /^synpunkt-relay report does not take --target\.$/m],
        [['outbox', 'list', '--csv'], /^synpunkt-relay outbox list does not take --csv\.$/m],
        [
          ['outbox', 'list', '--lang', 'sv'],
          /^synpunkt-relay outbox list does not take --lang\.$/m,
        ],
      ] as const) {
        const result = await runCli([...args, '--config', configPath]);
        assert.equal(result.code, 64, args.join(' '));
        assert.match(result.stderr, message);
      }
      assert.deepEqual(
        await deliveries(configPath),
        ['arkiv dead 1', 'kansli dead 1'],
        'nothing was changed',
      );
    } finally {
      tmp.cleanup();
    }
  });
});
