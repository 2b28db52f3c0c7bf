import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRelay, StoreInUseError, type Relay, type RelayConfigInput } from '../src/index.js';
import {
  captureLogger,
  countingAdapter,
  eventually,
  post,
  relayWithBackends,
  restTargets,
  runCli,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

// What the review of `outbox close` and `outbox move` found: each of these lost a synpunkt, sent
// one twice, or kept what should have been purged.

const DAY = 24 * 3600 * 1000;

/** A relay with targets "registrator" (down: pending, in backoff) and "arkiv" (refusing: dead). */
async function oneWorkingOneDead(dir: string): Promise<{
  relay: Relay;
  config: RelayConfigInput;
  configPath: string;
}> {
  const configPath = join(dir, 'relay.config.json');
  const config = testConfig(join(dir, 'relay.db'), {
    outbox: {
      maxAttempts: 5,
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      pollIntervalMs: 10,
      concurrency: 2,
      timeoutMs: 1_000,
    },
    targets: restTargets('registrator', 'arkiv'),
  });
  writeFileSync(configPath, JSON.stringify(config));
  const registrator = countingAdapter();
  registrator.state = 'down';
  const arkiv = countingAdapter();
  arkiv.state = 'refusing';
  const relay = await relayWithBackends(config, [registrator, arkiv]);
  relay.worker.start();
  return { relay, config, configPath };
}

/** Runs `test` with that relay, and stops it and removes its files afterwards. */
async function withOneWorkingOneDead(
  test: (setup: Awaited<ReturnType<typeof oneWorkingOneDead>>) => Promise<void>,
): Promise<void> {
  const tmp = tempDir();
  const setup = await oneWorkingOneDead(tmp.dir);
  try {
    await test(setup);
  } finally {
    await setup.relay.stop();
    tmp.cleanup();
  }
}

const statusOf = (relay: Relay, target: string) =>
  relay.store.list().find((entry) => entry.target === target)?.status;

/** Sends one synpunkt and waits until "arkiv" has refused it for good ("registrator" still tries). */
async function sentWithArkivDead(relay: Relay) {
  const submission = sample();
  const answer = await relay.app.request('/v1/synpunkter', post(submission));
  const { reference } = (await answer.json()) as { reference: string };
  await eventually(() => statusOf(relay, 'arkiv') === 'dead', 10_000, 'arkiv dead');
  return { submission, reference };
}

describe('closing and moving deliveries safely', () => {
  it('close without --target leaves a delivery still being tried; retry opens a closed one again', async () => {
    await withOneWorkingOneDead(async ({ relay, configPath }) => {
      const { reference } = await sentWithArkivDead(relay);
      assert.equal(statusOf(relay, 'registrator'), 'pending');

      const closed = await runCli(['outbox', 'close', reference, '--config', configPath]);
      assert.equal(closed.code, 0, closed.stderr);
      assert.match(closed.stdout, /Closed 1 delivery .*\("arkiv"\)/);
      assert.equal(statusOf(relay, 'registrator'), 'pending', 'the working target keeps it');
      assert.equal(
        relay.worker.runRetention(Date.now() + 31 * DAY),
        0,
        'nothing purged while a delivery is open',
      );

      const again = await runCli(['outbox', 'close', reference, '--config', configPath]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /"registrator" is still being tried/);

      const reopened = await runCli(['outbox', 'retry', reference, '--config', configPath]);
      assert.equal(reopened.code, 0, reopened.stderr);
      assert.match(reopened.stdout, /2 deliveries of .* will be tried/, 'the closed one too');
      assert.notEqual(statusOf(relay, 'arkiv'), 'closed', 'the close is undone');
    });
  });

  it('a delivery closed while its attempt was in flight is recorded as delivered, with its reference', async () => {
    await withOneWorkingOneDead(async ({ relay }) => {
      const { submission } = await sentWithArkivDead(relay);
      // The operator closes it while an attempt is under way; then the backend takes it.
      relay.store.closeDeliveries(submission.id, 'registrator');
      assert.equal(
        relay.store.markDelivered(submission.id, 'registrator', 'REG-1', Date.now()),
        true,
      );
      const entry = relay.store.list().find((e) => e.target === 'registrator');
      assert.equal(entry, undefined, 'delivered: no longer in the outbox list');
      assert.equal(relay.store.counts().delivered, 1);
    });
  });

  it('purges a quarantined submission whose other delivery was closed', async () => {
    await withOneWorkingOneDead(async ({ relay }) => {
      const caught = sample();
      await relay.app.request('/v1/synpunkter', post(caught, { 'Synpunkt-Honeypot': 'x' }));
      assert.equal(relay.store.closeDeliveries(caught.id, 'arkiv').outcome, 'closed');
      assert.equal(relay.worker.runRetention(Date.now() + 31 * DAY), 1);
    });
  });

  it('move waits for the relay to stop: an attempt in flight would be made again', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(storePath);
    writeFileSync(configPath, JSON.stringify(config));
    const relay = await createRelay(config, {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
    });
    try {
      const moved = await runCli([
        'outbox',
        'move',
        '--from',
        'gammal',
        '--to',
        'mem',
        '--config',
        configPath,
      ]);
      assert.equal(moved.code, 75, moved.stderr);
      assert.match(moved.stderr, /A relay is running on this store .* Stop it, run move/);
    } finally {
      await relay.stop();
    }
    const after = await runCli([
      'outbox',
      'move',
      '--from',
      'gammal',
      '--to',
      'mem',
      '--config',
      configPath,
    ]);
    assert.equal(after.code, 1, 'with the relay stopped, move runs (and finds nothing to move)');
    assert.match(after.stderr, /No pending, dead or quarantined deliveries to target "gammal"/);
    tmp.cleanup();
  });

  it('one lock for one store, also when a second path leads to it (a symlink)', async () => {
    const tmp = tempDir();
    mkdirSync(join(tmp.dir, 'real'));
    symlinkSync(join(tmp.dir, 'real'), join(tmp.dir, 'alias'));
    const options = { log: captureLogger().log, adapters: { rest: () => countingAdapter() } };
    const first = await createRelay(testConfig(join(tmp.dir, 'real', 'relay.db')), options);
    try {
      await assert.rejects(
        createRelay(
          testConfig(join(tmp.dir, 'alias', 'relay.db'), { storeLockWaitMs: 0 }),
          options,
        ),
        StoreInUseError,
      );
    } finally {
      await first.stop();
      tmp.cleanup();
    }
  });
});
