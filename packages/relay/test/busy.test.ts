import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { restAdapter } from '@synpunkt/adapters/rest';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Submission } from '@synpunkt/sdk';
import { createRelay, type Relay, type RelayConfigInput } from '../src/index.js';
import { captureLogger, eventually, post, sample, tempDir, testConfig } from './helpers.js';

const MiB = 1024 * 1024;

/** A submission with PDF files of `bytes` in all (base64 makes the body a third larger). */
function withFiles(bytes: number): Submission {
  const count = Math.max(1, Math.ceil(bytes / (2 * MiB)));
  const attachments = Array.from({ length: count }, (_, i) => {
    const data = randomBytes(Math.floor(bytes / count));
    data.write('%PDF-1.4\n', 0, 'latin1');
    return {
      name: `bilaga-${i}.pdf`,
      type: 'application/pdf',
      size: data.length,
      data: data.toString('base64'),
    };
  });
  return sample({ attachments } as Partial<Submission>);
}

/** An upload on its own connection that sends its headers and a first part of the body, then waits. */
interface HeldUpload {
  /** Sends the rest; resolves with the status of the answer. */
  finish(): Promise<number>;
  /** Breaks the connection halfway, as a phone leaving Wi-Fi. */
  abort(): Promise<void>;
  /** The status, once an answer came (one may come before the body is sent). */
  answer(): Promise<number>;
}

