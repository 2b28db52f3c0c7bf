// A second demo started from the same folder: the store is the first one's.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StoreInUseError } from '@synpunkt/relay';
import { startDemo } from '../src/demo.js';

const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-demo-twice-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Whether something listens on the port on loopback. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a second demo on the same store', () => {
  it('is refused at once, and leaves nothing listening; the first keeps running', async () => {
    const options = {
      relayPort: 0,
      storePath: join(dataDir, 'demo.sqlite'),
      logPath: join(dataDir, 'relay.log'),
    };
    const first = await startDemo({ ...options, sitePort: 0, smtpPort: 0 });
    try {
      // Ports of its own, free now: after the refusal nothing may hold them.
      const probe = await startDemo({ ...options, storePath: join(dataDir, 'probe.sqlite') });
      const sitePort = Number(new URL(probe.siteUrl).port);
      const smtpPort = probe.smtpPort;
      await probe.stop();
      await assert.rejects(
        startDemo({ ...options, sitePort, smtpPort }),
        (error) => error instanceof StoreInUseError,
      );
      assert.equal(await listening(sitePort), false, 'the second site was closed');
      assert.equal(await listening(smtpPort), false, 'the second mail catcher was closed');
      const health = await fetch(`${first.relayUrl}/healthz`);
      assert.equal(health.status, 200);
    } finally {
      await first.stop();
    }
  });
});
