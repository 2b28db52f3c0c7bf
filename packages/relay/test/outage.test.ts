import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sampleSubmission } from '@synpunkt/sdk/testing';
import { createRelay, type Relay } from '../src/index.js';
import {
  captureLogger,
  emailSettings,
  eventually,
  post,
  smtpSink,
  tempDir,
  testConfig,
  type SmtpSink,
} from './helpers.js';

const TOTAL = 300;

describe('outage: the SMTP server is down for part of the run', () => {
  let sink: SmtpSink;
  let relay: Relay;
  const tmp = tempDir();
  const logs = captureLogger();

  before(async () => {
    sink = await smtpSink();
    relay = await createRelay(
      testConfig(join(tmp.dir, 'relay.db'), {
        outbox: {
          maxAttempts: 1_000,
          baseDelayMs: 20,
          maxDelayMs: 100,
          pollIntervalMs: 20,
          concurrency: 16,
          timeoutMs: 5_000,
        },
        targets: [{ name: 'registrator', type: 'email', settings: emailSettings(sink.port) }],
      }),
      { log: logs.log },
    );
    await relay.start();
  });
  after(async () => {
    await relay.stop();
    await sink.stop().catch(() => {});
    tmp.cleanup();
  });

  it('delivers everything once the server is back, nothing twice, nothing dead', async (t) => {
    const submissions = Array.from({ length: TOTAL }, () => sampleSubmission());
    const send = async (from: number, to: number) => {
      for (let i = from; i < to; i += 10) {
        const batch = submissions.slice(i, Math.min(i + 10, to));
        const answers = await Promise.all(
          batch.map((s) => relay.app.request('/v1/synpunkter', post(s))),
        );
        for (const answer of answers) assert.equal(answer.status, 201);
      }
    };
    await send(0, 100);
    await eventually(() => sink.ids.length >= 50, 20_000, 'the first mails');
    await sink.stop();
    // While it is down, the relay keeps accepting: the submissions wait in the outbox.
    await send(100, 250);
    await eventually(
      () => relay.metrics.retried.get('registrator') >= 20,
      20_000,
      'failed attempts',
    );
    const mailedBeforeOutage = sink.ids.length;
    assert.ok(relay.store.counts().pending > 0, 'deliveries wait while the server is down');
    await sink.start();
    await send(250, TOTAL);
    await eventually(() => new Set(sink.ids).size === TOTAL, 60_000, 'every mail');
    await eventually(() => relay.store.counts().delivered === TOTAL, 10_000, 'the store to agree');

    t.diagnostic(
      `${mailedBeforeOutage} mailed before the outage ended, ${relay.metrics.retried.get('registrator')} retries`,
    );
    assert.equal(sink.ids.length, TOTAL, 'no mail arrived twice');
    assert.deepEqual(new Set(sink.ids), new Set(submissions.map((s) => s.id)), 'every id arrived');
    assert.equal(relay.store.counts().dead, 0, 'nothing was given up on');
    const retryLines = logs.lines().filter((line) => line.event === 'delivery.retry');
    assert.ok(retryLines.length > 0, 'retries are logged');
    assert.ok(
      retryLines.every((line) => typeof line.code === 'string' && !String(line.code).includes(' ')),
      'retry log lines carry an error code, not a message',
    );
  });
});
