// An integrator's own adapter, named in the configuration with `"type": "module"`: the
// synpunkt-relay command loads it, gives it its settings with the secrets filled in, and
// delivers through it with the same outbox as the built-in adapters.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sampleSubmission } from '@synpunkt/sdk/testing';
import { ConfigError, createRelay, loadConfig, parseConfig, silentLogger } from '../src/index.js';
import {
  captureLogger,
  eventually,
  kill,
  post,
  startChild,
  tempDir,
  testConfig,
} from './helpers.js';

/**
 * The adapter as an integrator would write it, in a plain ES module of their own beside the
 * configuration: a factory that checks its settings and returns `{ name, submit }`.
 */
const CASE_PORTAL_ADAPTER = `
export function casePortalAdapter(settings) {
  if (typeof settings.inbox !== 'string') throw new TypeError('casePortalAdapter: inbox: must be a URL');
  if (typeof settings.token !== 'string') throw new TypeError('casePortalAdapter: token: must be text');
  return {
    name: 'case-portal',
    async submit(submission, context = {}) {
      const response = await fetch(settings.inbox, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + settings.token },
        body: JSON.stringify({ reference: context.reference, synpunkt: submission }),
        signal: context.signal,
      });
      if (!response.ok) throw new Error('the case portal answered ' + response.status);
      return { id: submission.id, reference: context.reference, receivedAt: new Date().toISOString() };
    },
  };
}
export default casePortalAdapter;
export function notAnAdapter() {
  return { name: 'half' };
}
export async function asyncFactory(settings) {
  return casePortalAdapter(settings);
}
`;

interface Received {
  headers: IncomingHttpHeaders;
  /** `{ reference, synpunkt }` from the case-portal adapter; the submission itself from `rest`. */
  body: { id?: string; reference?: string; synpunkt?: { id: string; message: string } };
}

/**
 * The integrator's case portal: a real HTTP server that records what it is sent and answers
 * with a receipt (which the `rest` adapter reads; the case-portal adapter ignores it).
 */
