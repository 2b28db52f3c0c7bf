import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AdapterError,
  createClient,
  LIMITS,
  messageLength,
  newSubmissionId,
  parseSubmission,
  SynpunktValidationError,
  type Adapter,
  type AdapterCapabilities,
  type Receipt,
  type Submission,
  type SubmissionDraft,
} from '../src/index.js';
import {
  memoryAdapter,
  sampleSubmission,
  TINY_PDF_BASE64,
  TINY_PNG_BASE64,
} from '../src/testing/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = new Date('2026-11-25T10:00:00.000Z');
const clock = () => NOW;

function draft(overrides: Partial<SubmissionDraft> = {}): SubmissionDraft {
  return {
    kind: 'complaint',
    area: 'gata-park',
    message: 'Gungan på lekplatsen vid Storgatan är trasig.',
    reply: { wanted: true, via: 'email', name: 'Anna Andersson', email: 'anna@example.org' },
    locale: 'sv',
    mode: 'standard',
    channel: 'web',
    pageUrl: 'https://www.exempelkommun.se/synpunkter',
    ...overrides,
  };
}

const png = { name: 'gungan.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 } as const;
const pdf = {
  name: 'brev.pdf',
  type: 'application/pdf',
  size: atob(TINY_PDF_BASE64).length,
  data: TINY_PDF_BASE64,
} as const;

/** An adapter that records every call and answers with `answer`. */
function recording(
  answer: (submission: Submission) => unknown,
  capabilities?: AdapterCapabilities,
): Adapter & { calls: Submission[] } {
  const calls: Submission[] = [];
  return {
    name: 'recording',
    calls,
    ...(capabilities ? { capabilities } : {}),
    async submit(submission) {
      calls.push(submission);
      return (await answer(submission)) as Receipt;
    },
  };
}

const receiptAt =
  (receivedAt: string, extra: Partial<Receipt> = {}) =>
  (submission: Submission): Receipt => ({
    id: submission.id,
    reference: 'SYN-2026-000042',
    receivedAt,
    ...extra,
  });

describe('createClient: ids and idempotency', () => {
  it('gives a draft a UUID once: the same draft sent twice is one record with one receipt', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const form = draft();
    const first = await client.submit(form);
    const again = await client.submit(form);
    assert.match(first.id, UUID_V4);
    assert.deepEqual(again, first);
    assert.equal(adapter.stored.size, 1);
    assert.equal(client.idOf(form), first.id);
  });

  it('a draft edited after a try that went out is a new synpunkt: the edit is not lost', async () => {
    const adapter = memoryAdapter();
    // The backend stores the first try, but its answer is lost on the way.
    let loseAnswer = true;
    const losing: Adapter = {
      name: 'losing',
      async submit(submission, context) {
        const receipt = await adapter.submit(submission, context);
        if (!loseAnswer) return receipt;
        loseAnswer = false;
        throw new AdapterError('the answer was lost', { reason: 'unavailable' });
      },
    };
    const client = createClient({ adapter: losing, now: clock });
    const form: SubmissionDraft = { ...draft(), message: 'Gungan är trasig.' };
    await assert.rejects(client.submit(form), AdapterError);
    const firstId = client.idOf(form);
    form.message = 'Gungan och rutschkanan är trasiga.';
    const receipt = await client.submit(form);
    assert.notEqual(receipt.id, firstId, 'another id for other content');
    assert.equal(adapter.stored.get(receipt.id)?.submission.message, form.message);
    // Sent again unchanged, it is the same synpunkt as the last try: no third record.
    assert.deepEqual(await client.submit(form), receipt);
    assert.equal(adapter.stored.size, 2);
  });

  it('gives two drafts with the same content two ids', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const a = await client.submit(draft());
    const b = await client.submit(draft());
    assert.notEqual(a.id, b.id);
    assert.equal(adapter.stored.size, 2);
  });

  it('keeps the id across a failed try: refused input, then an outage, then success', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const form = draft({ message: '' });
    const id = client.idOf(form);
    await assert.rejects(client.submit(form), SynpunktValidationError);
    form.message = 'Gungan är trasig.';
    adapter.state = 'down';
    await assert.rejects(client.submit(form), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.retryable, true);
      return true;
    });
    adapter.state = 'up';
    const receipt = await client.submit(form);
    assert.equal(receipt.id, id);
    assert.deepEqual([...adapter.stored.keys()], [id]);
  });

  it('honours draft.id (a form restored after a reload)', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const id = '3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f';
    const receipt = await client.submit(draft({ id }));
    assert.equal(receipt.id, id);
    assert.equal(adapter.stored.get(id)?.submission.id, id);
    // A different draft object under the same id is the same submission.
    assert.deepEqual(await client.submit(draft({ id })), receipt);
    assert.equal(adapter.stored.size, 1);
  });

  it('keeps an id the caller set also when the draft changed: the caller decides what it names', async () => {
    const adapter = recording(receiptAt('2026-11-25T10:00:01Z'));
    const client = createClient({ adapter, now: clock });
    const id = '3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f';
    await client.submit(draft({ id }));
    const edited = draft({ id, message: 'Gungan är lagad, men rutschkanan är trasig.' });
    assert.equal((await client.submit(edited)).id, id);
    assert.deepEqual(
      adapter.calls.map((call) => call.id),
      [id, id],
    );
  });

  it('refuses a draft.id that is not a UUID', () => {
    const client = createClient({ adapter: memoryAdapter(), now: clock });
    assert.deepEqual(client.validate(draft({ id: 'mitt-id' })), [
      { path: ['id'], code: 'invalid_id' },
    ]);
  });

  it('stamps schemaVersion and submittedAt from the clock, and sends the normalised submission', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const receipt = await client.submit(
      draft({
        message: '  Hej  ',
        reply: { wanted: true, via: 'phone', name: 'Anna', phone: '070-123 45 67' },
      }),
    );
    const stored = adapter.stored.get(receipt.id)?.submission;
    assert.ok(stored);
    assert.equal(stored.schemaVersion, 1);
    assert.equal(stored.submittedAt, '2026-11-25T10:00:00.000Z');
    assert.equal(stored.message, 'Hej');
    assert.deepEqual(stored.reply, {
      wanted: true,
      via: 'phone',
      name: 'Anna',
      phone: '+46701234567',
    });
    assert.deepEqual(stored.attachments, []);
  });
});

