import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { addWorkingDays, formatPlainDate, type Receipt } from '@synpunkt/sdk';
import { simpleParser } from 'mailparser';
import { longestWaitForQuestion, tokenHash } from '../src/follow-up.js';
import { followUpMigration } from '../src/follow-up-store.js';
import { Store, STORE_VERSION } from '../src/store.js';
import {
  ConfigError,
  createRelay,
  followUpReport,
  formatReportText,
  parseConfig,
  quarterOf,
  type Relay,
} from '../src/index.js';
import {
  captureLogger,
  emailSettings,
  eventually,
  post,
  sample,
  smtpSink,
  tempDir,
  testConfig,
  type SmtpSink,
} from './helpers.js';

const PUBLIC_URL = 'https://synpunkt.exempelkommun.se';
const LINK = /https:\/\/synpunkt\.exempelkommun\.se\/uppfoljning\/([A-Za-z0-9_-]{32})/;

/** The moment a Swedish wall clock shows `time` on `day` (winter or summer time). */
function swedishTime(day: string, time: string): number {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  for (const hours of [1, 2]) {
    const at = asUtc - hours * 3_600_000;
    if (format.format(at) === `${day} ${time}`) return at;
  }
  throw new Error(`no such Swedish time: ${day} ${time}`);
}

interface Setup {
  relay: Relay;
  sink: SmtpSink;
  logs: ReturnType<typeof captureLogger>;
  /** Sends a synpunkt and waits until the clerk has it; its receipt. */
  send(overrides?: Parameters<typeof sample>[0]): Promise<Receipt>;
  /** The follow-up mails that reached `address`, parsed. */
  questionsTo(address: string): Promise<{ subject: string; text: string }[]>;
}

async function setUp(
  t: TestContext,
  refuse: (address: string) => boolean = () => false,
  refuseSender: () => boolean = () => false,
) {
  const sink = await smtpSink(refuse, refuseSender);
  const tmp = tempDir();
  const logs = captureLogger();
  const relay = await createRelay(
    testConfig(join(tmp.dir, 'relay.db'), {
      targets: [
        {
          name: 'registrator',
          type: 'email',
          settings: { ...emailSettings(sink.port), municipalityName: 'Exempelkommun' },
        },
      ],
      followUp: { target: 'registrator', publicUrl: PUBLIC_URL },
    }),
    { log: logs.log },
  );
  relay.worker.start();
  t.after(async () => {
    await relay.stop();
    await sink.stop();
    tmp.cleanup();
  });
  const setup: Setup = {
    relay,
    sink,
    logs,
    async send(overrides = {}) {
      const submission = sample(overrides);
      const response = await relay.app.request('/v1/synpunkter', post(submission));
      assert.equal(response.status, 201);
      const receipt = (await response.json()) as Receipt;
      // Only a delivered synpunkt is asked about; the clerk's mail arrives a moment before the
      // relay records the delivery, so wait for the record, not the mail.
      const status = relay.store.db.prepare('SELECT status FROM submissions WHERE id = ?');
      await eventually(
        () =>
          sink.ids.includes(submission.id) &&
          (status.get(submission.id) as { status: string } | undefined)?.status === 'delivered',
        10_000,
        `the delivery of ${submission.id} to the clerk`,
      );
      return receipt;
    },
    async questionsTo(address) {
      const mails = [];
      for (const message of sink.messages) {
        if (!message.to.includes(address) || !/^X-Synpunkt-Follow-Up-Of:/im.test(message.text))
          continue;
        const parsed = await simpleParser(message.text);
        mails.push({ subject: parsed.subject ?? '', text: parsed.text ?? '' });
      }
      return mails;
    },
  };
  return setup;
}

const emailReply = (email: string) => ({
  reply: { wanted: true as const, via: 'email' as const, name: 'Zelda Testsson', email },
});

