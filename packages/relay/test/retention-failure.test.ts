import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRelay, Store } from '../src/index.js';
import { captureLogger, countingAdapter, post, sample, tempDir, testConfig } from './helpers.js';

describe('a retention sweep that fails', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it('does not stop the relay from starting or taking synpunkter; it is logged and tried again', async () => {
    const purge = Store.prototype.purgeDelivered;
    let failures = 1;
    // As SQLite says when the disk is full while the sweep overwrites content.
    Store.prototype.purgeDelivered = function (this: Store, before: number): number {
      if (failures-- > 0) {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return purge.call(this, before);
    };
    const logger = captureLogger();
    try {
      const relay = await createRelay(testConfig(join(tmp.dir, 'sweep.db')), {
        log: logger.log,
        adapters: { rest: () => countingAdapter() },
      });
      try {
        await relay.start();
        const failed = logger.lines().find((line) => line.event === 'retention.failed');
        assert.ok(failed, logger.text());
        assert.match(String(failed.code), /SQLITE_FULL/);
        const response = await relay.app.request('/v1/synpunkter', post(sample()));
        assert.equal(response.status, 201, 'synpunkter are still taken');
        // The next sweep runs as usual.
        assert.equal(relay.worker.runRetention(), 0);
      } finally {
        await relay.stop();
      }
    } finally {
      Store.prototype.purgeDelivered = purge;
    }
  });
});