describe('createClient: validation', () => {
  it('throws SynpunktValidationError with the issues and never calls the adapter', async () => {
    const adapter = recording(receiptAt('2026-11-25T10:00:01Z'));
    const client = createClient({ adapter, now: clock });
    const bad = draft({ reply: { wanted: true, via: 'email', name: 'Anna' } });
    await assert.rejects(client.submit(bad), (error: unknown) => {
      assert.ok(error instanceof SynpunktValidationError);
      assert.deepEqual(error.issues, [{ path: ['reply', 'email'], code: 'required' }]);
      assert.match(error.message, /reply\.email required/);
      return true;
    });
    assert.equal(adapter.calls.length, 0);
  });

  it('an optional field set to undefined (from a script) is left out, not required', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter });
    const loose = {
      ...draft(),
      place: undefined,
      occurredAt: undefined,
    } as unknown as SubmissionDraft;
    assert.deepEqual(client.validate(loose), []);
    const receipt = await client.submit(loose);
    const stored = adapter.stored.get(receipt.id)?.submission;
    assert.ok(stored && !('place' in stored) && !('occurredAt' in stored));
  });

  it('validate() gives the same issues without sending, and none for a good draft', () => {
    const adapter = recording(receiptAt('2026-11-25T10:00:01Z'));
    const client = createClient({ adapter, now: clock });
    assert.deepEqual(client.validate(draft()), []);
    assert.deepEqual(client.validate(draft({ kind: 'question' as 'praise' })), [
      {
        path: ['kind'],
        code: 'invalid_value',
        params: { allowed: ['praise', 'suggestion', 'complaint'] },
      },
    ]);
    assert.equal(adapter.calls.length, 0);
  });
});