async function holdUpload(
  port: number,
  submission: Submission,
  chunked = false,
): Promise<HeldUpload> {
  const body = Buffer.from(JSON.stringify(submission));
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  socket.on('error', () => {});
  let received = '';
  const answered = new Promise<number>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status && received.includes('\r\n\r\n')) resolve(Number(status[1]));
    });
  });
  const framed = (part: Buffer) =>
    chunked
      ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')])
      : part;
  const half = Math.floor(body.length / 2);
  socket.write(
    'POST /v1/synpunkter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Idempotency-Key: ${submission.id}\r\n` +
      (chunked ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${body.length}\r\n`) +
      'Connection: close\r\n\r\n',
  );
  socket.write(framed(body.subarray(0, half)));
  return {
    answer: () => answered,
    async finish() {
      socket.write(framed(body.subarray(half)));
      if (chunked) socket.write('0\r\n\r\n');
      return answered;
    },
    abort: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.resetAndDestroy();
      }),
  };
}

describe('request bodies in flight (bodyBytesInFlight): many large uploads at once', () => {
  const tmp = tempDir();
  let relay: Relay | undefined;
  let n = 0;
  let base = '';
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });
  after(() => tmp.cleanup());

  async function start(
    overrides: Partial<RelayConfigInput>,
  ): Promise<{ url: string; port: number }> {
    relay = await createRelay(testConfig(join(tmp.dir, `busy-${n++}.db`), overrides), {
      log: captureLogger().log,
    });
    const { port } = await relay.start();
    base = `http://127.0.0.1:${port}`;
    return { url: base, port };
  }

  const stored = () =>
    relay!.store.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number };

  it('answers 503 with Retry-After before reading a body that does not fit, and stores the others', async () => {
    const { url, port } = await start({ bodyLimitBytes: 2 * MiB, bodyBytesInFlight: 3 * MiB });
    // Two large uploads arrive slowly (a weak uplink): together 2.7 MB of the 3 MiB.
    const first = await holdUpload(port, withFiles(MiB));
    const second = await holdUpload(port, withFiles(MiB));
    await eventually(
      async () => (await relayInFlight()) > 2.5 * MiB,
      5_000,
      'both bodies reserved',
    );
    const third = withFiles(MiB);
    const refused = await fetch(`${url}/v1/synpunkter`, post(third));
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('Content-Type'), PROBLEM_CONTENT_TYPE);
    const problem = (await refused.json()) as { type: string; title: string };
    assert.equal(problem.type, PROBLEM_TYPES.unavailable, 'the type the form retries');
    assert.match(problem.title, /busy/);
    const retryAfter = Number(refused.headers.get('Retry-After'));
    assert.ok(retryAfter >= 1 && retryAfter <= 10, `Retry-After: ${retryAfter} seconds`);
    // A synpunkt without files still fits beside them.
    assert.equal((await fetch(`${url}/v1/synpunkter`, post(sample()))).status, 201);
    assert.equal(await first.finish(), 201);
    assert.equal(await second.finish(), 201);
    assert.equal(stored().n, 3, 'the two large ones and the small one');
    // Once they are stored, the refused one is taken when it comes again.
    assert.equal((await fetch(`${url}/v1/synpunkter`, post(third))).status, 201);
    assert.equal(await relayInFlight(), 0);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /^synpunkt_rejected_total\{reason="busy"\} 1$/m);
  });

  it('takes a synpunkt without files even while slow large uploads hold the whole budget', async () => {
    const budget = 3 * MiB;
    const { url, port } = await start({ bodyLimitBytes: budget, bodyBytesInFlight: budget });
    // One upload on a weak uplink (or someone trickling on purpose) that declared nearly the
    // whole budget: every byte is counted but the first 64 KiB, which no text-only body passes.
    let files = Math.floor(((budget - 8_000) * 3) / 4);
    let large = withFiles(files);
    const length = (submission: Submission) => Buffer.byteLength(JSON.stringify(submission));
    files -= Math.ceil(((length(large) - (budget - 8_000)) * 3) / 4);
    large = withFiles(files);
    assert.ok(length(large) <= budget && budget - length(large) < 9_000, `${length(large)}`);
    const held = await holdUpload(port, large);
    await eventually(async () => (await relayInFlight()) > 2.5 * MiB, 5_000, 'reserved');
    // Another large one does not fit, and waits its turn.
    assert.equal((await fetch(`${url}/v1/synpunkter`, post(withFiles(0.5 * MiB)))).status, 503);
    // A long message without files, larger than the room the large upload leaves, is taken.
    const text = sample({ message: 'Gungan är trasig. '.repeat(555) } as Partial<Submission>);
    assert.ok(length(text) > budget - length(large), `${length(text)}`);
    assert.equal((await fetch(`${url}/v1/synpunkter`, post(text))).status, 201);
    assert.equal(await held.finish(), 201);
    assert.equal(await relayInFlight(), 0);
  });

  it('counts a chunked body as it arrives, and refuses it with 503 once it does not fit', async () => {
    const { url, port } = await start({ bodyLimitBytes: 2 * MiB, bodyBytesInFlight: 2 * MiB });
    const held = await holdUpload(port, withFiles(1.2 * MiB));
    await eventually(async () => (await relayInFlight()) > MiB, 5_000, 'the first body reserved');
    // No Content-Length: nothing to reserve up front, so it is counted chunk by chunk.
    const chunked = await holdUpload(port, withFiles(MiB), true);
    assert.equal(await chunked.answer(), 503, 'refused while it arrives');
    assert.equal(await held.finish(), 201);
    assert.equal(await relayInFlight(), 0, 'the refused body gave its bytes back');
    const again = await holdUpload(port, withFiles(MiB), true);
    assert.equal(await again.finish(), 201, 'alone, the chunked body is taken');
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
  });

  it('the form’s client waits as Retry-After says and sends again, and the synpunkt is stored', async () => {
    const { url, port } = await start({ bodyLimitBytes: 2 * MiB, bodyBytesInFlight: 2 * MiB });
    const held = await holdUpload(port, withFiles(1.2 * MiB));
    await eventually(async () => (await relayInFlight()) > MiB, 5_000, 'the first body reserved');
    // The widget posts through the rest adapter, which retries a 503 after its Retry-After.
    const form = restAdapter({ endpoint: `${url}/v1/synpunkter` });
    const sending = form.submit(withFiles(MiB));
    await eventually(
      async () => /reason="busy"\} 1$/m.test(await (await fetch(`${url}/metrics`)).text()),
      5_000,
      'the first try refused as busy',
    );
    assert.equal(await held.finish(), 201);
    const receipt = await sending;
    assert.match(receipt.reference, /^SYN-\d{4}-\d{6}$/);
    assert.equal(stored().n, 2, 'both stored, each once');
  });

  it('gives the bytes of uploads whose connection broke back, so later submissions are taken', async () => {
    const { url, port } = await start({ bodyLimitBytes: 2 * MiB, bodyBytesInFlight: 2 * MiB });
    for (let round = 0; round < 4; round++) {
      const declared = await holdUpload(port, withFiles(1.2 * MiB));
      await eventually(async () => (await relayInFlight()) > MiB, 5_000, 'the body reserved');
      await declared.abort();
      const chunked = await holdUpload(port, withFiles(1.2 * MiB), true);
      await eventually(async () => (await relayInFlight()) > 0, 5_000, 'the chunked body counted');
      await chunked.abort();
      await eventually(
        async () => (await relayInFlight()) === 0,
        5_000,
        `round ${round}: bytes given back`,
      );
    }
    // Each aborted body alone held more than half the budget: had one been kept, this is 503.
    assert.equal((await fetch(`${url}/v1/synpunkter`, post(withFiles(1.2 * MiB)))).status, 201);
    assert.equal(stored().n, 1, 'nothing half-sent was stored');
  });

  it('always takes one submission of the largest size when it is the only one (the defaults)', async () => {
    const { url } = await start({ bodyLimitBytes: undefined });
    const largest = withFiles(10 * MiB); // the sdk's 10 MB of files: a 14 MB body
    const init = post(largest);
    assert.ok(Buffer.byteLength(init.body as string) > 13.9e6);
    const answer = await fetch(`${url}/v1/synpunkter`, init);
    assert.equal(answer.status, 201, await answer.clone().text());
    assert.equal(relay!.config.bodyBytesInFlight, 32 * MiB);
  });

  it('takes a body of exactly bodyLimitBytes when bodyBytesInFlight is no larger', async () => {
    const limit = 64 * 1024;
    const { url } = await start({ bodyLimitBytes: limit, bodyBytesInFlight: limit });
    const submission = sample();
    const json = JSON.stringify(submission);
    const body = json + ' '.repeat(limit - Buffer.byteLength(json));
    assert.equal((await fetch(`${url}/v1/synpunkter`, { ...post(submission), body })).status, 201);
  });

  /** The bytes of request bodies the running relay holds now, from its /metrics. */
  async function relayInFlight(): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    return Number(/^synpunkt_body_bytes_in_flight (\d+)$/m.exec(text)?.[1] ?? NaN);
  }
});
