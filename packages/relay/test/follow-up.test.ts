import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { addWorkingDays, formatPlainDate, type Receipt } from '@synpunkt/sdk';
import { simpleParser } from 'mailparser';
import { closeQuestions, longestWaitForQuestion, tokenHash } from '../src/follow-up.js';
import { followUpMigration } from '../src/follow-up-store.js';
import { recordsOf, submissionsOf } from '../src/person.js';
import { Store, STORE_VERSION } from '../src/store.js';
import {
  ConfigError,
  createRelay,
  followUpReport,
  formatReportText,
  isDue,
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
  followUp: { answerDays?: number } = {},
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
      followUp: { target: 'registrator', publicUrl: PUBLIC_URL, ...followUp },
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

/** The follow-up figures of a quarter, this one unless given (a test may move the clock). */
const counts = (relay: Relay, quarter = quarterOf(new Date())) =>
  followUpReport(relay.store.db, quarter).replyPromise;

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

  it('isDue: a promise kept by a Friday is asked about on Monday from 09:00 until 20:00, not at the weekend', () => {
    const friday = '2026-03-13';
    assert.equal(isDue(friday, swedishTime(friday, '12:00')), false, 'not on the promised day');
    assert.equal(isDue(friday, swedishTime('2026-03-14', '12:00')), false, 'not on Saturday');
    assert.equal(isDue(friday, swedishTime('2026-03-15', '12:00')), false, 'not on Sunday');
    assert.equal(isDue(friday, swedishTime('2026-03-16', '08:59')), false, 'not before nine');
    assert.equal(isDue(friday, swedishTime('2026-03-16', '09:00')), true);
    assert.equal(isDue(friday, swedishTime('2026-03-16', '19:59')), true);
    assert.equal(isDue(friday, swedishTime('2026-03-16', '20:00')), false, 'not from eight');
    assert.equal(isDue(friday, swedishTime('2026-03-17', '10:00')), true, 'still owed');
  });

  it('asks in the sender’s language: English, and lättläst Swedish', async (t) => {
    const { relay, send, questionsTo } = await setUp(t);
    const english = await send({ ...emailReply('ada@example.org'), locale: 'en' });
    await send({ ...emailReply('bo@example.org'), mode: 'lattlast' });
    await relay.followUps!.sweep(swedishTime(addWorkingDays(english.replyBy!, 1), '10:00'));

    const [en] = await questionsTo('ada@example.org');
    assert.equal(en?.subject, `Did you get a reply in time? (${english.reference})`);
    const promised = formatPlainDate(english.replyBy!, 'en-GB');
    assert.ok(en.text.includes(`We promised to reply to you by ${promised}.`), en.text);
    const page = await (await relay.app.request(`/uppfoljning/${LINK.exec(en.text)![1]}`)).text();
    assert.match(page, /<html lang="en">/);
    assert.ok(page.includes(`Did you get a reply by ${promised}?`), page);

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

  it('does not ask a sender whose synpunkt has not reached the municipality', async (t) => {
    let clerkDown = false;
    const { relay, send, questionsTo } = await setUp(
      t,
      (address) => clerkDown && address === 'registrator@exempelkommun.se',
    );
    const delivered = await send(emailReply('ada@example.org'));
    clerkDown = true;
    const stuck = sample(emailReply('bo@example.org'));
    assert.equal((await relay.app.request('/v1/synpunkter', post(stuck))).status, 201);
    await eventually(
      () => relay.store.list().some((e) => e.submissionId === stuck.id && e.attempts >= 1),
      10_000,
      'a failed delivery',
    );
    const askOn = addWorkingDays(delivered.replyBy!, 1);
    assert.equal(await relay.followUps!.sweep(swedishTime(askOn, '10:00')), 1);
    assert.equal((await questionsTo('ada@example.org')).length, 1);
    assert.deepEqual(await questionsTo('bo@example.org'), [], 'nobody could have answered bo');
  });

  it('a stop during a sweep finishes the question being sent and asks nobody else', async (t) => {
    const { relay, send, questionsTo } = await setUp(t);
    const addresses = ['ada@example.org', 'bo@example.org', 'cy@example.org'];
    let receipt: Receipt | undefined;
    for (const address of addresses) receipt = await send(emailReply(address));
    const askAt = swedishTime(addWorkingDays(receipt!.replyBy!, 1), '10:00');
    const sweeping = relay.followUps!.sweep(askAt);
    await relay.followUps!.stop();
    assert.equal(await sweeping, 1, 'the one under way');
    let sent = 0;
    for (const address of addresses) sent += (await questionsTo(address)).length;
    assert.equal(sent, 1);
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

/** How often `text` occurs in the store's files as they are on disk (the file and its WAL). */
function onDisk(storePath: string, text: string): number {
  let count = 0;
  for (const file of [storePath, `${storePath}-wal`].filter(existsSync)) {
    const bytes = readFileSync(file);
    for (let at = bytes.indexOf(text); at !== -1; at = bytes.indexOf(text, at + 1)) count += 1;
  }
  return count;
}

/** The page's text without its tags. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, '');

describe('follow-up: the answer time', () => {
  it('a question is answered within followUp.answerDays; then its page says it is closed, in the sender’s language, and records nothing', async (t) => {
    const { relay, logs, send, questionsTo } = await setUp(t);
    const quarter = quarterOf(new Date());
    const swedish = await send(emailReply('ada@example.org'));
    const english = await send({ ...emailReply('bo@example.org'), locale: 'en' });
    await send({ ...emailReply('cy@example.org'), mode: 'lattlast' });
    const askedAt = swedishTime(addWorkingDays(swedish.replyBy!, 1), '10:00');
    assert.equal(await relay.followUps!.sweep(askedAt), 3);
    const tokenOf = async (address: string) =>
      LINK.exec((await questionsTo(address))[0]!.text)![1]!;
    const sv = await tokenOf('ada@example.org');
    const en = await tokenOf('bo@example.org');
    const easy = await tokenOf('cy@example.org');

    // A minute before the 30 days (the default) are over: the question is open.
    t.mock.timers.enable({ apis: ['Date'], now: askedAt + 30 * DAY - 60_000 });
    assert.equal((await relay.app.request(`/uppfoljning/${sv}`)).status, 200);
    assert.equal((await answer(relay, sv, 'svar=nej')).status, 200);
    const alerts = () => logs.lines().filter((line) => line.event === 'follow_up.not_kept');
    assert.deepEqual(
      alerts().map((line) => line.reference),
      [swedish.reference],
      'staff hear of the broken promise',
    );
    const answered = { asked: 3, kept: 0, notKept: 1 };
    assert.deepEqual(counts(relay, quarter), answered);
    // An answer whose body is still arriving when the answer time ends is not recorded: the
    // question was open when the request came, closed when the answer would be written.
    const late = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          t.mock.timers.setTime(askedAt + 30 * DAY);
          controller.enqueue(new TextEncoder().encode('svar=ja'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const slow = await relay.app.request(`/uppfoljning/${en}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: late,
      duplex: 'half',
    } as RequestInit);
    assert.equal(slow.status, 410, 'closed by the time the answer came');
    assert.deepEqual(counts(relay, quarter), answered, 'the late answer is not counted');

    // Thirty days after the question: closed, for a page opened and for an answer alike.
    t.mock.timers.setTime(askedAt + 30 * DAY);
    const closed: [string, RegExp, string, string][] = [
      [sv, /<html lang="sv">/, 'Frågan är stängd', 'Tiden för att svara på frågan är slut'],
      [en, /<html lang="en">/, 'This question is closed', 'Thank you for wanting to help us!'],
      [easy, /<html lang="sv">/, 'Frågan är stängd', 'Du kan inte svara på frågan nu.'],
    ];
    for (const [token, lang, heading, text] of closed) {
      for (const response of [
        await relay.app.request(`/uppfoljning/${token}`),
        await answer(relay, token, 'svar=ja'),
        await answer(relay, token, 'svar=nej'),
      ]) {
        assert.equal(response.status, 410, heading);
        const html = await response.text();
        assert.match(html, lang);
        assert.ok(html.includes(`<h1>${heading}</h1>`), html);
        assert.ok(textOf(html).includes(text), html);
        assert.ok(!html.includes('<form') && !html.includes('<button'), 'no buttons');
        assert.ok(!html.includes(swedish.reference) && !html.includes(english.reference));
        assert.match(response.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
        assert.equal(response.headers.get('Referrer-Policy'), 'no-referrer');
        assert.equal(response.headers.get('Cache-Control'), 'no-store');
      }
    }
    const svPage = textOf(await (await relay.app.request(`/uppfoljning/${sv}`)).text());
    assert.ok(
      svPage.includes(
        'Väntar du fortfarande på svar på din synpunkt? Kontakta Exempelkommun och uppge ärendenumret från mejlet.',
      ),
      svPage,
    );
    assert.deepEqual(counts(relay, quarter), answered, 'no answer changed the figures');
    assert.equal(alerts().length, 1, 'a closed "Nej" alerts nobody');
  });

  it('once closed, the sweep unties the question from the sender: the store keeps the figures, not the reference', async (t) => {
    const { relay, logs, send, questionsTo } = await setUp(t);
    const quarter = quarterOf(new Date());
    const storePath = relay.config.storePath;
    const asked = await send(emailReply('ada@example.org'));
    const unanswered = await send(emailReply('bo@example.org'));
    // Nobody asks an anonymous sender: its receipt is all the store keeps of it.
    const receiptOnly = await send({ reply: { wanted: false } });
    const askedAt = swedishTime(addWorkingDays(asked.replyBy!, 1), '10:00');
    assert.equal(await relay.followUps!.sweep(askedAt), 2);
    const token = LINK.exec((await questionsTo('ada@example.org'))[0]!.text)![1]!;
    t.mock.timers.enable({ apis: ['Date'], now: askedAt + DAY });
    assert.equal((await answer(relay, token, 'svar=nej')).status, 200);
    const figures = { asked: 2, kept: 0, notKept: 1 };
    assert.deepEqual(counts(relay, quarter), figures);
    const shown = (reference: string) =>
      recordsOf(relay.store.db, submissionsOf(relay.store.db, { by: 'reference', reference }))[0]!
        .followUp;
    assert.equal(shown(asked.reference)?.answer, 'not-kept', 'person show has the answer');

    // Not yet: the hourly sweep (the relay's retention) leaves an open question as it is.
    relay.worker.runRetention(askedAt + 30 * DAY - 60_000);
    assert.ok(onDisk(storePath, tokenHash(token)) > 0);
    assert.ok(onDisk(storePath, asked.reference) > onDisk(storePath, receiptOnly.reference));

    relay.worker.runRetention(askedAt + 30 * DAY);
    const closed = logs.lines().find((line) => line.event === 'follow_up.closed');
    assert.equal(closed?.count, 2);
    const rows = relay.store.db
      .prepare(
        `SELECT submission_id, reference, token_hash, received_on, reply_by, language, status,
                asked_at, answer, answered_at FROM follow_ups ORDER BY asked_at`,
      )
      .all() as Record<string, unknown>[];
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row['submission_id'], null);
      assert.equal(row['reference'], null);
      assert.equal(row['token_hash'], null);
      assert.equal(row['reply_by'], asked.replyBy);
      assert.equal(row['language'], 'sv');
      assert.equal(row['status'], 'asked');
      assert.equal(row['asked_at'], askedAt);
    }
    assert.deepEqual(
      rows.map((row) => row['answer']),
      ['not-kept', null],
    );
    assert.deepEqual(counts(relay, quarter), figures, 'the report counts the same');
    // On disk, the file and its WAL: the key's hash is gone, and the reference of a sender
    // who was asked is there no more often than that of one nobody asked (its receipt).
    assert.equal(onDisk(storePath, tokenHash(token)), 0);
    for (const { reference, id } of [asked, unanswered]) {
      assert.equal(onDisk(storePath, reference), onDisk(storePath, receiptOnly.reference));
      assert.equal(onDisk(storePath, id), onDisk(storePath, receiptOnly.id));
    }
    assert.equal(shown(asked.reference), null, 'person show finds no answer of theirs');
    // The old link is a key the store no longer knows: it records nothing and says why.
    const late = await answer(relay, token, 'svar=ja');
    assert.equal(late.status, 404);
    assert.ok(
      textOf(await late.text()).includes(
        'Frågan i mejlet går att svara på i 30 dagar. Är mejlet äldre än så är frågan stängd, och du behöver inte göra något mer.',
      ),
    );
    assert.deepEqual(counts(relay, quarter), figures);
    // Nor is a sender asked again, though their question row no longer names them.
    assert.equal(await relay.followUps!.sweep(askedAt + 30 * DAY + 3_600_000), 0);
  });

  it('follows followUp.answerDays, and a short one does not let anyone be asked twice', async (t) => {
    const { relay, send, questionsTo } = await setUp(t, undefined, undefined, { answerDays: 3 });
    const quarter = quarterOf(new Date());
    const receipt = await send(emailReply('ada@example.org'));
    const askedAt = swedishTime(addWorkingDays(receipt.replyBy!, 1), '10:00');
    assert.equal(await relay.followUps!.sweep(askedAt), 1);
    const token = LINK.exec((await questionsTo('ada@example.org'))[0]!.text)![1]!;
    t.mock.timers.enable({ apis: ['Date'], now: askedAt + 3 * DAY - 60_000 });
    assert.equal((await relay.app.request(`/uppfoljning/${token}`)).status, 200);
    t.mock.timers.setTime(askedAt + 3 * DAY);
    assert.equal((await answer(relay, token, 'svar=ja')).status, 410);
    // Closed, but a sweep could still ask about that promised day: the row keeps the
    // submission's id until no sweep can, so the sender is not asked again.
    relay.worker.runRetention(askedAt + 3 * DAY);
    assert.equal(await relay.followUps!.sweep(askedAt + 3 * DAY + 3_600_000), 0);
    assert.equal((await questionsTo('ada@example.org')).length, 1);
    // Fourteen days after the promised day a sweep may still ask about it: still tied.
    const lastDay = new Date(Date.parse(`${receipt.replyBy!}T12:00:00Z`) + 14 * DAY);
    const lastAsking = swedishTime(lastDay.toISOString().slice(0, 10), '12:00');
    closeQuestions(relay.store, lastAsking, 3);
    assert.equal(await relay.followUps!.sweep(lastAsking), 0, 'not asked twice');
    relay.worker.runRetention(askedAt + 15 * DAY);
    const row = relay.store.db.prepare('SELECT reference, answer FROM follow_ups').get();
    assert.deepEqual({ ...(row as object) }, { reference: null, answer: null });
    assert.deepEqual(counts(relay, quarter), { asked: 1, kept: 0, notKept: 0 });
  });

  it('a store from before (schema version 6) keeps its questions and answers, and open links work', async (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const path = join(tmp.dir, 'relay.db');
    // A version 6 store: follow_ups as that version made it, with an answered question, and
    // the figures without the serious mark (version 8).
    const old = new Store(path);
    old.db.exec(
      `DROP TABLE follow_ups; ${followUpMigration}
       ALTER TABLE figures DROP COLUMN serious;
       ALTER TABLE figures_since DROP COLUMN serious_unknown_until;`,
    );
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

  it('answerDays: how long a question can be answered, 30 days unless set, a whole number of days', () => {
    const followUp = (answerDays?: unknown) =>
      parseConfig(base({ target: 'registrator', publicUrl: PUBLIC_URL, answerDays })).followUp;
    assert.equal(followUp()?.answerDays, 30);
    assert.equal(followUp(14)?.answerDays, 14);
    for (const wrong of [0, -1, 2.5, 366, '30', null]) {
      assert.throws(
        () => followUp(wrong),
        (error: Error) =>
          error instanceof ConfigError &&
          /followUp\.answerDays: must be (a whole number from 1 to 365|a number)$/m.test(
            error.message,
          ),
        String(wrong),
      );
    }
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