describe('messageLength: the count a form shows is the count the check uses', () => {
  it('against the schema’s 10 000: characters, so an emoji is one, as the schema counts', () => {
    const emoji = '👍'.repeat(6000);
    assert.deepEqual(messageLength(emoji), { length: 6000, max: LIMITS.messageMax });
    assert.equal(parseSubmission({ ...sampleSubmission(), message: emoji }).success, true);
    const over = '👍'.repeat(LIMITS.messageMax + 1);
    assert.equal(messageLength(over).length > messageLength(over).max, true);
    assert.equal(parseSubmission({ ...sampleSubmission(), message: over }).success, false);
  });

  it('against a backend’s lower limit: UTF-16 units, never more lenient than the server', () => {
    assert.deepEqual(messageLength('👍'.repeat(2001), { maxMessageLength: 4000 }), {
      length: 4002,
      max: 4000,
    });
    assert.deepEqual(messageLength('a'.repeat(10), { maxMessageLength: 20_000 }), {
      length: 10,
      max: LIMITS.messageMax,
    });
    // A backend that takes exactly 10 000 still counts in UTF-16: 5 001 emoji are too long.
    const emoji = messageLength('👍'.repeat(5001), { maxMessageLength: 10_000 });
    assert.deepEqual(emoji, { length: 10_002, max: 10_000 });
  });
});

describe('createClient: the backend’s limits', () => {
  async function refused(
    capabilities: AdapterCapabilities,
    form: SubmissionDraft,
    expected: unknown[],
  ): Promise<void> {
    const adapter = recording(receiptAt('2026-11-25T10:00:01Z'), capabilities);
    const client = createClient({ adapter, now: clock });
    assert.deepEqual(client.capabilities, capabilities);
    assert.deepEqual(client.validate(form), expected);
    await assert.rejects(client.submit(form), (error: unknown) => {
      assert.ok(error instanceof SynpunktValidationError);
      assert.deepEqual(error.issues, expected);
      return true;
    });
    assert.equal(adapter.calls.length, 0, 'nothing is sent that the backend cannot carry');
  }

  it('maxMessageLength: a longer message → too_long with the backend’s max', async () => {
    await refused({ maxMessageLength: 4000 }, draft({ message: 'a'.repeat(4001) }), [
      { path: ['message'], code: 'too_long', params: { max: 4000 } },
    ]);
    const client = createClient({
      adapter: recording(receiptAt('2026-11-25T10:00:01Z'), { maxMessageLength: 4000 }),
    });
    assert.deepEqual(client.validate(draft({ message: 'a'.repeat(4000) })), []);
  });

  it('attachments: false → files_not_supported, but a draft without files is fine', async () => {
    await refused({ attachments: false }, draft({ attachments: [png] }), [
      { path: ['attachments'], code: 'files_not_supported' },
    ]);
    const client = createClient({
      adapter: recording(receiptAt('2026-11-25T10:00:01Z'), { attachments: false }),
    });
    assert.deepEqual(client.validate(draft()), []);
  });

  it('maxCount → too_many_files', async () => {
    await refused({ attachments: { maxCount: 1 } }, draft({ attachments: [png, png] }), [
      { path: ['attachments'], code: 'too_many_files', params: { max: 1 } },
    ]);
  });

  it('a draft exactly at each of the backend’s limits passes: the limit is the most, not one past it', () => {
    const at = (capabilities: AdapterCapabilities) =>
      createClient({ adapter: recording(receiptAt('2026-11-25T10:00:01Z'), capabilities) });
    const two = draft({ attachments: [png, png] });
    assert.deepEqual(at({ attachments: { maxCount: 2 } }).validate(two), []);
    assert.deepEqual(at({ attachments: { maxBytes: png.size } }).validate(two), []);
    assert.deepEqual(at({ attachments: { maxTotalBytes: 2 * png.size } }).validate(two), []);
  });

  it('types → file_type_not_allowed at the file, with the allowed types', async () => {
    await refused(
      { attachments: { types: ['image/jpeg', 'image/png'] } },
      draft({ attachments: [png, pdf] }),
      [
        {
          path: ['attachments', 1, 'type'],
          code: 'file_type_not_allowed',
          params: { allowed: ['image/jpeg', 'image/png'] },
        },
      ],
    );
  });

  it('maxBytes and maxTotalBytes → file_too_large and files_too_large', async () => {
    await refused({ attachments: { maxBytes: 100 } }, draft({ attachments: [png, pdf] }), [
      { path: ['attachments', 1, 'size'], code: 'file_too_large', params: { max: 100 } },
    ]);
    await refused({ attachments: { maxTotalBytes: 139 } }, draft({ attachments: [png, png] }), [
      { path: ['attachments'], code: 'files_too_large', params: { max: 139 } },
    ]);
  });
});

