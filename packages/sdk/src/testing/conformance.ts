import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Adapter, AttachmentCapabilities, Receipt } from '../adapter.js';
import { newSubmissionId } from '../client.js';
import { isAdapterError, type AdapterError, type ErrorCode } from '../errors.js';
import { LIMITS } from '../limits.js';
import { parseSubmission } from '../schema.js';
import type { Attachment, Submission } from '../submission.js';
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
  /**
   * Submissions to send; defaults to the kit's samples. Use it when the backend needs certain
   * areas. What the kit sends over a declared limit is the `reply` sample with a longer message
   * or more, larger or other files.
   */
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
  // A complaint taken further: the earlier case's number must reach the backend too.
  return sampleSubmission({ earlierReference: 'KS 2026/118' });
}

/** What an adapter author must do when the kit finds a declared limit ignored. */
const REFUSE_HINT =
  'call capabilityIssues(submission, adapter.capabilities) from @synpunkt/sdk after ' +
  'parseSubmission, before any traffic, and when it returns issues throw an AdapterError with ' +
  "reason 'invalid' and those issues (an adapter never truncates or drops anything)";

/** A submission that breaks one limit the adapter declares, and the issue that must refuse it. */
interface OverLimit {
  /** For the failure message: `a message of 4001 characters (it declares …)`. */
  what: string;
  submission: Submission;
  path: readonly (string | number)[];
  code: ErrorCode;
}

/**
 * The caller's sample with a fresh id (a fixed sample's id may already be stored) and the
 * overrides, checked against the schema: the kit must only break the adapter's limits, never
 * the sdk's own.
 */
function variantOf(base: Submission, overrides: Partial<Submission>): Submission {
  const parsed = parseSubmission({ ...base, ...overrides, id: newSubmissionId() });
  if (!parsed.success) {
    throw new Error(
      `conformance kit: a sample it built is not valid: ${JSON.stringify(parsed.issues)}`,
    );
  }
  return parsed.data;
}

/** The kit's sample files, PNG first: the smallest real attachments. */
const SAMPLE_FILES = [
  { type: 'image/png', extension: 'png', data: TINY_PNG_BASE64 },
  { type: 'application/pdf', extension: 'pdf', data: TINY_PDF_BASE64 },
] as const;

type SampleFile = (typeof SAMPLE_FILES)[number];

/**
 * A valid file of the sample's type, padded with zero bytes after its end to `size` bytes (at
 * least its own size): the type check reads only the first bytes, so it stays a PNG or a PDF.
 */
function fileOf(sample: SampleFile, name: string, size = 0): Attachment {
  const bytes = atob(sample.data);
  const padded = bytes + '\0'.repeat(Math.max(0, size - bytes.length));
  return {
    name: `${name}.${sample.extension}`,
    type: sample.type,
    size: padded.length,
    data: btoa(padded),
  };
}

/** A message of exactly `length` characters, each one UTF-16 unit, so both limits count alike. */
function messageOf(length: number): string {
  const text = 'Gungan vid Storgatan är trasig. '.repeat(Math.ceil(length / 32) + 1);
  return `${text.slice(0, length - 1)}.`;
}

/** A positive whole number below the sdk's own bound: a limit the kit can exceed validly. */
function tighter(limit: number | undefined, sdk: number): limit is number {
  return limit !== undefined && Number.isInteger(limit) && limit > 0 && limit < sdk;
}

/** Samples that break the count and size limits it declares below the sdk's own, one each. */
function sizeOverLimits(
  base: Submission,
  files: AttachmentCapabilities,
  allowed: SampleFile,
): OverLimit[] {
  const over: OverLimit[] = [];
  const count = tighter(files.maxCount, LIMITS.attachmentCountMax) ? files.maxCount : undefined;
  if (count !== undefined) {
    const attachments = Array.from({ length: count + 1 }, (_, i) =>
      fileOf(allowed, `bild-${i + 1}`),
    );
    over.push({
      what: `${count + 1} files (it declares maxCount ${count})`,
      submission: variantOf(base, { attachments }),
      path: ['attachments'],
      code: 'too_many_files',
    });
  }
  if (tighter(files.maxBytes, LIMITS.attachmentBytesMax)) {
    over.push({
      what: `a file of ${files.maxBytes + 1} bytes (it declares maxBytes ${files.maxBytes})`,
      submission: variantOf(base, { attachments: [fileOf(allowed, 'stor', files.maxBytes + 1)] }),
      path: ['attachments', 0, 'size'],
      code: 'file_too_large',
    });
  }
  const total = files.maxTotalBytes;
  if (tighter(total, LIMITS.attachmentsTotalBytesMax)) {
    // As many files as it takes, each within maxBytes, together just over the total: only the
    // total is broken, so an adapter that checks one limit at a time names this one.
    const n = count ?? LIMITS.attachmentCountMax;
    const each = Math.ceil((total + 1) / n);
    const perFile = Math.min(
      files.maxBytes ?? LIMITS.attachmentBytesMax,
      LIMITS.attachmentBytesMax,
    );
    if (each <= perFile && each * n <= LIMITS.attachmentsTotalBytesMax) {
      const attachments = Array.from({ length: n }, (_, i) =>
        fileOf(allowed, `del-${i + 1}`, each),
      );
      const sum = attachments.reduce((bytes, file) => bytes + file.size, 0);
      over.push({
        what: `${n} files of ${sum} bytes together (it declares maxTotalBytes ${total})`,
        submission: variantOf(base, { attachments }),
        path: ['attachments'],
        code: 'files_too_large',
      });
    }
  }
  return over;
}

