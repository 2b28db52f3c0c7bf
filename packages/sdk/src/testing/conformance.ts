import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Adapter, Receipt } from '../adapter.js';
import { newSubmissionId } from '../client.js';
import { isAdapterError, type AdapterError } from '../errors.js';
import type { Submission } from '../submission.js';
import { sampleAnonymous, sampleSubmission, TINY_PDF_BASE64, TINY_PNG_BASE64 } from './samples.js';

/** Undoes what a hook did (ends an outage, stops refusing). */
export type Restore = () => void | Promise<void>;

/** What the conformance kit needs to know about an adapter and its backend. */
export interface ConformanceOptions {
  /** Shown in the test names: `rest`, `email`, `my-case-system`. */
  name: string;
  /**
   * Makes an adapter. Called more than once: the idempotency test makes a second adapter, as a
   * restarted server would, and sends the same submission through it.
   */
  createAdapter: () => Adapter | Promise<Adapter>;
  /**
   * Reads back what the backend received for a submission id: one entry per record it stored,
   * mapped back to submission fields. Return the fields the backend carries (at least `id` and
   * `message`); each one returned must equal what was sent.
   */
  received: (id: string) => Promise<readonly Partial<Submission>[]>;
  /** Makes the backend unreachable or failing (5xx, connection refused) until restored. */
  outage: () => Promise<Restore>;
  /** Makes the backend refuse submissions for good (4xx, a fault) until restored. */
  refuse: () => Promise<Restore>;
  /** Runs before the kit's tests: start the backend. */
  setup?: () => void | Promise<void>;
  /** Runs after them: stop the backend. */
  teardown?: () => void | Promise<void>;
  /** Submissions to send; defaults to the kit's samples. Use it when the backend needs certain areas. */
  sample?: (kind: 'reply' | 'anonymous' | 'attachment') => Submission;
}

/** The kit's samples; the attachment is a PNG, or a PDF when the adapter takes no PNG. */
function defaultSample(adapter: Adapter, kind: 'reply' | 'anonymous' | 'attachment'): Submission {
  if (kind === 'anonymous') return sampleAnonymous();
  if (kind === 'attachment') {
    const files = adapter.capabilities?.attachments;
    const png = !files || !files.types || files.types.includes('image/png');
    const data = png ? TINY_PNG_BASE64 : TINY_PDF_BASE64;
    return sampleSubmission({
      attachments: [
        {
          name: png ? 'gungan.png' : 'brev.pdf',
          type: png ? 'image/png' : 'application/pdf',
          size: atob(data).length,
          data,
        },
      ],
    });
  }
  return sampleSubmission();
}

/**
 * Awaits a delivery that must fail and returns its `AdapterError`. Fails the test when the
 * delivery succeeds or throws anything else. For an adapter's own tests beside the kit.
 */