describe('createClient: replyBy', () => {
  it('counts the working days from the adapter’s receivedAt: 2026-12-18 + 10 → 2027-01-08', async () => {
    // The client's own clock says June: only the backend's receivedAt may count.
    const adapter = recording(receiptAt('2026-12-18T09:00:00.000Z'));
    const client = createClient({
      adapter,
      replyWithinWorkingDays: 10,
      now: () => new Date('2026-06-01T08:00:00Z'),
    });
    assert.deepEqual(await client.submit(draft()), {
      id: adapter.calls[0]?.id,
      reference: 'SYN-2026-000042',
      receivedAt: '2026-12-18T09:00:00.000Z',
      replyBy: '2027-01-08',
    });
  });

  it('counts from the date in Sweden: 23:30 UTC on 17 Dec is already the 18th', async () => {
    const client = createClient({
      adapter: recording(receiptAt('2026-12-17T23:30:00Z')),
      now: clock,
    });
    assert.equal((await client.submit(draft())).replyBy, '2027-01-08');
  });

  it('a reply-by date that is no real date is replaced by its own; the delivery still succeeds', async () => {
    for (const broken of ['2026-99-99', 'nästa vecka', '2026-02-30']) {
      const client = createClient({
        adapter: recording(receiptAt('2026-12-18T09:00:00Z', { replyBy: broken })),
      });
      assert.equal((await client.submit(draft())).replyBy, '2027-01-08', broken);
    }
    // A backend that writes "no date" as null, or a date as a number, has still taken it.
    for (const notText of [null, 20270108, { date: '2027-01-08' }]) {
      const client = createClient({
        adapter: recording(
          receiptAt('2026-12-18T09:00:00Z', { replyBy: notText as unknown as string }),
        ),
      });
      const receipt = await client.submit(draft());
      assert.equal(receipt.replyBy, '2027-01-08', JSON.stringify(notText));
      assert.equal(receipt.reference, 'SYN-2026-000042');
    }
    const anonymous = createClient({
      adapter: recording(receiptAt('2026-12-18T09:00:00Z', { replyBy: '2026-99-99' })),
    });
    const receipt = await anonymous.submit(
      draft({ reply: { wanted: false } } as Partial<SubmissionDraft>),
    );
    assert.equal('replyBy' in receipt, false, 'no date for an anonymous sender');
  });

  it('a receivedAt the calendar cannot count from is counted from now; the delivery succeeds', async () => {
    // NOW is Wednesday 25 November 2026: ten working days later is Wednesday 9 December.
    for (const broken of ['1', '2026-11-25', '2301-01-01T00:00:00Z', '1800-01-01T00:00:00Z']) {
      const client = createClient({ adapter: recording(receiptAt(broken)), now: () => NOW });
      const receipt = await client.submit(draft());
      assert.equal(receipt.replyBy, '2026-12-09', broken);
      assert.equal(receipt.reference, 'SYN-2026-000042');
    }
  });

  it('uses the municipality’s number of days (default 10)', async () => {
    const friday = receiptAt('2026-12-18T09:00:00Z');
    const one = createClient({ adapter: recording(friday), replyWithinWorkingDays: 1 });
    assert.equal((await one.submit(draft())).replyBy, '2026-12-21');
    const byDefault = createClient({ adapter: recording(friday) });
    assert.equal((await byDefault.submit(draft())).replyBy, '2027-01-08');
  });

  it('gives no replyBy to an anonymous sender', async () => {
    const client = createClient({ adapter: recording(receiptAt('2026-12-18T09:00:00Z')) });
    const receipt = await client.submit(draft({ reply: { wanted: false } }));
    assert.equal('replyBy' in receipt, false);
  });

  it('keeps a replyBy the adapter gave', async () => {
    const adapter = recording(receiptAt('2026-12-18T09:00:00Z', { replyBy: '2026-12-31' }));
    const client = createClient({ adapter });
    assert.equal((await client.submit(draft())).replyBy, '2026-12-31');
  });

  it('refuses a replyWithinWorkingDays that is not a whole number of days', () => {
    for (const days of [-1, 1.5, Number.NaN]) {
      assert.throws(
        () => createClient({ adapter: memoryAdapter(), replyWithinWorkingDays: days }),
        RangeError,
      );
    }
  });
});

