import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_TYPES } from '@synpunkt/sdk';
import { createRelay, POW_HEADER, ProofOfWork, type Challenge, type Relay } from '../src/index.js';
import { captureLogger, countingAdapter, post, sample, tempDir, testConfig } from './helpers.js';

describe('proof of work (ALTCHA-compatible)', () => {
  const tmp = tempDir();
  let relay: Relay;

  before(async () => {
    relay = await createRelay(
      testConfig(join(tmp.dir, 'pow.db'), {
        challenge: { enabled: true, hmacKey: { env: 'TEST_ALTCHA_KEY' }, maxNumber: 2_000 },
      }),
      {
        log: captureLogger().log,
        adapters: { rest: () => countingAdapter() },
        env: { TEST_ALTCHA_KEY: 'a-long-enough-test-key-for-hmac' },
      },
    );
  });
  after(async () => {
    await relay.stop();
    tmp.cleanup();
  });

  const challenge = async (): Promise<Challenge> => {
    const response = await relay.app.request('/v1/challenge');
    assert.equal(response.status, 200);
    return (await response.json()) as Challenge;
  };
  const solved = async () => ProofOfWork.encode(ProofOfWork.solve(await challenge())!);

  it('hands out a challenge in the ALTCHA format', async () => {
    const c = await challenge();
    assert.equal(c.algorithm, 'SHA-256');
    assert.equal(c.maxnumber, 2_000);
    assert.match(c.challenge, /^[0-9a-f]{64}$/);
    assert.match(c.signature, /^[0-9a-f]{64}$/);
    assert.match(c.salt, /\?expires=\d+$/);
  });

  it('accepts a submission with a solved challenge', async () => {
    const response = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: await solved() }),
    );
    assert.equal(response.status, 201);
  });

  it('refuses a missing, wrong or forged solution with 403', async () => {
    const missing = await relay.app.request('/v1/synpunkter', post(sample()));
    assert.equal(missing.status, 403);
    assert.equal(((await missing.json()) as { type: string }).type, PROBLEM_TYPES.challengeFailed);

    const c = await challenge();
    const right = ProofOfWork.solve(c)!;
    const wrongNumber = ProofOfWork.encode({ ...right, number: right.number + 1 });
    assert.equal(
      (await relay.app.request('/v1/synpunkter', post(sample(), { [POW_HEADER]: wrongNumber })))
        .status,
      403,
    );

    const forged = new ProofOfWork('another-key-another-key', 2_000, 60_000).create();
    const forgedSolution = ProofOfWork.encode(ProofOfWork.solve(forged)!);
    assert.equal(
      (await relay.app.request('/v1/synpunkter', post(sample(), { [POW_HEADER]: forgedSolution })))
        .status,
      403,
    );

    assert.equal(
      (
        await relay.app.request(
          '/v1/synpunkter',
          post(sample(), { [POW_HEADER]: 'not base64 json' }),
        )
      ).status,
      403,
    );
  });

  it('refuses a solution used for another submission, but not a retry of the same one', async () => {
    const solution = await solved();
    const first = sample();
    assert.equal(
      (await relay.app.request('/v1/synpunkter', post(first, { [POW_HEADER]: solution }))).status,
      201,
    );
    const retry = await relay.app.request(
      '/v1/synpunkter',
      post(first, { [POW_HEADER]: solution }),
    );
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    const replayed = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: solution }),
    );
    assert.equal(replayed.status, 403);
    assert.equal(((await replayed.json()) as { detail: string }).detail, 'replayed');
  });

  it('refuses an expired solution', () => {
    let now = Date.now();
    const pow = new ProofOfWork('a-long-enough-test-key-for-hmac', 100, 1_000, () => now);
    const header = ProofOfWork.encode(ProofOfWork.solve(pow.create())!);
    now += 5_000;
    assert.equal(pow.verify(header, crypto.randomUUID()), 'expired');
  });
});

describe('challenge disabled', () => {
  it('answers 204 (nothing to solve) for GET /v1/challenge and needs no solution', async () => {
    const tmp = tempDir();
    const relay = await createRelay(testConfig(join(tmp.dir, 'nopow.db')), {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
    });
    try {
      assert.equal((await relay.app.request('/v1/challenge')).status, 204);
      assert.equal((await relay.app.request('/v1/synpunkter', post(sample()))).status, 201);
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });
});
