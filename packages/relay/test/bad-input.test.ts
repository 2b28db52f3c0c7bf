import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sampleSubmission } from '@synpunkt/sdk/testing';
import { kill, startChild, tempDir, testConfig, type ChildRelay } from './helpers.js';

const REQUESTS = 10_000;
const CLIENTS = 16;
const LIMIT = 64 * 1024;

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

type Malformed = { name: string; init: () => RequestInit & { duplex?: 'half' } };

const valid = () => sampleSubmission();
const json = (body: BodyInit, headers: Record<string, string> = {}, id?: string): RequestInit => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'Idempotency-Key': id ?? crypto.randomUUID(),
    ...headers,
  },
  body,
});
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** The kinds of malformed request, sent in turn. */
const KINDS: Malformed[] = [
  { name: 'broken JSON', init: () => json('{"schemaVersion": 1, "id": ') },
  { name: 'empty body', init: () => json('') },
  { name: 'trailing garbage', init: () => json(`${JSON.stringify(valid())} x`) },
  { name: 'JSON null', init: () => json('null') },
  { name: 'JSON array', init: () => json('[1,2,3]') },
  { name: 'JSON string', init: () => json('"hej"') },
  {
    name: 'wrong types',
    init: () => {
      const s = valid();
      return json(
        JSON.stringify({ ...s, message: 42, kind: ['complaint'], reply: 'yes' }),
        {},
        s.id,
      );
    },
  },
  {
    name: 'too long message',
    init: () => {
      const s = valid();
      return json(JSON.stringify({ ...s, message: 'x'.repeat(20_000) }), {}, s.id);
    },
  },
  { name: 'huge body with Content-Length', init: () => json('x'.repeat(LIMIT * 4)) },
  {
    name: 'huge body streamed without Content-Length',
    init: () => {
      const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= LIMIT * 4) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return { ...json(body), duplex: 'half' };
    },
  },
  { name: 'deep nesting', init: () => json(deep(5_000)) },
  { name: 'deep arrays', init: () => json(`${'['.repeat(20_000)}${']'.repeat(20_000)}`) },
  {
    name: 'deep nesting inside a field',
    init: () => {
      const s = valid();
      const text = JSON.stringify(s).replace('"place":', `"place":${deep(2_000)},"x":`);
      return json(text, {}, s.id);
    },
  },
  {
    name: 'invalid UTF-8',
    init: () => {
      const s = valid();
      const text = JSON.stringify(s);
      const bytes = Buffer.concat([
        Buffer.from(text.slice(0, 40)),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from(text.slice(40)),
      ]);
      return json(bytes, {}, s.id);
    },
  },
  {
    name: '__proto__ key',
    init: () => {
      const s = valid();
      const text = JSON.stringify(s).replace('{', '{"__proto__":{"polluted":true},');
      return json(text, {}, s.id);
    },
  },
  {
    name: 'constructor.prototype key in reply',
    init: () => {
      const s = valid();
      const text = JSON.stringify(s).replace(
        '"reply":{',
        '"reply":{"constructor":{"prototype":{"polluted":true}},',
      );
      return json(text, {}, s.id);
    },
  },
  {
    name: 'text/plain',
    init: () => ({
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(valid()),
    }),
  },
  {
    name: 'form-encoded',
    init: () => ({ method: 'POST', body: new URLSearchParams({ message: 'hej' }) }),
  },
  {
    name: 'JSON in another charset',
    init: () =>
      json(JSON.stringify(valid()), { 'Content-Type': 'application/json; charset=latin1' }),
  },
  { name: 'no content type', init: () => ({ method: 'POST', body: new Uint8Array([1, 2, 3]) }) },
  {
    name: 'missing Idempotency-Key',
    init: () => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(valid()),
    }),
  },
  { name: 'Idempotency-Key not the id', init: () => json(JSON.stringify(valid())) },
  {
    name: 'unknown key',
    init: () => {
      const s = valid();
      return json(JSON.stringify({ ...s, admin: true }), {}, s.id);
    },
  },
  {
    name: 'attachment that lies about its type',
    init: () => {
      const s = valid();
      const fake = Buffer.from('%PDF-1.4 not a png at all').toString('base64');
      return json(
        JSON.stringify({
          ...s,
          attachments: [{ name: 'a.png', type: 'image/png', size: 25, data: fake }],
        }),
        {},
        s.id,
      );
    },
  },
];

describe('bad input: 10 000 malformed requests to a relay child process', () => {
  const tmp = tempDir();
  let relay: ChildRelay;

  before(async () => {
    relay = await startChild(
      testConfig(join(tmp.dir, 'relay.db'), { bodyLimitBytes: LIMIT }),
      join(tmp.dir, 'relay.config.json'),
    );
  });
  after(async () => {
    await kill(relay);
    tmp.cleanup();
  });

  it('answers every one with a 4xx, stays up, and its memory does not grow', async (t) => {
    const statuses = new Map<string, Map<number, number>>();
    let sent = 0;
    const run = async (count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < count) {
            const kind = KINDS[next++ % KINDS.length]!;
            let status: number;
            try {
              const response = await fetch(
                `${relay.url}/v1/synpunkter`,
                kind.init() as RequestInit,
              );
              await response.arrayBuffer();
              status = response.status;
            } catch {
              status = -1; // connection closed early (allowed only for huge bodies)
            }
            const byStatus = statuses.get(kind.name) ?? new Map<number, number>();
            byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
            statuses.set(kind.name, byStatus);
            sent += 1;
          }
        }),
      );
    };

    await run(1_000); // warm-up: caches, JIT, allocator
    const baseline = rssBytes(relay.process.pid!);
    await run(REQUESTS);
    const end = rssBytes(relay.process.pid!);

    for (const [name, byStatus] of statuses) {
      t.diagnostic(`${name}: ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(' ')}`);
      for (const status of byStatus.keys()) {
        const earlyClose = status === -1 && name.startsWith('huge body');
        assert.ok(
          earlyClose || (status >= 400 && status < 500),
          `${name} gets a 4xx, not ${status}`,
        );
      }
    }
    assert.ok(sent >= REQUESTS + 1_000);
    assert.equal(relay.process.exitCode, null, 'the relay is still running');
    const health = await fetch(`${relay.url}/healthz`);
    assert.equal(health.status, 200, 'and healthy');
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    assert.match(metrics, /synpunkt_accepted_total 0\n/, 'nothing malformed was stored');
    const growth = end - baseline;
    t.diagnostic(
      `RSS ${Math.round(baseline / 2 ** 20)} MiB after warm-up, ${Math.round(end / 2 ** 20)} MiB after ${REQUESTS} more`,
    );
    assert.ok(
      growth < 64 * 2 ** 20,
      `memory grew by ${Math.round(growth / 2 ** 20)} MiB (bound 64 MiB)`,
    );
    assert.doesNotMatch(
      relay.output(),
      /polluted|"level":"error"/,
      'no error and no pollution in the logs',
    );
  });
});