describe('createClient: when delivery fails', () => {
  it('turns a plain Error from the adapter into a retryable AdapterError', async () => {
    const cause = new Error('ECONNRESET');
    const client = createClient({ adapter: recording(() => Promise.reject(cause)) });
    await assert.rejects(client.submit(draft()), (error: unknown) => {
      assert.ok(error instanceof AdapterError);
      assert.equal(error.retryable, true);
      assert.equal(error.reason, 'unavailable');
      assert.equal(error.cause, cause);
      return true;
    });
  });

  it('passes an AdapterError through unchanged', async () => {
    const refusal = new AdapterError('422 from the case system', {
      reason: 'rejected',
      status: 422,
    });
    const client = createClient({ adapter: recording(() => Promise.reject(refusal)) });
    await assert.rejects(client.submit(draft()), (error: unknown) => {
      assert.equal(error, refusal);
      assert.equal(refusal.retryable, false);
      return true;
    });
  });

  it('treats a receipt for another id, or no receipt, as a non-retryable AdapterError', async () => {
    const answers: ((submission: Submission) => unknown)[] = [
      receiptAt('2026-12-18T09:00:00Z', { id: newSubmissionId() }),
      receiptAt('2026-12-18T09:00:00Z', { reference: '' }),
      receiptAt('igår'),
      () => undefined,
      () => 'OK',
    ];
    for (const answer of answers) {
      const client = createClient({ adapter: recording(answer) });
      await assert.rejects(client.submit(draft()), (error: unknown) => {
        assert.ok(error instanceof AdapterError);
        assert.equal(error.retryable, false);
        assert.equal(error.reason, 'rejected');
        return true;
      });
    }
  });

  it('rejects with the abort reason and never calls the adapter when the signal is already aborted', async () => {
    const adapter = recording(receiptAt('2026-12-18T09:00:00Z'));
    const client = createClient({ adapter });
    const controller = new AbortController();
    const reason = new Error('the sender left the page');
    controller.abort(reason);
    await assert.rejects(
      client.submit(draft(), { signal: controller.signal }),
      (error) => error === reason,
    );
    assert.equal(adapter.calls.length, 0);
  });

  it('rejects with the abort reason, not an AdapterError, when aborted during delivery', async () => {
    const controller = new AbortController();
    const reason = new Error('the sender left the page');
    const adapter: Adapter = {
      name: 'slow',
      submit: (_submission, context) =>
        new Promise((_resolve, reject) => {
          context?.signal?.addEventListener('abort', () => reject(new Error('socket closed')));
        }),
    };
    const client = createClient({ adapter });
    const pending = client.submit(draft(), { signal: controller.signal });
    controller.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
  });

  it('rejects with the abort reason also when the adapter does not listen to the signal', async () => {
    const controller = new AbortController();
    const reason = new Error('the sender pressed Avbryt');
    const deaf: Adapter = { name: 'deaf', submit: () => new Promise(() => {}) };
    const pending = createClient({ adapter: deaf }).submit(draft(), { signal: controller.signal });
    controller.abort(reason);
    await assert.rejects(pending, (error) => error === reason);
  });

  it('takes a receipt whose id the backend wrote in lower case', async () => {
    const id = '3F2B8C1E-0000-4000-8000-00000000ABCD';
    const lower = recording((submission) => ({
      id: submission.id.toLowerCase(),
      reference: 'SYN-2026-000042',
      receivedAt: '2026-11-25T10:00:00Z',
    }));
    const receipt = await createClient({ adapter: lower }).submit(draft({ id }));
    assert.equal(receipt.reference, 'SYN-2026-000042');
  });
});

