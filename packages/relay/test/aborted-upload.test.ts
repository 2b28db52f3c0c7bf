import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRelay } from '../src/index.js';
import { captureLogger, eventually, post, sample, tempDir, testConfig } from './helpers.js';

describe('an upload the sender’s connection drops halfway (a phone leaving Wi-Fi)', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it('is logged as request.aborted at info, not as an error of the relay', async () => {
    const captured = captureLogger();
    const relay = await createRelay(testConfig(join(tmp.dir, 'relay.db')), {
      log: captured.log,
    });
    try {
      const { port } = await relay.start();
      const submission = sample();
      const body = JSON.stringify(submission);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /v1/synpunkter HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
              `Content-Type: application/json\r\nIdempotency-Key: ${submission.id}\r\n` +
              `Content-Length: ${body.length + 1000}\r\n\r\n${body.slice(0, 100)}`,
          );
          // The rest never comes: the connection breaks.
          setTimeout(() => socket.resetAndDestroy(), 200);
        });
        socket.once('close', () => resolve());
        socket.once('error', reject);
      });
      await eventually(
        () => captured.lines().some((line) => line['event'] === 'request.aborted'),
        5_000,
        'request.aborted',
      );
      const errors = captured.lines().filter((line) => line['level'] === 'error');
      assert.deepEqual(errors, [], 'nothing for an operator to look into');
      const aborted = captured.lines().find((line) => line['event'] === 'request.aborted');
      assert.equal(aborted?.['level'], 'info');
      assert.equal(aborted?.['route'], '/v1/synpunkter');
      assert.equal(relay.store.counts().pending, 0, 'nothing half-sent was stored');
      // And the relay goes on taking synpunkter.
      const answer = await fetch(`http://127.0.0.1:${port}/v1/synpunkter`, post(sample()));
      assert.equal(answer.status, 201);
    } finally {
      await relay.stop();
    }
  });

  it('a fault of the relay after the whole body arrived is still request.error at error', async () => {
    const captured = captureLogger();
    const relay = await createRelay(testConfig(join(tmp.dir, 'faulty.db')), { log: captured.log });
    try {
      const { port } = await relay.start();
      // A store that fails under the relay (as a damaged file does): a fault to look into.
      relay.store.db.close();
      const answer = await fetch(`http://127.0.0.1:${port}/v1/synpunkter`, post(sample()));
      assert.equal(answer.status, 500);
      const events = captured.lines().map((line) => `${line['level']} ${line['event']}`);
      assert.ok(events.includes('error request.error'), events.join(', '));
      assert.ok(!events.includes('info request.aborted'), events.join(', '));
    } finally {
      await relay.stop().catch(() => {});
    }
  });
});