const answer = (relay: Relay, token: string, body: string) =>
  relay.app.request(`/uppfoljning/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });

const counts = (relay: Relay) => followUpReport(relay.store.db, quarterOf(new Date())).replyPromise;

describe('follow-up: was the promised reply in time?', () => {
  it('asks a sender who wanted an e-mail reply once, from 09:00 the working day after the promised day, and counts the answer', async (t) => {
    const { relay, logs, send, questionsTo } = await setUp(t);
    const address = 'zelda.privat@example.org';
    const receipt = await send(emailReply(address));
    assert.ok(receipt.replyBy, 'the receipt promised a day');
    const askOn = addWorkingDays(receipt.replyBy, 1);
    const followUps = relay.followUps!;
    // A report made now says who is still to be asked, and from when it will be whole.
    const reportOn = (today: Date) =>
      followUpReport(relay.store.db, quarterOf(new Date()), {}, { followUp: true, today });
    const early = reportOn(new Date());
    assert.deepEqual(early.notAskedYet, { senders: 1, lastAskOn: askOn });
    assert.ok(
      formatReportText(early).includes(
        `Har inte fått frågan än: 1. Den sista får frågan ${askOn}. Ta fram rapporten igen efter den dagen, så kommer alla svar med.`,
      ),
      formatReportText(early),
    );
    assert.ok(
      formatReportText(early, 'en').includes(
        `Not asked yet: 1, the last on ${askOn}. Run the report again after that day for every answer.`,
      ),
      formatReportText(early, 'en'),
    );

    assert.equal(await followUps.sweep(swedishTime(receipt.replyBy, '16:00')), 0, 'not on the day');
    assert.equal(await followUps.sweep(swedishTime(askOn, '08:59')), 0, 'not before nine');
    // A question owed since yesterday (the relay was down) waits for nine too.
    const dayAfter = addWorkingDays(askOn, 1);
    assert.equal(await followUps.sweep(swedishTime(dayAfter, '03:00')), 0, 'not at night');
    assert.equal(await followUps.sweep(swedishTime(askOn, '20:00')), 0, 'not in the evening');
    assert.equal(await followUps.sweep(swedishTime(askOn, '09:00')), 1);
    assert.equal(await followUps.sweep(swedishTime(askOn, '15:00')), 0, 'once');
    assert.equal(reportOn(new Date(swedishTime(askOn, '15:00'))).notAskedYet, undefined);

    const mails = await questionsTo(address);
    assert.equal(mails.length, 1);
    const [mail] = mails;
    assert.equal(mail!.subject, `Fick du svar i tid? (${receipt.reference})`);
    const promised = formatPlainDate(receipt.replyBy, 'sv-SE');
    assert.ok(mail!.text.includes(`Vi lovade att svara dig senast ${promised}.`), mail!.text);
    assert.ok(mail!.text.includes('till Exempelkommun'), mail!.text);
    const token = LINK.exec(mail!.text)?.[1];
    assert.ok(token, `a link in: ${mail!.text}`);

    // Opening the page (as a mail scanner does) records nothing.
    const page = await relay.app.request(`/uppfoljning/${token}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="sv">/);
    assert.ok(html.includes(`<legend>Fick du svar senast ${promised}?</legend>`), html);
    assert.ok(html.includes('Ja, jag fick svar i tid') && html.includes('Nej, jag fick inte svar'));
    assert.match(page.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
    assert.equal(page.headers.get('Referrer-Policy'), 'no-referrer');
    assert.deepEqual(counts(relay), { asked: 1, kept: 0, notKept: 0 });

    const no = await answer(relay, token, 'svar=nej');
    assert.equal(no.status, 200);
    const sorry = (await no.text()).replace(/<[^>]+>/g, '');
    assert.ok(sorry.includes('Förlåt att du inte fick svar i tid'), sorry);
    assert.ok(sorry.includes(`Kontakta Exempelkommun och uppge ärendenummer ${receipt.reference}`));
    assert.deepEqual(counts(relay), { asked: 1, kept: 0, notKept: 1 });
    const warning = logs.lines().find((line) => line.event === 'follow_up.not_kept');
    assert.equal(warning?.reference, receipt.reference);
    // "Nej" pressed again (or the thanks page sent again): the same answer, no second alert.
    assert.equal((await answer(relay, token, 'svar=nej')).status, 200);
    const alerts = logs.lines().filter((line) => line.event === 'follow_up.not_kept');
    assert.equal(alerts.length, 1);

    // A wrong click can be put right: the last answer counts.
    assert.equal((await answer(relay, token, 'svar=ja')).status, 200);
    assert.deepEqual(counts(relay), { asked: 1, kept: 1, notKept: 0 });
    const again = await (await relay.app.request(`/uppfoljning/${token}`)).text();
    assert.ok(again.includes('Du har svarat att du fick svar i tid.'), again);

    const compiled = followUpReport(relay.store.db, quarterOf(new Date()));
    const text = formatReportText(compiled);
    assert.ok(
      text.includes(
        'Avsändare som har fått frågan om svaret med e-post kom i tid: 1\nFick svar i tid:  ja 1, nej 0, har inte svarat 0\n',
      ),
      text,
    );
    const english = formatReportText(compiled, 'en');
    assert.ok(
      english.includes(
        'Asked whether the e-mail reply came by the promised day: 1\npromise:  kept 1, not kept 0, no answer 0\n',
      ),
      english,
    );

    // Neither the address nor the link's key is kept with the answer, nor logged.
    const rows = JSON.stringify(relay.store.db.prepare('SELECT * FROM follow_ups').all());
    assert.ok(!rows.includes(token) && !rows.includes(address), rows);
    assert.ok(!logs.text().includes(address) && !logs.text().includes(token));
  });

  it('asks in the sender’s language: English, and lättläst Swedish', async (t) => {
    const { relay, send, questionsTo } = await setUp(t);
    const english = await send({ ...emailReply('ada@example.org'), locale: 'en' });
    await send({ ...emailReply('bo@example.org'), mode: 'lattlast' });
    await relay.followUps!.sweep(swedishTime(addWorkingDays(english.replyBy!, 1), '10:00'));

    const [en] = await questionsTo('ada@example.org');
    assert.equal(en?.subject, `Did you get an answer in time? (${english.reference})`);
    const promised = formatPlainDate(english.replyBy!, 'en-GB');
    assert.ok(en.text.includes(`We promised to answer you by ${promised}.`), en.text);
    const page = await (await relay.app.request(`/uppfoljning/${LINK.exec(en.text)![1]}`)).text();
    assert.match(page, /<html lang="en">/);
    assert.ok(page.includes(`Did you get an answer by ${promised}?`), page);

    const [easy] = await questionsTo('bo@example.org');
    assert.ok(easy, 'the lättläst sender is asked');
    assert.ok(easy.text.includes('Klicka på länken och svara ja eller nej'), easy.text);
    const easyPage = await (
      await relay.app.request(`/uppfoljning/${LINK.exec(easy.text)![1]}`)
    ).text();
    assert.ok(easyPage.includes('Du skrev till oss.'), easyPage);
  });

  it('does not ask anonymous senders, those who wanted a call or a letter, or about a day long past', async (t) => {
    const { relay, send, sink } = await setUp(t);
    const byMail = await send(emailReply('ada@example.org'));
    await send({ reply: { wanted: false } });
    await send({
      reply: { wanted: true, via: 'phone', name: 'Bo Ek', phone: '+46701234567' },
    });
    const before = sink.messages.length;
    const askOn = addWorkingDays(byMail.replyBy!, 1);
    // Three weeks late (a relay that was off): the question would only puzzle.
    const late = swedishTime(addWorkingDays(askOn, 15), '10:00');
    assert.equal(await relay.followUps!.sweep(late), 0);
    assert.equal(await relay.followUps!.sweep(swedishTime(askOn, '10:00')), 1);
    assert.deepEqual(
      sink.messages.slice(before).map((m) => m.to),
      [['ada@example.org']],
      'only the sender who wanted an e-mail reply',
    );
  });

  it('a link nobody was given, or no clear answer, records nothing and says what to do', async (t) => {
    const { relay, send, questionsTo } = await setUp(t);
    const receipt = await send(emailReply('ada@example.org'));
    await relay.followUps!.sweep(swedishTime(addWorkingDays(receipt.replyBy!, 1), '10:00'));
    const token = LINK.exec((await questionsTo('ada@example.org'))[0]!.text)![1]!;

    for (const wrong of ['A'.repeat(32), 'inte-en-nyckel', `${token}x`]) {
      const response = await relay.app.request(`/uppfoljning/${wrong}`);
      assert.equal(response.status, 404);
      assert.ok((await response.text()).includes('Länken fungerar inte'));
      assert.equal((await answer(relay, wrong, 'svar=nej')).status, 404);
    }
    // Cut short or lengthened by a mail program: the same page, not the API's JSON.
    for (const path of ['/uppfoljning', '/uppfoljning/', `/uppfoljning/${token}/`]) {
      for (const method of ['GET', 'POST', 'PUT']) {
        const response = await relay.app.request(path, { method });
        assert.equal(response.status, 404, `${method} ${path}`);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/, path);
        assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
        assert.ok((await response.text()).includes('Länken fungerar inte'), `${method} ${path}`);
      }
    }
    for (const body of ['', 'svar=kanske', 'svar=__proto__', 'svar=constructor']) {
      const response = await answer(relay, token, body);
      assert.equal(response.status, 400, body);
      const html = await response.text();
      assert.ok(html.includes('Välj ja eller nej.'), body);
      // A screen reader on the buttons hears the problem with the question, not only once.
      assert.match(html, /<p class="error" id="fel" role="alert">/);
      assert.match(html, /<fieldset aria-describedby="fel">/);
    }
    const huge = await answer(relay, token, `svar=ja&x=${'a'.repeat(5_000)}`);
    assert.equal(huge.status, 413);
    assert.deepEqual(counts(relay), { asked: 1, kept: 0, notKept: 0 });
  });

  it('an answer the store cannot write gets a page that says so, and the next try counts', async (t) => {
    const { relay, logs, send, questionsTo } = await setUp(t);
    const receipt = await send(emailReply('ada@example.org'));
    await relay.followUps!.sweep(swedishTime(addWorkingDays(receipt.replyBy!, 1), '10:00'));
    const token = LINK.exec((await questionsTo('ada@example.org'))[0]!.text)![1]!;

    // SQLite itself refuses every write, as on a full disk.
    relay.store.db.pragma('query_only = ON');
    const refused = await answer(relay, token, 'svar=nej');
    assert.equal(refused.status, 503);
    assert.match(refused.headers.get('Content-Type') ?? '', /^text\/html/);
    const text = (await refused.text()).replace(/<[^>]+>/g, '');
    assert.ok(text.includes('Ditt svar sparades inte'), text);
    assert.ok(text.includes('Försök igen om en stund'), text);
    const failed = logs.lines().find((line) => line.event === 'follow_up.answer_failed');
    assert.equal(failed?.reference, receipt.reference);

    relay.store.db.pragma('query_only = OFF');
    assert.equal((await answer(relay, token, 'svar=nej')).status, 200);
    assert.deepEqual(counts(relay), { asked: 1, kept: 0, notKept: 1 });
  });

  it('a mail server that is down: asked at the next sweep; an address it refuses: never again', async (t) => {
    const refused = 'finns.inte@example.org';
    const { relay, sink, logs, send, questionsTo } = await setUp(t, (to) => to === refused);
    const receipt = await send(emailReply('ada@example.org'));
    await send(emailReply(refused));
    const at = swedishTime(addWorkingDays(receipt.replyBy!, 1), '10:00');

    await sink.stop();
    assert.equal(await relay.followUps!.sweep(at), 0);
    const failed = () => logs.lines().filter((line) => line.event === 'follow_up.failed');
    // The server down is everyone's problem: the sweep stops at the first, not one try each.
    assert.equal(failed().length, 1);
    assert.equal(failed()[0]?.retryable, true);
    await sink.start();
    assert.equal(await relay.followUps!.sweep(at + 3_600_000), 1);
    assert.equal((await questionsTo('ada@example.org')).length, 1);
    const refusals = failed().filter((line) => line.retryable === false);
    assert.equal(refusals.length, 1, 'the refused address, once');

    const tries = failed().length;
    assert.equal(await relay.followUps!.sweep(at + 7_200_000), 0);
    assert.equal(failed().length, tries, 'the refused address is not tried again');
    assert.ok(!logs.text().includes(refused), 'nor is it logged');
    assert.deepEqual(counts(relay), { asked: 1, kept: 0, notKept: 0 });
  });
  it('a server that refuses the relay (its login, its sender address) writes nobody off', async (t) => {
    let refusing = true;
    const { relay, logs, send, questionsTo } = await setUp(
      t,
      () => false,
      () => refusing,
    );
    // The clerk's mails go out first; only then does the server start refusing the sender.
    refusing = false;
    const receipt = await send(emailReply('ada@example.org'));
    await send(emailReply('bo@example.org'));
    refusing = true;
    const at = swedishTime(addWorkingDays(receipt.replyBy!, 1), '10:00');

    assert.equal(await relay.followUps!.sweep(at), 0);
    const failed = logs.lines().filter((line) => line.event === 'follow_up.failed');
    assert.equal(failed.length, 1, 'one line for the operator, not one per sender');
    assert.equal(failed[0]?.level, 'error');
    assert.match(String(failed[0]?.fix), /check the SMTP settings/);

    refusing = false;
    assert.equal(await relay.followUps!.sweep(at + 3_600_000), 2, 'both asked once it is fixed');
    assert.equal((await questionsTo('ada@example.org')).length, 1);
    assert.equal((await questionsTo('bo@example.org')).length, 1);
  });
});