async function casePortal(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text) as Received['body'];
      received.push({ headers: request.headers, body });
      const id = body.id ?? body.synpunkt?.id;
      response
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id, reference: 'PORTAL-1', receivedAt: new Date().toISOString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/inbox`, received, server };
}

describe('a target of type "module": the integrator’s own adapter', () => {
  const tmp = tempDir();
  let portal: Awaited<ReturnType<typeof casePortal>>;

  before(async () => {
    portal = await casePortal();
    mkdirSync(join(tmp.dir, 'adapters'));
    writeFileSync(join(tmp.dir, 'adapters', 'case-portal.mjs'), CASE_PORTAL_ADAPTER);
  });
  after(async () => {
    await new Promise((resolve) => portal.server.close(resolve));
    tmp.cleanup();
  });

  const target = (extra: Record<string, unknown>) => ({
    name: 'arendeportalen',
    type: 'module' as const,
    settings: { inbox: portal.url, token: { env: 'CASE_PORTAL_TOKEN' } },
    ...extra,
  });

  /** Writes a configuration beside the adapter and loads it as synpunkt-relay does. */
  const writeAndLoad = (extra: Record<string, unknown>) => {
    const path = join(tmp.dir, 'relay.config.json');
    const config = testConfig(join(tmp.dir, 'never-opened.db'), { targets: [target(extra)] });
    writeFileSync(path, JSON.stringify(config));
    return loadConfig(path);
  };

  /** The ConfigError that createRelay throws for this target. */
  const startError = async (extra: Record<string, unknown>): Promise<string> => {
    try {
      await createRelay(writeAndLoad(extra), {
        log: silentLogger,
        env: { CASE_PORTAL_TOKEN: 'hemligt' },
      });
    } catch (error) {
      assert.ok(error instanceof ConfigError, `a ConfigError, not ${String(error)}`);
      return error.message;
    }
    assert.fail('expected the relay to refuse the configuration');
  };

  it('is loaded by synpunkt-relay from a path relative to the configuration file, and delivers', async () => {
    // The relay runs in its own package directory; the adapter sits beside the configuration.
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(join(tmp.dir, 'relay.db'), {
      targets: [target({ module: './adapters/case-portal.mjs', export: 'casePortalAdapter' })],
    });
    const relay = await startChild(config, configPath, [], { CASE_PORTAL_TOKEN: 'hemligt' });
    try {
      const submission = sampleSubmission({ message: 'Gatlampan på Storgatan är trasig.' });
      const response = await fetch(`${relay.url}/v1/synpunkter`, post(submission));
      assert.equal(response.status, 201);
      const receipt = (await response.json()) as { reference: string };

      await eventually(() => portal.received.length === 1, 10_000, 'the case portal to get it');
      const [delivered] = portal.received;
      assert.equal(delivered!.headers.authorization, 'Bearer hemligt', 'the secret came from env');
      assert.equal(delivered!.body.synpunkt?.id, submission.id);
      assert.equal(delivered!.body.synpunkt?.message, 'Gatlampan på Storgatan är trasig.');
      assert.equal(delivered!.body.reference, receipt.reference, 'the sender’s reference');
      // The portal has it before the relay has its answer: wait for the relay to record it.
      await eventually(
        () => /"event":"delivery\.delivered"/.test(relay.output()),
        10_000,
        'the relay to log the delivery',
      );
    } finally {
      await kill(relay, 'SIGTERM');
    }
  });

  /** Starts an in-process relay, sends one submission, and waits for the portal to get it. */
  const deliverThrough = async (config: Parameters<typeof createRelay>[0]): Promise<Received> => {
    const before = portal.received.length;
    const relay = await createRelay(config, {
      log: silentLogger,
      env: { CASE_PORTAL_TOKEN: 'hemligt' },
    });
    try {
      const { port } = await relay.start();
      const submission = sampleSubmission();
      const response = await fetch(`http://127.0.0.1:${port}/v1/synpunkter`, post(submission));
      assert.equal(response.status, 201);
      await eventually(() => portal.received.length > before, 10_000, 'the portal to get it');
      const received = portal.received[before]!;
      assert.equal(received.body.id ?? received.body.synpunkt?.id, submission.id);
      return received;
    } finally {
      await relay.stop();
    }
  };

  it('uses the default export when no `export` is named', async () => {
    const config = writeAndLoad({ module: './adapters/case-portal.mjs' });
    config.storePath = join(tmp.dir, 'default-export.db');
    const received = await deliverThrough(config);
    assert.equal(received.headers.authorization, 'Bearer hemligt');
  });

  it('takes an installed package by name, such as @synpunkt/adapters/rest', async () => {
    const received = await deliverThrough(
      testConfig(join(tmp.dir, 'package.db'), {
        targets: [
          {
            name: 'rest-as-module',
            type: 'module',
            module: '@synpunkt/adapters/rest',
            export: 'restAdapter',
            settings: { endpoint: portal.url },
          },
        ],
      }),
    );
    assert.ok(received.headers['idempotency-key'], 'the rest adapter itself sent it');
  });

  it('logs the backend’s own reference with the delivery, so an operator can find the case', async () => {
    const capture = captureLogger();
    const relay = await createRelay(
      testConfig(join(tmp.dir, 'remote-reference.db'), {
        targets: [
          {
            name: 'arendeportalen',
            type: 'module',
            module: '@synpunkt/adapters/rest',
            export: 'restAdapter',
            settings: { endpoint: portal.url },
          },
        ],
      }),
      { log: capture.log },
    );
    try {
      const { port } = await relay.start();
      const submission = sampleSubmission();
      const response = await fetch(`http://127.0.0.1:${port}/v1/synpunkter`, post(submission));
      assert.equal(response.status, 201);
      await eventually(
        () => capture.lines().some((line) => line.event === 'delivery.delivered'),
        10_000,
        'the relay to log the delivery',
      );
      const delivered = capture.lines().find((line) => line.event === 'delivery.delivered')!;
      assert.equal(delivered.id, submission.id);
      const receipt = (await response.json()) as { reference: string };
      assert.equal(delivered.reference, receipt.reference, 'the number on the sender’s receipt');
      assert.equal(delivered.remoteReference, 'PORTAL-1', 'the case portal’s number');
    } finally {
      await relay.stop();
    }
  });

  it('says what is wrong, naming the target, when the adapter cannot be used', async () => {
    assert.match(
      await startError({ module: './adapters/missing.mjs' }),
      /targets\[0\]\.module \(target "arendeportalen"\): cannot load the adapter: .*missing\.mjs/,
    );
    assert.match(
      await startError({ module: './adapters/case-portal.mjs', export: 'diariumAdapter' }),
      /has no function exported as diariumAdapter \(its functions: .*casePortalAdapter.*\)/,
    );
    assert.match(
      await startError({ module: './adapters/case-portal.mjs', export: 'notAnAdapter' }),
      /targets\[0\] \(target "arendeportalen"\): the factory did not return an adapter/,
    );
    assert.match(
      await startError({ module: './adapters/case-portal.mjs', export: 'asyncFactory' }),
      /it returned a Promise: a factory must not be async/,
    );
    // Node's own words for these two do not say what to do; the relay adds it.
    // A .ts file gives the same error in production; under tsx (these tests) it would load.
    writeFileSync(join(tmp.dir, 'adapters', 'case-portal.coffee'), CASE_PORTAL_ADAPTER);
    assert.match(
      await startError({ module: './adapters/case-portal.coffee' }),
      /Unknown file extension "\.coffee".*The relay loads JavaScript \(\.js, \.mjs\): compile your adapter first/,
    );
    writeFileSync(
      join(tmp.dir, 'adapters', 'imports.mjs'),
      `import '@synpunkt-test/not-installed';\n${CASE_PORTAL_ADAPTER}`,
    );
    assert.match(
      await startError({ module: './adapters/imports.mjs' }),
      /Cannot find package '@synpunkt-test\/not-installed'.*Node looks for @synpunkt-test\/not-installed beside your file, not beside the relay: bundle the adapter/,
    );
    assert.match(
      await startError({ module: '@synpunkt-test/not-installed' }),
      /Install @synpunkt-test\/not-installed where the relay is installed/,
    );
    assert.doesNotMatch(
      await startError({ module: './adapters/missing.mjs' }),
      /bundle|compile|Install/,
      'a missing file itself needs no hint: its path is in the message',
    );
    const withoutInbox = writeAndLoad({ module: './adapters/case-portal.mjs' });
    withoutInbox.targets[0]!.settings = { token: 'x' };
    await assert.rejects(
      createRelay(withoutInbox, { log: silentLogger }),
      /targets\[0\]\.settings \(target "arendeportalen"\): casePortalAdapter: inbox: must be a URL/,
    );
  });

  it('needs `module` for type "module", and refuses it for the built-in types', () => {
    const refused = (extra: Record<string, unknown>, type = 'module') => {
      try {
        parseConfig(
          testConfig('/tmp/never-opened.db', {
            targets: [{ ...target(extra), type } as never],
          }),
        );
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.message;
      }
      assert.fail('expected a ConfigError');
    };
    assert.match(refused({}), /targets\[0\]\.module: is required for type "module"/);
    assert.match(
      refused({ module: './x.mjs', export: 'x' }, 'rest'),
      /targets\[0\]\.module: is only for type "module".*\n.*targets\[0\]\.export: is only for type "module"/,
    );
    assert.match(refused({ module: './x.mjs', export: 'not a name' }), /targets\[0\]\.export/);
  });
});
