import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Receipt, Submission } from '@synpunkt/sdk';
import { sampleSubmission } from '@synpunkt/sdk/testing';
import {
  emailSettings,
  eventually,
  kill,
  post,
  smtpSink,
  startChild,
  tempDir,
  testConfig,
  type ChildRelay,
  type SmtpSink,
} from './helpers.js';

const TOTAL = 2_000;
const CLIENTS = 16;
const KILL_AFTER = 700;
const OUTBOX_CONCURRENCY = 16;

/** Pending deliveries according to the relay's own metrics. */
async function pending(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/synpunkt_queue_depth\{status="pending"\} (\d+)/.exec(text)?.[1] ?? NaN);
}

describe('crash: SIGKILL mid-run, restart on the same store, SMTP as the target', () => {
  let sink: SmtpSink;
  const tmp = tempDir();
  let relay: ChildRelay | undefined;

  before(async () => {
    sink = await smtpSink();
  });
  after(async () => {
    if (relay) await kill(relay);
    await sink.stop();
    tmp.cleanup();
  });

  it('delivers every submission that got a 201 exactly once per Message-ID, and retries make no duplicates', async (t) => {
    const storePath = join(tmp.dir, 'relay.db');
    const config = testConfig(storePath, {
      outbox: {
        maxAttempts: 50,
        baseDelayMs: 20,
        maxDelayMs: 200,
        pollIntervalMs: 50,
        concurrency: OUTBOX_CONCURRENCY,
        timeoutMs: 10_000,
      },
      targets: [{ name: 'registrator', type: 'email', settings: emailSettings(sink.port) }],
    });
    const configPath = join(tmp.dir, 'relay.config.json');
    relay = await startChild(config, configPath);

    const submissions: Submission[] = Array.from({ length: TOTAL }, (_, i) =>
      sampleSubmission({ message: `Synpunkt nummer ${i} om gungan.` }),
    );
    const receipts = new Map<string, Receipt>();
    const replayed = new Set<string>();
    let unanswered: Submission[] = [];
    let next = 0;
    let killed = false;

    const send = async (url: string, submission: Submission): Promise<boolean> => {
      try {
        const response = await fetch(`${url}/v1/synpunkter`, post(submission));
        const body = (await response.json()) as Receipt;
        assert.equal(
          response.status,
          201,
          `a valid submission is accepted: ${JSON.stringify(body)}`,
        );
        if (response.headers.get('Idempotent-Replayed') === 'true') replayed.add(submission.id);
        const earlier = receipts.get(submission.id);
        if (earlier) assert.deepEqual(body, earlier, 'a retry gets the same receipt');
        receipts.set(submission.id, body);
        return true;
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        return false; // no answer: the relay died under us
      }
    };

    // Phase 1: clients send until the relay is killed.
    const firstUrl = relay.url;
    const firstRelay = relay;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (!killed && next < TOTAL) {
          const submission = submissions[next++]!;
          const ok = await send(firstUrl, submission);
          if (!ok) unanswered.push(submission);
          if (!killed && receipts.size >= KILL_AFTER) {
            killed = true;
            await kill(firstRelay, 'SIGKILL');
          }
        }
      }),
    );
    const answeredBeforeKill = receipts.size;
    const deliveredBeforeKill = new Set(sink.ids).size;
    t.diagnostic(
      `before SIGKILL: ${answeredBeforeKill} answered 201, ${unanswered.length} unanswered, ${deliveredBeforeKill} mailed, ${sink.errors.length} SMTP connections reset`,
    );
    assert.ok(
      deliveredBeforeKill < answeredBeforeKill,
      'the kill came while deliveries were still queued',
    );

    // Phase 2: restart on the same store; retry the unanswered with the same key, send the rest.
    relay = await startChild(config, configPath);
    const url = relay.url;
    const retries = unanswered;
    unanswered = [];
    for (const submission of retries) assert.ok(await send(url, submission), 'a retry is answered');
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < TOTAL) {
          const submission = submissions[next++]!;
          assert.ok(await send(url, submission), 'the restarted relay answers');
        }
      }),
    );
    assert.equal(receipts.size, TOTAL, 'every submission got a 201 in the end');

    await eventually(async () => (await pending(url)) === 0, 120_000, 'the outbox to drain');
    await eventually(() => new Set(sink.ids).size >= TOTAL, 10_000, 'every mail to arrive');

    const distinct = new Set(sink.ids);
    for (const id of receipts.keys()) assert.ok(distinct.has(id), `${id} got a 201 and was mailed`);
    assert.equal(distinct.size, TOTAL, 'nothing was mailed that was not accepted');
    assert.ok(!distinct.has('missing'), 'every mail carries X-Synpunkt-Id');
    const duplicates = sink.ids.length - distinct.size;
    t.diagnostic(
      `${retries.length} retried after restart (${[...retries].filter((s) => replayed.has(s.id)).length} had been stored before the kill); ${duplicates} mails sent twice`,
    );
    // At-least-once across a crash: only a delivery in flight at the kill can be sent again,
    // and it carries the same Message-ID, so the receiving mail system drops the copy.
    assert.ok(
      duplicates <= OUTBOX_CONCURRENCY,
      `at most the in-flight deliveries repeat (${duplicates})`,
    );
    for (const id of distinct) {
      const messageId = /^Message-ID:\s*(\S+)/im.exec(sink.raw.get(id) ?? '')?.[1];
      assert.equal(messageId, `<${id}@synpunkt>`, 'the Message-ID carries the submission id');
    }

    const stopped = await kill(relay, 'SIGTERM');
    relay = undefined;
    assert.equal(stopped.code, 0, 'SIGTERM stops the relay cleanly');

    // The store: one row per submission, unique references, every delivery done.
    const db = new Database(storePath, { readonly: true });
    try {
      const { n } = db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number };
      const { refs } = db
        .prepare('SELECT count(DISTINCT reference) AS refs FROM submissions')
        .get() as {
        refs: number;
      };
      const { open } = db
        .prepare(`SELECT count(*) AS open FROM deliveries WHERE status <> 'delivered'`)
        .get() as { open: number };
      assert.equal(n, TOTAL, 'one stored row per submission: retries made no duplicate');
      assert.equal(refs, TOTAL, 'every submission has its own reference');
      assert.equal(open, 0, 'every delivery is done');
    } finally {
      db.close();
    }
    const references = new Set([...receipts.values()].map((r) => r.reference));
    assert.equal(references.size, TOTAL, 'no two receipts share a reference');
  });
});