const DAY = 86_400_000;

describe('follow-up: the store', () => {
  it('a store from before (schema version 6) keeps its questions and answers, and open links work', async (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const path = join(tmp.dir, 'relay.db');
    // A version 6 store: follow_ups as that version made it, with an answered question.
    const old = new Store(path);
    old.db.exec(`DROP TABLE follow_ups; ${followUpMigration}`);
    const insert = old.db.prepare(
      `INSERT INTO follow_ups (submission_id, token_hash, reference, received_on, reply_by,
         language, status, asked_at, answer, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = Date.now();
    const rows = [
      [
        'a1',
        tokenHash('k'.repeat(32)),
        'SYN-2026-000001',
        '2026-10-01',
        '2026-10-15',
        'sv',
        'asked',
        now - DAY,
        'not-kept',
        now,
      ],
      [
        'a2',
        null,
        'SYN-2026-000002',
        '2026-10-02',
        '2026-10-16',
        'en',
        'undeliverable',
        now - DAY,
        null,
        null,
      ],
      [
        'a3',
        tokenHash('m'.repeat(32)),
        'SYN-2026-000003',
        '2026-10-03',
        '2026-10-17',
        'sv-lattlast',
        'asked',
        now - DAY,
        'kept',
        now,
      ],
    ] as const;
    for (const row of rows) insert.run(...row);
    old.db.pragma('user_version = 6');
    const before = old.followUps.counts('2026-10-01', '2026-12-31');
    old.close();

    const store = new Store(path);
    t.after(() => store.close());
    assert.equal(store.db.pragma('user_version', { simple: true }), STORE_VERSION);
    assert.deepEqual(
      store.db
        .prepare(
          `SELECT submission_id, token_hash, reference, received_on, reply_by, language, status,
                  asked_at, answer, answered_at FROM follow_ups ORDER BY submission_id`,
        )
        .raw()
        .all(),
      rows.map((row) => [...row]),
    );
    assert.deepEqual(store.followUps.counts('2026-10-01', '2026-12-31'), before);
    assert.deepEqual(store.followUps.counts('2026-10-01', '2026-12-31'), {
      asked: 2,
      kept: 1,
      notKept: 1,
    });
    assert.equal(store.followUps.byToken(tokenHash('k'.repeat(32)))?.reference, 'SYN-2026-000001');
    // And a closed question can now lose what tied it to a person.
    assert.equal(store.closeFollowUps(now, '2026-12-31'), 3);
    assert.deepEqual(store.followUps.counts('2026-10-01', '2026-12-31'), before);
  });
});

describe('follow-up configuration', () => {
  const base = (followUp: unknown) =>
    ({
      ...testConfig(':memory:'),
      targets: [
        { name: 'arende', type: 'rest', settings: { endpoint: 'http://127.0.0.1:9/v1' } },
        { name: 'registrator', type: 'email', settings: emailSettings(25) },
      ],
      followUp,
    }) as Parameters<typeof parseConfig>[0];

  it('must name an e-mail target, which sends the question, and the relay’s public address', () => {
    assert.throws(
      () => parseConfig(base({ target: 'arende', publicUrl: PUBLIC_URL })),
      (error: Error) =>
        error instanceof ConfigError &&
        error.message.includes(
          'followUp.target: must name a target of type "email" (here: registrator)',
        ),
    );
    assert.throws(
      () => parseConfig(base({ target: 'registrator', publicUrl: 'synpunkt.kommun.se' })),
      /followUp\.publicUrl: must be the relay’s public address/,
    );
    assert.equal(
      parseConfig(base({ target: 'registrator', publicUrl: PUBLIC_URL })).followUp?.target,
      'registrator',
    );
  });

  it('warns at start when the content is purged before the question would be sent', async (t) => {
    const tmp = tempDir();
    const logs = captureLogger();
    const relay = await createRelay(
      {
        ...testConfig(join(tmp.dir, 'relay.db')),
        targets: [{ name: 'registrator', type: 'email', settings: emailSettings(25) }],
        followUp: { target: 'registrator', publicUrl: PUBLIC_URL },
        retentionDays: 7,
      },
      { log: logs.log },
    );
    t.after(async () => {
      await relay.stop();
      tmp.cleanup();
    });
    const warning = logs.lines().find((line) => line.event === 'follow_up.retention_too_short');
    assert.equal(warning?.level, 'warn');
    assert.match(String(warning.fix), /set retentionDays to at least 26/);
  });

  it('asks for the retention the Christmas holidays need, not an average', async (t) => {
    // Received 18 December 2025: ten working days end 9 January, asked Monday 12 January,
    // 25 days later. A relay that purges after 25 days has the address no longer.
    assert.equal(addWorkingDays(addWorkingDays('2025-12-18', 10), 1), '2026-01-12');
    assert.equal(longestWaitForQuestion(10, new Date('2026-01-01')), 25);
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const warned = async (retentionDays: number) => {
      const logs = captureLogger();
      const relay = await createRelay(
        {
          ...testConfig(join(tmp.dir, `relay-${retentionDays}.db`)),
          targets: [{ name: 'registrator', type: 'email', settings: emailSettings(25) }],
          followUp: { target: 'registrator', publicUrl: PUBLIC_URL },
          retentionDays,
        },
        { log: logs.log },
      );
      await relay.stop();
      return logs.lines().some((line) => line.event === 'follow_up.retention_too_short');
    };
    assert.equal(await warned(25), true);
    assert.equal(await warned(26), false);
  });

  it('without followUp nobody is asked and there is no answer page', async (t) => {
    const tmp = tempDir();
    const relay = await createRelay(testConfig(join(tmp.dir, 'relay.db')), {
      log: captureLogger().log,
    });
    t.after(async () => {
      await relay.stop();
      tmp.cleanup();
    });
    assert.equal(relay.followUps, undefined);
    assert.equal((await relay.app.request(`/uppfoljning/${'A'.repeat(32)}`)).status, 404);
    assert.deepEqual(counts(relay), { asked: 0, kept: 0, notKept: 0 });
  });
});
