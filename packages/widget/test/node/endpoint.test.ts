import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { isWorkingDay } from '@synpunkt/sdk';
import { sampleAnonymous, sampleSubmission } from '@synpunkt/sdk/testing';
import { createEndpoint, SLOW_MS } from '../endpoint.mjs';

// The test endpoint behind a plain node:http server, as the browser tests and the embedding
// page use it: the widget's tests are only as good as this stand-in for the relay.

const endpoint = createEndpoint();
let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    endpoint.nodeHandler(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  await fetch(`${base}/api/_reset`, { method: 'POST' });
});

interface Answer {
  status: number;
  type: string | null;
  body: Record<string, unknown>;
}

async function post(body: unknown, key?: string, type = 'application/json'): Promise<Answer> {
  const response = await fetch(`${base}/api/synpunkter`, {
    method: 'POST',
    headers: { 'content-type': type, ...(key ? { 'idempotency-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

async function control(mode: string): Promise<number> {
  const response = await fetch(`${base}/api/_control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function received(): Promise<{ key: string; body: { id: string } }[]> {
  return (await (await fetch(`${base}/api/_received`)).json()) as {
    key: string;
    body: { id: string };
  }[];
}

describe('the test endpoint', () => {
  it('answers a valid submission with 201 and a receipt with a reply-by working day', async () => {
    const submission = sampleSubmission();
    const answer = await post(submission, submission.id);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.id, submission.id);
    assert.match(String(answer.body.reference), /^TEST-2026-\d{6}$/);
    assert.ok(!Number.isNaN(Date.parse(String(answer.body.receivedAt))));
    assert.match(String(answer.body.replyBy), /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(isWorkingDay(String(answer.body.replyBy)));
    assert.ok(String(answer.body.replyBy) > String(answer.body.receivedAt).slice(0, 10));
    assert.deepEqual(await received(), [{ key: submission.id, body: submission }]);
  });

  it('gives no reply-by date to an anonymous sender, and numbers references in order', async () => {
    const first = await post(sampleAnonymous());
    const second = await post(sampleAnonymous());
    assert.equal(first.body.replyBy, undefined);
    assert.equal(first.body.reference, 'TEST-2026-000001');
    assert.equal(second.body.reference, 'TEST-2026-000002');
  });

  it('gives the same receipt for the same Idempotency-Key and keeps one copy', async () => {
    const submission = sampleSubmission();
    const first = await post(submission, submission.id);
    const again = await post(submission, submission.id);
    assert.equal(first.status, 201);
    assert.ok([200, 201].includes(again.status));
    assert.deepEqual(again.body, first.body);
    assert.equal((await received()).length, 1);
  });

  it('refuses another body under a used key with 409 problem+json', async () => {
    const submission = sampleSubmission();
    await post(submission, submission.id);
    const other = await post({ ...submission, message: 'Något helt annat.' }, submission.id);
    assert.equal(other.status, 409);
    assert.equal(other.type, 'application/problem+json');
    assert.equal(other.body.type, 'https://synpunkt.se/problems/idempotency-conflict');
    assert.equal((await received()).length, 1);
  });

  it('refuses an invalid submission with 422 and field errors as sdk codes', async () => {
    const answer = await post({ ...sampleSubmission(), reply: { wanted: true, via: 'email' } });
    assert.equal(answer.status, 422);
    assert.equal(answer.type, 'application/problem+json');
    const errors = answer.body.errors as { path: string[]; code: string }[];
    assert.ok(errors.some((e) => e.path.join('.') === 'reply.name' && e.code === 'required'));
    assert.deepEqual(await received(), []);
  });

  it('refuses what is not JSON: 415 for another type, 400 for broken JSON', async () => {
    const form = await post('kind=complaint', undefined, 'application/x-www-form-urlencoded');
    assert.equal(form.status, 415);
    assert.equal(form.type, 'application/problem+json');
    const broken = await post('{"kind": ', undefined);
    assert.equal(broken.status, 400);
    assert.equal(broken.type, 'application/problem+json');
  });

  it('refuses a body over 20 MB with 413', async () => {
    const answer = await post(`"${'a'.repeat(20 * 1024 * 1024)}"`);
    assert.equal(answer.status, 413);
    assert.equal(answer.type, 'application/problem+json');
  });

  it('answers 503 problem+json when told it is down, and takes it again when up', async () => {
    assert.equal(await control('down'), 200);
    const submission = sampleSubmission();
    const down = await post(submission, submission.id);
    assert.equal(down.status, 503);
    assert.equal(down.type, 'application/problem+json');
    assert.equal(down.body.type, 'https://synpunkt.se/problems/unavailable');
    assert.deepEqual(await received(), []);
    await control('up');
    assert.equal((await post(submission, submission.id)).status, 201);
  });

  it('refuses even a valid submission with an error on the message when told "invalid"', async () => {
    await control('invalid');
    const answer = await post(sampleSubmission());
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.body.errors, [{ path: ['message'], code: 'required' }]);
  });

  it('answers after a delay when told "slow"', async () => {
    await control('slow');
    const started = performance.now();
    const answer = await post(sampleSubmission());
    assert.equal(answer.status, 201);
    // A lower bound only: the delay is the point of the mode (no upper bound on a shared machine).
    assert.ok(performance.now() - started >= SLOW_MS - 50);
  });

  it('refuses an unknown mode and forgets everything on reset', async () => {
    assert.equal(await control('sideways'), 400);
    await post(sampleSubmission());
    await control('down');
    await fetch(`${base}/api/_reset`, { method: 'POST' });
    assert.deepEqual(await received(), []);
    assert.equal((await post(sampleSubmission())).body.reference, 'TEST-2026-000001');
  });

  it('leaves other paths to the next handler', async () => {
    const response = await fetch(`${base}/index.html`);
    assert.equal(response.status, 404);
  });
});
