import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROBLEM_TYPES } from '@synpunkt/sdk';
import {
  createRelay,
  figuresOf,
  POW_HEADER,
  ProofOfWork,
  Store,
  type Challenge,
  type Relay,
} from '../src/index.js';
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
    assert.match(c.salt, /\?expires=\d+&$/);
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

  const KEY = 'a-long-enough-test-key-for-hmac';
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  /** A challenge signed with the relay's key, for a salt of the test's choosing. */
  const signed = (salt: string, number: number) => {
    const challenge = sha256(`${salt}${number}`);
    const signature = createHmac('sha256', KEY).update(challenge).digest('hex');
    return { algorithm: 'SHA-256', challenge, number, salt, signature };
  };
  const refusal = async (header: string) => {
    const response = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: header }),
    );
    return {
      status: response.status,
      body: (await response.json()) as { type: string; detail: string },
    };
  };

  it('refuses a solution whose leading digits were moved into the salt (a later expiry)', async () => {
    // A challenge from the relay whose number has two digits or more, the second not 0 (a JSON
    // number cannot start with 0, so "1045" cannot become "1" + "045").
    let solution;
    do solution = ProofOfWork.solve(await challenge())!;
    while (!/^\d[1-9]/.test(String(solution.number)));
    const digits = String(solution.number);
    const spliced = {
      ...solution,
      salt: solution.salt + digits.slice(0, 1),
      number: Number(digits.slice(1)),
    };
    // The same hash, and so the same signature: only the split differs.
    assert.equal(sha256(`${spliced.salt}${spliced.number}`), solution.challenge);
    const refused = await refusal(ProofOfWork.encode(spliced));
    assert.equal(refused.status, 403);
    assert.equal(refused.body.type, PROBLEM_TYPES.challengeFailed);
    assert.equal(refused.body.detail, 'invalid');
    // The honest split of the same challenge still works.
    const honest = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: ProofOfWork.encode(solution) }),
    );
    assert.equal(honest.status, 201);
  });

  it('refuses a salt without the closing "&" and an expiry beyond the configured lifetime', async () => {
    const expires = Math.floor(Date.now() / 1000) + 600;
    // The old format, spliced: "?expires=<10 digits>" + "10", number 831 instead of 10831.
    const old = signed(`0123456789abcdef01234567?expires=${expires}`, 10_831);
    const spliced = { ...old, salt: `${old.salt}10`, number: 831 };
    assert.equal(sha256(`${spliced.salt}${spliced.number}`), old.challenge);
    for (const header of [old, spliced]) {
      const refused = await refusal(ProofOfWork.encode(header));
      assert.equal(refused.status, 403);
      assert.equal(refused.body.type, PROBLEM_TYPES.challengeFailed);
    }
    // Signed, closed with "&", but good for a year: longer than any challenge the relay issues.
    const far = signed(`0123456789abcdef01234567?expires=${expires + 365 * 86_400}&`, 7);
    assert.equal((await refusal(ProofOfWork.encode(far))).status, 403);
    // The same, within the configured lifetime (20 minutes by default), is accepted.
    const near = signed(`0123456789abcdef01234567?expires=${expires}&`, 7);
    const accepted = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: ProofOfWork.encode(near) }),
    );
    assert.equal(accepted.status, 201);
  });

  it('the retention sweep forgets spent challenges once expired: the store does not grow with each submission', async () => {
    const count = () =>
      (relay.store.db.prepare('SELECT count(*) AS n FROM spent_challenges').get() as { n: number })
        .n;
    const response = await relay.app.request(
      '/v1/synpunkter',
      post(sample(), { [POW_HEADER]: await solved() }),
    );
    assert.equal(response.status, 201);
    assert.ok(count() >= 1);
    relay.worker.runRetention(Date.now() + 24 * 3_600_000);
    assert.equal(count(), 0);
  });

  it('counts GET /v1/challenge against the client’s rate limit: challenges are not free to sign', async () => {
    const limitedTmp = tempDir();
    const limited = await createRelay(
      testConfig(join(limitedTmp.dir, 'pow-limited.db'), {
        challenge: { enabled: true, hmacKey: { env: 'TEST_ALTCHA_KEY' }, maxNumber: 2_000 },
        rateLimit: { windowMs: 60_000, max: 1 },
      }),
      {
        log: captureLogger().log,
        adapters: { rest: () => countingAdapter() },
        env: { TEST_ALTCHA_KEY: 'a-long-enough-test-key-for-hmac' },
      },
    );
    try {
      assert.equal((await limited.app.request('/v1/challenge')).status, 200);
      const refused = await limited.app.request('/v1/challenge');
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('Retry-After')) >= 1);
    } finally {
      await limited.stop();
      limitedTmp.cleanup();
    }
  });

  it('refuses an expired solution', () => {
    let now = Date.now();
    const pow = new ProofOfWork('a-long-enough-test-key-for-hmac', 100, 1_000, () => now);
    const header = ProofOfWork.encode(ProofOfWork.solve(pow.create())!);
    now += 5_000;
    assert.equal(pow.verify(header, crypto.randomUUID()), 'expired');
  });
});