describe('newSubmissionId', () => {
  it('gives distinct v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newSubmissionId()));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, UUID_V4);
  });

  it('falls back to getRandomValues where crypto.randomUUID is missing (pages on plain http)', async () => {
    let randomCalls = 0;
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    Object.defineProperty(crypto, 'getRandomValues', {
      value: (array: Uint8Array): Uint8Array => {
        randomCalls += 1;
        return getRandomValues(array);
      },
      configurable: true,
    });
    try {
      assert.equal(typeof crypto.randomUUID, 'undefined');
      const ids = new Set(Array.from({ length: 200 }, () => newSubmissionId()));
      assert.equal(randomCalls, 200);
      assert.equal(ids.size, 200);
      for (const id of ids) assert.match(id, UUID_V4);
      // And a client still works there, under an id the schema accepts.
      const adapter = memoryAdapter();
      const client = createClient({ adapter, now: clock });
      const form = draft();
      assert.deepEqual(client.validate(form), []);
      const receipt = await client.submit(form);
      assert.match(receipt.id, UUID_V4);
      assert.equal(randomCalls, 201);
    } finally {
      Reflect.deleteProperty(crypto, 'randomUUID');
      Reflect.deleteProperty(crypto, 'getRandomValues');
    }
    assert.equal(typeof crypto.randomUUID, 'function', 'the stub is gone');
  });
});

describe('a retry is the same submission, byte for byte', () => {
  it('keeps the first try’s submittedAt on every retry, also when the clock has moved', async () => {
    let time = Date.parse('2026-11-25T10:00:00.000Z');
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: () => new Date(time) });
    const sent = draft();
    adapter.state = 'down';
    await assert.rejects(client.submit(sent));
    time += 60_000;
    adapter.state = 'up';
    const receipt = await client.submit(sent);
    assert.equal(
      adapter.stored.get(receipt.id)?.submission.submittedAt,
      '2026-11-25T10:00:00.000Z',
    );
    assert.equal(client.sentAt(receipt.id), '2026-11-25T10:00:00.000Z');
  });

  it('a refused draft was never sent, so it has no sentAt', async () => {
    const client = createClient({ adapter: memoryAdapter(), now: clock });
    const refused = draft({ message: '' });
    await assert.rejects(client.submit(refused));
    assert.equal(client.sentAt(client.idOf(refused)), undefined);
  });

  it('resends a restored draft with the id and submittedAt it had (after a reload)', async () => {
    const adapter = memoryAdapter();
    const client = createClient({ adapter, now: clock });
    const id = '3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f';
    const receipt = await client.submit(draft({ id, submittedAt: '2026-11-24T08:00:00.000Z' }));
    assert.equal(receipt.id, id);
    assert.equal(adapter.stored.get(id)?.submission.submittedAt, '2026-11-24T08:00:00.000Z');
  });
});