/** Samples that break each attachment limit it declares: count and sizes, then types. */
function attachmentsOverLimits(base: Submission, files: AttachmentCapabilities): OverLimit[] {
  const allowed = SAMPLE_FILES.find((file) => !files.types || files.types.includes(file.type));
  const refused = SAMPLE_FILES.find((file) => files.types && !files.types.includes(file.type));
  // Count and sizes need files it takes: one that takes only JPEG is left to its own tests.
  const over = allowed ? sizeOverLimits(base, files, allowed) : [];
  if (refused) {
    over.push({
      what: `a file of type ${refused.type} (it declares types ${files.types?.join(', ')})`,
      submission: variantOf(base, { attachments: [fileOf(refused, 'bilaga')] }),
      path: ['attachments', 0, 'type'],
      code: 'file_type_not_allowed',
    });
  }
  return over;
}

/**
 * Sends a submission the adapter's own capabilities say it cannot carry, and asserts it was
 * refused up front: an `invalid`, non-retryable `AdapterError` with the issue the client would
 * raise, and nothing stored.
 */
async function assertRefusedUpFront(
  options: ConformanceOptions,
  adapter: Adapter,
  over: OverLimit,
): Promise<void> {
  let outcome: unknown;
  let delivered = false;
  try {
    await adapter.submit(over.submission);
    delivered = true;
  } catch (error) {
    outcome = error;
  }
  const said = `the adapter accepted ${over.what}, which its capabilities say it cannot carry: `;
  assert.ok(!delivered, said + REFUSE_HINT);
  assert.ok(
    isAdapterError(outcome),
    `expected an AdapterError for ${over.what}, got ${String(outcome)}: ${REFUSE_HINT}`,
  );
  assert.equal(
    outcome.reason,
    'invalid',
    `${over.what} must be refused with reason 'invalid': ${REFUSE_HINT}`,
  );
  assert.equal(
    outcome.retryable,
    false,
    `${over.what} will not fit on a retry either: retryable must be false`,
  );
  assert.ok(
    outcome.issues.some(
      (issue) => issue.code === over.code && isDeepStrictEqual(issue.path, over.path),
    ),
    `expected a ${over.code} issue at ${JSON.stringify(over.path)} for ${over.what}, got ` +
      `${JSON.stringify(outcome.issues)}: ${REFUSE_HINT}`,
  );
  assert.deepEqual(
    await options.received(over.submission.id),
    [],
    `nothing may reach the backend with ${over.what}: refuse it before any traffic`,
  );
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
  assert.ok(record, 'received() returns the record');
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
      // With a message: without one, node re-reads the compiled source to make one, for minutes.
      assert.ok(
        max === undefined || (Number.isInteger(max) && max > 0),
        'maxMessageLength is a positive integer',
      );
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
        t.diagnostic('the adapter declares no attachments: one small file must be refused');
        const submission = variantOf(sample('reply'), {
          attachments: [fileOf(SAMPLE_FILES[0], 'gungan')],
        });
        await assertRefusedUpFront(options, adapter, {
          what: 'a file (it declares attachments: false)',
          submission,
          path: ['attachments'],
          code: 'files_not_supported',
        });
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

    it('refuses a message longer than it declares, and the backend gets nothing', async (t) => {
      const max = adapter.capabilities?.maxMessageLength;
      // A limit that is no positive whole number fails the capabilities test above.
      if (!tighter(max, LIMITS.messageMax)) {
        t.diagnostic('the adapter declares no message limit below the sdk’s own');
        return;
      }
      await assertRefusedUpFront(options, adapter, {
        what: `a message of ${max + 1} characters (it declares maxMessageLength ${max})`,
        submission: variantOf(sample('reply'), { message: messageOf(max + 1) }),
        path: ['message'],
        code: 'too_long',
      });
    });

    it('refuses attachments beyond the limits it declares, and the backend gets nothing', async (t) => {
      const files = adapter.capabilities?.attachments;
      const over = files ? attachmentsOverLimits(sample('reply'), files) : [];
      if (over.length === 0) {
        t.diagnostic('the adapter declares no attachment limits below the sdk’s own');
        return;
      }
      for (const each of over) await assertRefusedUpFront(options, adapter, each);
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
