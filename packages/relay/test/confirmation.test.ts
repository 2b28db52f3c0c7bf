import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRelay } from '../src/index.js';
import {
  captureLogger,
  emailSettings,
  eventually,
  post,
  sample,
  smtpSink,
  tempDir,
  testConfig,
} from './helpers.js';

describe('a confirmation mail the SMTP server refuses', () => {
  it('is a JSON warning with the submission id and target (never the address), and a metric', async (t) => {
    const address = 'zelda.privat@example.org';
    // A real SMTP server that takes the clerk's mail but has no mailbox for the sender.
    const sink = await smtpSink((recipient) => recipient === address);
    const tmp = tempDir();
    const logs = captureLogger();
    const stderr = t.mock.method(console, 'warn', () => {});
    const relay = await createRelay(
      testConfig(join(tmp.dir, 'relay.db'), {
        targets: [
          {
            name: 'registrator',
            type: 'email',
            settings: { ...emailSettings(sink.port), confirmation: { enabled: true } },
          },
        ],
      }),
      { log: logs.log },
    );
    relay.worker.start();
    try {
      const submission = sample({
        reply: { wanted: true, via: 'email', name: 'Zelda Testsson', email: address },
      });
      assert.equal((await relay.app.request('/v1/synpunkter', post(submission))).status, 201);
      await eventually(
        () => logs.lines().some((line) => line.event === 'confirmation.failed'),
        10_000,
        'the warning',
      );
      const warning = logs.lines().find((line) => line.event === 'confirmation.failed')!;
      assert.equal(warning.level, 'warn');
      assert.equal(warning.id, submission.id);
      assert.equal(warning.target, 'registrator');
      assert.match(String(warning.code), /^AdapterError:rejected:550$/);
      assert.ok(!logs.text().includes(address), 'the address is not logged');
      assert.ok(!logs.text().includes('example.org'), 'nor its domain');
      assert.equal(stderr.mock.callCount(), 0, 'no plain-text line on stderr');

      await eventually(() => relay.store.counts().delivered === 1, 10_000, 'the delivery');
      assert.deepEqual(sink.ids, [submission.id], 'the clerk has it, once');
      const metrics = await (await relay.app.request('/metrics')).text();
      assert.ok(
        metrics.includes('synpunkt_confirmation_failed_total{target="registrator"} 1\n'),
        metrics,
      );
      assert.ok(metrics.includes('synpunkt_delivered_total{target="registrator"} 1\n'));
    } finally {
      await relay.stop();
      await sink.stop();
      tmp.cleanup();
    }
  });
});
