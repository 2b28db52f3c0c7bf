import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tokenHash } from '../src/follow-up.js';
import { sampleAnonymous, TINY_PNG_BASE64 } from '@synpunkt/sdk/testing';
import {
  countingAdapter,
  eventually,
  oneTryOutbox,
  post,
  relayWithBackends,
  restTargets,
  runCli,
  sample,
  tempDir,
  testConfig,
} from './helpers.js';

/** `report --json` over every day the store can hold: what the figures still count. */
function reportOfAllTime(configPath: string): ReturnType<typeof runCli> {
  return runCli([
    'report',
    '--json',
    '--from',
    '2000-01-01',
    '--to',
    '2999-12-31',
    '--config',
    configPath,
  ]);
}

/** What `person show` prints for one submission (the parts these tests look at). */
interface Shown {
  reference: string;
  status: string;
  deliveries: { target: string; status: string }[];
  submission: {
    message: string;
    earlierReference?: string;
    reply: { name?: string; email?: string; phone?: string };
    attachments: { name: string; data: string }[];
  } | null;
}

describe('synpunkt-relay person (requests from a data subject)', () => {
  it('shows everything the store holds about one sender, and erases it on request', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(storePath, {
      outbox: oneTryOutbox(2),
      targets: [
        ...restTargets('registrator'),
        { name: 'arkiv', type: 'rest', areas: ['skola'], settings: {} },
      ],
    });
    writeFileSync(configPath, JSON.stringify(config));
    const arkiv = countingAdapter();
    arkiv.state = 'refusing';
    const relay = await relayWithBackends(config, [countingAdapter(), arkiv]);
    relay.worker.start();
    const anna = {
      wanted: true,
      via: 'email',
      name: 'Anna Zetterlund',
      email: 'anna.z@example.org',
    } as const;
    const delivered = sample({
      message: 'Gungan-4711 är trasig',
      // She takes an earlier case further: its number is hers too, shown and erased with the rest.
      earlierReference: 'KS-4715/2026',
      reply: anna,
      attachments: [
        { name: 'gungan-4711.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 },
      ],
    });
    // Her second one went also to a target that refused it: dead, so retention keeps it.
    const dead = sample({ area: 'skola', message: 'Skolmaten-4712 är kall', reply: anna });
    const other = sample({
      message: 'Bertils-4713 text',
      reply: { wanted: true, via: 'phone', name: 'Bertil Ek', phone: '070-123 45 67' },
    });
    const anonymous = sampleAnonymous({ message: 'Anonym-4714 text' });
    const references: string[] = [];
    try {
      for (const submission of [delivered, dead, other, anonymous]) {
        const answer = await relay.app.request('/v1/synpunkter', post(submission));
        assert.equal(answer.status, 201);
        references.push(((await answer.json()) as { reference: string }).reference);
      }
      await eventually(() => {
        const counts = relay.store.counts();
        return counts.delivered === 4 && counts.dead === 1;
      });
    } finally {
      await relay.stop();
    }

    // Registerutdrag: by e-mail address, in any case.
    const shown = await runCli(['person', 'show', 'ANNA.Z@example.org', '--config', configPath]);
    assert.equal(shown.code, 0, shown.stderr);
    const annas = JSON.parse(shown.stdout) as Shown[];
    assert.deepEqual(annas.map((s) => s.reference).sort(), [references[0], references[1]]);
    const first = annas.find((s) => s.reference === references[0])!;
    assert.equal(first.submission?.message, 'Gungan-4711 är trasig');
    assert.equal(first.submission?.earlierReference, 'KS-4715/2026');
    assert.equal(first.submission?.reply.name, 'Anna Zetterlund');
    assert.equal(first.submission?.attachments[0]?.data, TINY_PNG_BASE64, 'the files too');
    const second = annas.find((s) => s.reference === references[1])!;
    assert.deepEqual(
      second.deliveries.map((d) => [d.target, d.status]),
      [
        ['arkiv', 'dead'],
        ['registrator', 'delivered'],
      ],
    );
    // By phone number, written another way than the form stored it.
    const byPhone = await runCli(['person', 'show', '+46 70 123 45 67', '--config', configPath]);
    assert.equal(byPhone.code, 0, byPhone.stderr);
    assert.deepEqual(
      (JSON.parse(byPhone.stdout) as Shown[]).map((s) => s.reference),
      [references[2]],
    );
    // An anonymous sender can only be found by the reference on their receipt.
    const byReference = await runCli(['person', 'show', references[3]!, '--config', configPath]);
    assert.equal(byReference.code, 0, byReference.stderr);
    assert.equal(
      (JSON.parse(byReference.stdout) as Shown[])[0]?.submission?.message,
      'Anonym-4714 text',
    );
    // As a person reads it out on the phone, or a clerk types it: in lower case.
    const typed = await runCli([
      'person',
      'show',
      references[3]!.toLowerCase(),
      '--config',
      configPath,
    ]);
    assert.equal(typed.code, 0, typed.stderr);
    assert.deepEqual(
      (JSON.parse(typed.stdout) as Shown[]).map((s) => s.reference),
      [references[3]],
    );

    // Erasure: her content goes now, also the dead one's, and nobody else's.
    const erased = await runCli(['person', 'erase', 'anna.z@example.org', '--config', configPath]);
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(
      erased.stdout,
      new RegExp(`${references[0]}.*${references[1]}|${references[1]}.*${references[0]}`),
    );
    assert.match(erased.stdout, /arkiv/, 'it names the delivery that will now never be made');
    assert.match(
      erased.stdout,
      /\(message, place, earlier case number, name, contact details, files\)/,
    );
    for (const file of [storePath, `${storePath}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file);
      for (const value of [
        'Gungan-4711',
        'KS-4715/2026',
        'Skolmaten-4712',
        'Zetterlund',
        'anna.z@example.org',
        'gungan-4711.png',
        TINY_PNG_BASE64.slice(8, 48),
      ]) {
        assert.equal(bytes.indexOf(value), -1, `${file} holds no ${value}`);
      }
      assert.notEqual(bytes.indexOf('Bertils-4713'), -1, 'the others are kept');
    }
    const after = await runCli(['person', 'show', references[1]!, '--config', configPath]);
    assert.equal(after.code, 0, after.stderr);
    const [left] = JSON.parse(after.stdout) as Shown[];
    assert.equal(left?.status, 'purged');
    assert.equal(left?.submission, null, 'the receipt stays, the content is gone');
    assert.deepEqual(left?.deliveries, [], 'the dead delivery is not tried again');
    const none = await runCli(['person', 'show', 'anna.z@example.org', '--config', configPath]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No submission/);

    // The quarterly figures still count her synpunkter.
    const report = await reportOfAllTime(configPath);
    assert.equal(report.code, 0, report.stderr);
    assert.equal((JSON.parse(report.stdout) as { total: number }).total, 4);
    tmp.cleanup();
  });

  it('shows a sender’s open follow-up answer, and erase unties it from them, also after the content is gone', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(storePath, { targets: restTargets('registrator') });
    writeFileSync(configPath, JSON.stringify(config));
    const relay = await relayWithBackends(config, [countingAdapter()]);
    relay.worker.start();
    const email = 'dora.follow@example.org';
    const submission = sample({
      message: 'Lekplatsen-4715',
      reply: { wanted: true, via: 'email', name: 'Dora Ek', email },
    });
    let reference: string;
    try {
      const answer = await relay.app.request('/v1/synpunkter', post(submission));
      reference = ((await answer.json()) as { reference: string }).reference;
      await eventually(() => relay.store.counts().delivered === 1);
      // She was asked whether the reply came in time, and answered no; then her content was
      // purged, as retention does before the answer time is over.
      const [candidate] = relay.store.followUps.candidates('2000-01-01', '2999-12-31', 10);
      const key = tokenHash('d'.repeat(32));
      const now = Date.now();
      relay.store.followUps.record(
        candidate!,
        { status: 'asked', tokenHash: key },
        candidate!.receivedAt.slice(0, 10),
        'sv',
        now,
      );
      assert.equal(relay.store.followUps.answer(key, 'not-kept', now, now - 1), true);
      relay.store.purgeSubmissions([submission.id]);
    } finally {
      await relay.stop();
    }

    const shown = await runCli(['person', 'show', reference, '--config', configPath]);
    assert.equal(shown.code, 0, shown.stderr);
    const [before] = JSON.parse(shown.stdout) as (Shown & {
      followUp: { answer: string } | null;
    })[];
    assert.equal(before?.followUp?.answer, 'not-kept', 'her answer is hers while it is open');

    const erased = await runCli(['person', 'erase', reference, '--config', configPath]);
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, new RegExp(`Untied the answer .* from ${reference}`));
    const after = await runCli(['person', 'show', reference, '--config', configPath]);
    assert.equal((JSON.parse(after.stdout) as { followUp: unknown }[])[0]?.followUp, null);
    assert.equal(readFileSync(storePath).indexOf(tokenHash('d'.repeat(32))), -1);
    const again = await runCli(['person', 'erase', reference, '--config', configPath]);
    assert.equal(again.code, 1, 'nothing of hers is left to erase');

    // The answer still counts in the report: nobody can tell whose it was.
    const report = await reportOfAllTime(configPath);
    assert.equal(report.code, 0, report.stderr);
    assert.deepEqual((JSON.parse(report.stdout) as { replyPromise: unknown }).replyPromise, {
      asked: 1,
      kept: 0,
      notKept: 1,
    });
    tmp.cleanup();
  });

  it('says what it takes when the words are wrong', async () => {
    const tmp = tempDir();
    const configPath = join(tmp.dir, 'relay.config.json');
    writeFileSync(configPath, JSON.stringify(testConfig(join(tmp.dir, 'relay.db'))));
    const missing = await runCli(['person', 'show', '--config', configPath]);
    assert.equal(missing.code, 64);
    assert.match(missing.stderr, /e-mail address, phone number or reference/);
    const unknown = await runCli(['person', 'forget', 'a@example.org', '--config', configPath]);
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /show and erase/);
    tmp.cleanup();
  });
});