export async function adapterFailure(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAdapterError(error), `expected an AdapterError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the delivery to fail, but it succeeded');
}

function assertReceipt(receipt: Receipt, submission: Submission): void {
  assert.equal(receipt.id, submission.id, 'the receipt carries the submission id');
  assert.ok(
    typeof receipt.reference === 'string' && receipt.reference.length > 0,
    'the receipt has a reference',
  );
  assert.ok(!Number.isNaN(Date.parse(receipt.receivedAt)), 'receivedAt is an ISO 8601 instant');
}

async function assertStoredOnce(
  options: ConformanceOptions,
  submission: Submission,
): Promise<void> {
  const records = await options.received(submission.id);
  assert.equal(records.length, 1, `the backend holds exactly one record for ${submission.id}`);
  const [record] = records;
  assert.ok(record);
  assert.equal(record.id, submission.id, 'the backend got the submission id');
  assert.equal(record.message, submission.message, 'the backend got the message exactly');
  for (const [key, value] of Object.entries(record)) {
    assert.deepEqual(value, submission[key as keyof Submission], `the backend got ${key} exactly`);
  }
}

/**
 * Registers the adapter conformance tests with node's test runner. Every adapter runs them,
 * ours and anyone else's:
 *
 * ```ts
 * import { runAdapterConformance } from '@synpunkt/sdk/testing';
 * runAdapterConformance({ name: 'my-backend', createAdapter, received, outage, refuse });
 * ```
 */
export function runAdapterConformance(options: ConformanceOptions): void {
  describe(`adapter conformance: ${options.name}`, () => {
    let adapter: Adapter;
    const sample = (kind: 'reply' | 'anonymous' | 'attachment') =>
      options.sample ? options.sample(kind) : defaultSample(adapter, kind);

    before(async () => {
      await options.setup?.();
      adapter = await options.createAdapter();
    });
    after(async () => {
      await options.teardown?.();
    });

    it('has a name and well-formed capabilities', () => {
      assert.ok(adapter.name.length > 0, 'the adapter has a name for logs');
      const files = adapter.capabilities?.attachments;
      if (files) {
        for (const limit of [files.maxCount, files.maxBytes, files.maxTotalBytes]) {
          assert.ok(
            limit === undefined || (Number.isInteger(limit) && limit > 0),
            'limits are positive integers',
          );
        }
      }
      const max = adapter.capabilities?.maxMessageLength;
      assert.ok(max === undefined || (Number.isInteger(max) && max > 0));
    });

    it('accepts a valid submission, and the backend gets exactly what was sent', async () => {
      const submission = sample('reply');
      const receipt = await adapter.submit(submission);
      assertReceipt(receipt, submission);
      await assertStoredOnce(options, submission);
    });

    it('accepts an anonymous submission', async () => {
      const submission = sample('anonymous');
      assertReceipt(await adapter.submit(submission), submission);
      await assertStoredOnce(options, submission);
    });

    it('delivers attachments intact, or refuses them up front when it declares none', async (t) => {
      if (adapter.capabilities?.attachments === false) {
        t.diagnostic('the adapter declares no attachments');
        return;
      }
      const submission = sample('attachment');
      assertReceipt(await adapter.submit(submission), submission);
      const [record] = await options.received(submission.id);
      // Without this, an adapter whose backend never got the file would pass.
      assert.ok(
        record && 'attachments' in record,
        'received() must return the attachments the backend got (read them back from it)',
      );
      await assertStoredOnce(options, submission);
    });

    it('gives the same receipt and keeps one record when the same id arrives twice', async () => {
      const submission = sample('reply');
      const first = await adapter.submit(submission);
      const again = await adapter.submit(submission);
      // A restarted sender has a new adapter but the same submission id.
      const restarted = await (await options.createAdapter()).submit(submission);
      // The whole receipt: a new receivedAt would move the reply-by date the sender was shown.
      assert.deepEqual(again, first, 'a retry gets the same receipt');
      assert.equal(
        restarted.reference,
        first.reference,
        'a retry after a restart gets the same reference',
      );
      assert.equal(again.id, first.id);
      await assertStoredOnce(options, submission);
    });

    it('gives a retryable error while the backend is down, and delivers once it is back', async () => {
      const submission = sample('reply');
      const restore = await options.outage();
      let error: AdapterError;
      try {
        error = await adapterFailure(adapter.submit(submission));
      } finally {
        await restore();
      }
      assert.equal(error.retryable, true, 'an outage is worth retrying');
      assertReceipt(await adapter.submit(submission), submission);
      await assertStoredOnce(options, submission);
    });

    it('gives a non-retryable error when the backend refuses the submission', async () => {
      const submission = sample('reply');
      const restore = await options.refuse();
      let error: AdapterError;
      try {
        error = await adapterFailure(adapter.submit(submission));
      } finally {
        await restore();
      }
      assert.equal(error.retryable, false, 'a refusal is not worth retrying');
    });

    it('refuses an invalid submission with a non-retryable error, and the backend gets nothing', async () => {
      // As a caller that skipped the client might send it: no message, an unknown key.
      // A fresh id: a fixed sample's id may already be stored by an earlier test.
      const submission = {
        ...sample('reply'),
        id: newSubmissionId(),
        message: '',
        extra: 'unknown',
      } as Submission;
      let delivered = false;
      const error = await adapterFailure(
        adapter.submit(submission).then(() => {
          delivered = true;
        }),
      ).catch((failure: unknown) => {
        // The usual cause: the adapter sends whatever it is given. Say what to do about it.
        assert.ok(
          !delivered,
          'the adapter delivered an invalid submission (an empty message and an unknown key): ' +
            'check it with parseSubmission(submission) from @synpunkt/sdk before any traffic, ' +
            "and throw an AdapterError with reason 'invalid' and its issues",
        );
        throw failure;
      });
      assert.equal(error.retryable, false, 'invalid input is not worth retrying');
      assert.deepEqual(await options.received(submission.id), [], 'nothing reached the backend');
    });

    it('stops when the signal is aborted, throwing the signal’s reason as it is', async () => {
      const controller = new AbortController();
      const reason = new Error('the sender left');
      controller.abort(reason);
      await assert.rejects(
        adapter.submit(sample('reply'), { signal: controller.signal }),
        (error) => error === reason,
        'the adapter throws signal.reason itself, not an AdapterError made from it',
      );
    });
  });
}