describe('spent solutions across a restart', () => {
  it('refuses a spent solution for another submission after the relay restarts on the same store', async () => {
    const tmp = tempDir();
    const config = testConfig(join(tmp.dir, 'spent.db'), {
      challenge: { enabled: true, hmacKey: { env: 'TEST_ALTCHA_KEY' }, maxNumber: 2_000 },
    });
    const options = {
      log: captureLogger().log,
      adapters: { rest: () => countingAdapter() },
      env: { TEST_ALTCHA_KEY: 'a-long-enough-test-key-for-hmac' },
    };
    const send = async (base: string, submission: unknown, pow: string) =>
      fetch(`${base}/v1/synpunkter`, post(submission, { [POW_HEADER]: pow }));
    let relay = await createRelay(config, options);
    try {
      let { host, port } = await relay.start();
      let base = `http://${host}:${port}`;
      const challenge = (await (await fetch(`${base}/v1/challenge`)).json()) as Challenge;
      const pow = ProofOfWork.encode(ProofOfWork.solve(challenge)!);
      const first = sample();
      assert.equal((await send(base, first, pow)).status, 201);
      const reused = await send(base, sample(), pow);
      assert.equal(reused.status, 403);
      assert.equal(((await reused.json()) as { detail: string }).detail, 'replayed');
      await relay.stop();

      relay = await createRelay(config, options);
      ({ host, port } = await relay.start());
      base = `http://${host}:${port}`;
      const afterRestart = await send(base, sample(), pow);
      assert.equal(afterRestart.status, 403);
      const problem = (await afterRestart.json()) as { type: string; detail: string };
      assert.equal(problem.type, PROBLEM_TYPES.challengeFailed);
      assert.equal(problem.detail, 'replayed');
      // A retry of the submission that spent it still gets its receipt.
      const retry = await send(base, first, pow);
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    } finally {
      await relay.stop();
      tmp.cleanup();
    }
  });

  it('forgets spent challenges once they expired', () => {
    const tmp = tempDir();
    const store = new Store(join(tmp.dir, 'sweep.db'));
    try {
      const now = Date.now();
      for (const [challenge, expiresAt] of [
        ['a'.repeat(64), now - 1_000],
        ['b'.repeat(64), now + 60_000],
      ] as const) {
        const submission = sample();
        const result = store.accept({
          id: submission.id,
          hash: 'h',
          body: JSON.stringify(submission),
          receivedAt: new Date(),
          targets: ['mem'],
          quarantined: false,
          figures: figuresOf(submission),
          challenge: { challenge, expiresAt },
        });
        assert.equal(result.outcome, 'created');
      }
      const count = () =>
        (store.db.prepare('SELECT count(*) AS n FROM spent_challenges').get() as { n: number }).n;
      assert.equal(count(), 2);
      assert.equal(store.forgetSpentChallenges(now), 1);
      assert.equal(count(), 1);
    } finally {
      store.close();
      tmp.cleanup();
    }
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
