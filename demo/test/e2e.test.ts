// The whole path as a person walks it: Exempelkommun's page in Chromium, the form (which solves
// the relay's proof-of-work in the background: the demo relay refuses a send without it), the relay
// with its SQLite store, and the e-mail that reaches the registry clerk's (caught) inbox.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addWorkingDays } from '@synpunkt/sdk';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type Demo } from '../src/demo.js';
import type { CaughtMail } from '../src/mail-catcher.js';
import { axe, describeFindings } from '../../packages/widget/test/node/support/axe.js';
import { launchBrowser } from './browser.js';

const REFERENCE = /EXK-\d{4}-\d{6}/;

let demo: Demo;
let browser: Browser;
let dataDir: string;

async function eventually<T>(read: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The clerk's mails about one synpunkt (not the confirmation to the sender). */
function clerkMails(id: string): CaughtMail[] {
  return demo.mail.mails.filter(
    (mail) => mail.synpunktId === id && mail.to.includes('exempelkommun.se'),
  );
}

/** The clerk mails of a synpunkt, once at least `count` of them have come in. */
function clerkMailsArrived(id: string, what: string, count = 1): Promise<CaughtMail[]> {
  return eventually(() => (clerkMails(id).length >= count ? clerkMails(id) : undefined), what);
}

/** Script errors and CSP violations in the pages of the current test. */
let errors: string[] = [];
/** The statuses of the form's `GET /v1/limits` in the pages of the current test. */
let limitsAnswers: number[] = [];

async function openForm(path: string): Promise<Page> {
  const page = await browser.newPage();
  errors = [];
  limitsAnswers = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/v1/limits') limitsAnswers.push(response.status());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('ERR_CONNECTION_REFUSED')) {
      errors.push(message.text());
    }
  });
  await page.goto(`${demo.siteUrl}${path}`);
  // Upgraded: the form's first question is on screen (both modes start with the kind).
  await page.getByRole('radio', { name: /Beröm/ }).waitFor({ state: 'attached' });
  return page;
}

/** Chooses an answer as a person does: by clicking its text (in lättläst, a card that covers the radio). */
async function choose(page: Page, name: RegExp | string): Promise<void> {
  await page.locator('synpunkt-form label', { hasText: name }).first().click();
  assert.ok(
    await page.getByRole('radio', { name }).first().isChecked(),
    `${String(name)} is chosen`,
  );
}

/**
 * The receipt as the person sees it: its reference and the whole text. A citizen is thanked;
 * a staff member is told the synpunkt is registered.
 */
async function receiptOf(page: Page): Promise<{ reference: string; text: string }> {
  const heading = page.getByRole('heading', {
    name: /Tack för din synpunkt|Synpunkten är registrerad/,
  });
  await heading.waitFor({ timeout: 20_000 });
  // Playwright's CSS locators pierce the form's shadow root.
  const text = await page.locator('synpunkt-form section.receipt').innerText();
  const reference = REFERENCE.exec(text)?.[0];
  assert.ok(reference, `the receipt shows a reference: ${text}`);
  return { reference, text };
}

/** Staff register what someone said on the phone, with a reply, and press "Skicka". */
async function registerPhoneCall(call: {
  kind: RegExp;
  area: string;
  said: string;
  name: string;
  /** The reply channel's radio, its field and what goes in it. */
  reply: [channel: string, field: RegExp, value: string];
  /** The staff member judges the complaint serious. */
  serious?: true;
}): Promise<Page> {
  const page = await openForm('/intranat/registrera-synpunkt');
  await page.getByRole('combobox', { name: /Hur kom synpunkten in/ }).selectOption('phone');
  await page.getByRole('radio', { name: call.kind }).check();
  if (call.serious) await page.getByRole('checkbox', { name: 'Allvarligt klagomål' }).check();
  await page.getByRole('combobox', { name: /Vad gäller det/ }).selectOption(call.area);
  await page.getByRole('textbox', { name: /Skriv vad personen sa/ }).fill(call.said);
  await page.getByRole('radio', { name: /Ja, personen vill ha svar/ }).check();
  await page.getByRole('textbox', { name: 'Namn' }).fill(call.name);
  const [channel, field, value] = call.reply;
  await page.getByRole('radio', { name: channel }).check();
  await page.getByRole('textbox', { name: field }).fill(value);
  await page.getByRole('button', { name: 'Skicka', exact: true }).click();
  return page;
}

/** The id the relay stored under a reference. */
function idOf(reference: string): string {
  const entry = demo.relay.store.list(['delivered', 'pending', 'dead', 'quarantined']);
  const found = entry.find((e) => e.reference === reference);
  assert.ok(found, `the relay has ${reference}`);
  return found.submissionId;
}

function longSwedishDate(date: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-demo-'));
  demo = await startDemo({
    sitePort: 0,
    relayPort: 0,
    smtpPort: 0,
    storePath: join(dataDir, 'demo.sqlite'),
    logPath: join(dataDir, 'relay.log'),
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One request to the site with headers fetch may not set (Host, Origin): status and body. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ask = request(`${demo.siteUrl}${path}`, { method, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ask.on('error', reject);
    ask.end();
  });
}

describe('Exempelkommun, end to end', () => {
  it('answers only to its own name, and sends the follow-up question only when its own page asks', async () => {
    const own = new URL(demo.siteUrl).host;
    // Another site whose name points at 127.0.0.1 (DNS rebinding) cannot read the demo's mail.
    const rebound = await raw('GET', '/demo-api/mail', { host: 'evil.example' });
    assert.equal(rebound.status, 421);
    assert.equal((await raw('GET', '/demo-api/mail', { host: own })).status, 200);
    // A link or an image on another site cannot set it off, nor a form posted from there.
    assert.equal((await raw('GET', '/demo-api/follow-up-now', { host: own })).status, 405);
    const foreign = { host: own, origin: 'http://evil.example' };
    assert.equal((await raw('POST', '/demo-api/follow-up-now', foreign)).status, 403);
    const mine = await raw('POST', '/demo-api/follow-up-now', { host: own, origin: demo.siteUrl });
    assert.equal(mine.status, 200);
    assert.equal((JSON.parse(mine.body) as { running: boolean }).running, true);
  });

  it('the English page lists the areas in English, so an English reader can choose one', async () => {
    const html = await (await fetch(`${demo.siteUrl}/en/feedback`)).text();
    assert.match(html, /<synpunkt-area value="aldreomsorg">Care for older people<\/synpunkt-area>/);
    assert.doesNotMatch(html, /<synpunkt-area[^>]*>Äldreomsorg</);
  });

  it('every link on the site, the form’s guidance links too, leads to a page; a wrong address gets a page that helps', async () => {
    // From the start page and the staff page (an intranet page: the public site does not link
    // it), follow every link to the site's own pages, and every link the editor set on a form
    // (appeal-url, fault-report-url, lex-sarah-url, privacy-url).
    const seen = new Map<string, number>();
    const queue = ['/', '/intranat/registrera-synpunkt'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const response = await fetch(`${demo.siteUrl}${path}`);
      seen.set(path, response.status);
      const html = await response.text();
      for (const [, , link] of html.matchAll(/(href|-url)="(\/[^"#?]*)/g)) {
        if (link && !link.startsWith('/css/') && link !== '/favicon.svg') queue.push(link);
      }
    }
    const broken = [...seen].filter(([, status]) => status !== 200);
    assert.deepEqual(broken, [], 'no link leads to a missing page');
    for (const path of ['/kontakt/overklaga', '/kontakt/felanmalan', '/intranat/lex-sarah']) {
      assert.ok(seen.has(path), `${path} is linked from a form`);
    }

    const missing = await fetch(`${demo.siteUrl}/finns-inte`);
    assert.equal(missing.status, 404);
    const page = await missing.text();
    assert.match(page, /<h1>Sidan finns inte<\/h1>/);
    assert.match(page, /<a href="\/kontakt\/synpunkter">Lämna en synpunkt<\/a>/);
  });

  it('a complaint with a reply by e-mail: receipt with the reply-by date, the clerk’s mail, and the clerk’s page', async () => {
    const page = await openForm('/kontakt/synpunkter');
    await page.getByRole('radio', { name: /Klagomål/ }).check();
    await page.getByRole('combobox', { name: /Vad gäller det/ }).selectOption('gata-park');
    const message = 'Gungan på lekplatsen vid Storgatan har varit trasig i tre veckor.';
    await page.getByRole('textbox', { name: /Skriv din synpunkt/ }).fill(message);
    await page.getByRole('textbox', { name: /Var hände det/ }).fill('Lekplatsen vid Storgatan 4');
    // She complained before and was not satisfied with the answer: she takes it further.
    await page
      .getByRole('textbox', { name: /Ärendenummer från tidigare kontakt/ })
      .fill('KS 2026/123');
    await page.getByRole('radio', { name: /Ja, jag vill ha svar/ }).check();
    await page.getByRole('textbox', { name: 'Namn' }).fill('Anna Andersson');
    await page.getByRole('radio', { name: 'E-post' }).check();
    await page.getByRole('textbox', { name: /E-postadress/ }).fill('anna@example.org');
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();

    const { reference, text } = await receiptOf(page);
    // The form asked the relay on another origin what its targets take (CORS let it read it).
    assert.deepEqual(limitsAnswers, [200]);
    // Counted from today in Sweden, as the relay does: after 23:00 UTC that is already tomorrow.
    assert.ok(
      text.includes(`senast ${longSwedishDate(addWorkingDays(new Date(), 10))}`),
      `the receipt says when the answer comes: ${text}`,
    );
    const id = idOf(reference);
    const [mail] = await clerkMailsArrived(id, 'the clerk’s mail');
    assert.ok(mail);
    assert.equal(mail.to, 'registrator@exempelkommun.se');
    assert.match(
      mail.subject,
      new RegExp(`Klagomål – Gator, parker och snöröjning – ${reference}`),
    );
    assert.match(mail.replyTo ?? '', /anna@example\.org/);
    assert.ok(mail.text.includes(message), 'the clerk reads the message as written');
    assert.equal(mail.submission?.message, message);
    // The earlier case's number: in the subject to search by, beside the reference, in the JSON.
    assert.ok(
      mail.subject.endsWith(`${reference} – tidigare ärende KS 2026/123`),
      `the subject names the earlier case: ${mail.subject}`,
    );
    assert.ok(mail.text.includes(`Ärendenummer: ${reference}\nTidigare ärende: KS 2026/123\n`));
    assert.equal(mail.submission?.earlierReference, 'KS 2026/123');
    const confirmation = await eventually(
      () => demo.mail.mails.find((m) => m.to.includes('anna@example.org')),
      'the confirmation to the sender',
    );
    assert.ok(
      confirmation.subject.includes(reference),
      'the sender’s confirmation has the reference',
    );
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();

    // The clerk's page of the demo shows the same mail and the delivered outbox row, with the
    // time in Swedish time, as the mail itself says it, even in a browser set to another zone.
    const elsewhere = await browser.newContext({ timezoneId: 'America/New_York' });
    try {
      const post = await elsewhere.newPage();
      await post.goto(`${demo.siteUrl}/demo/post`);
      const shown = post.locator('article.mail', {
        has: post.getByRole('heading', { name: new RegExp(`Klagomål.*${reference}`) }),
      });
      await shown.waitFor();
      assert.ok((await shown.locator('pre').innerText()).includes(message));
      assert.ok((await shown.locator('pre').innerText()).includes('Tidigare ärende: KS 2026/123'));
      const received = await shown.locator('dt:text-is("Mottaget") + dd').innerText();
      const swedishTime = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Stockholm',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(mail.receivedAt));
      assert.ok(received.includes(swedishTime), `"${received}" is in Swedish time`);
      await post
        .locator('#outbox-body tr', { hasText: reference })
        .filter({ hasText: 'Levererad' })
        .waitFor({ timeout: 10_000 });
      // The quarter's compilation counts it under its area and kind.
      const counted = post.locator('#report-body tr', {
        has: post.getByRole('rowheader', { name: 'Gator, parker och snöröjning' }),
      });
      const complaints = Number(await counted.locator('td').nth(2).innerText());
      assert.ok(complaints >= 1, `the complaint is counted (${complaints})`);
    } finally {
      await elsewhere.close();
    }

    // The working day after the promised day, Anna is asked whether the reply came in time:
    // the clerk's page of the demo asks now instead of in ten working days.
    const clerk = await browser.newPage();
    await clerk.goto(`${demo.siteUrl}/demo/post`);
    await clerk.getByRole('button', { name: 'Skicka frågan nu' }).click();
    await clerk.getByText('Frågan skickades till 1 person. Den syns under Mejl.').waitFor();
    const question = await eventually(
      () =>
        demo.mail.mails.find((m) => m.to.includes('anna@example.org') && /i tid/.test(m.subject)),
      'the question to the sender',
    );
    assert.equal(question.subject, `Fick du svar i tid? (${reference})`);
    const link = /http:\/\/127\.0\.0\.1:\d+\/uppfoljning\/\S+/.exec(question.text)?.[0];
    assert.ok(link, `the question links to the answer page: ${question.text}`);
    const answerPage = await browser.newPage();
    try {
      await answerPage.goto(link);
      const asked = await axe(answerPage);
      assert.equal(describeFindings(asked), '', 'axe: the question');
      // By keyboard: Tab to "Nej" and press Enter.
      const no = answerPage.getByRole('button', { name: 'Nej, jag fick inte svar i tid' });
      for (
        let tabs = 0;
        tabs < 5 && !(await no.evaluate((b) => b === document.activeElement));
        tabs++
      ) {
        await answerPage.keyboard.press('Tab');
      }
      await answerPage.keyboard.press('Enter');
      await answerPage.getByRole('heading', { name: 'Tack för ditt svar!' }).waitFor();
      assert.ok(
        (await answerPage.locator('main').innerText()).includes(`ärendenummer ${reference}`),
      );
      assert.equal(describeFindings(await axe(answerPage)), '', 'axe: the thanks');
      await answerPage.getByRole('link', { name: 'Ändra ditt svar' }).click();
      await answerPage.getByText('Du har svarat att du inte fick svar i tid.').waitFor();

      // Two months on (the question moved back in the store, as if it was asked then), the
      // answer time (30 days) is over: the link says so, and offers no buttons.
      demo.relay.store.db
        .prepare(
          `UPDATE follow_ups SET asked_at = asked_at - ?, reply_by = date(reply_by, '-60 days')
           WHERE reference = ?`,
        )
        .run(60 * 86_400_000, reference);
      const closed = await answerPage.goto(link);
      assert.equal(closed?.status(), 410);
      await answerPage.getByRole('heading', { name: 'Frågan är stängd' }).waitFor();
      assert.equal(await answerPage.getByRole('button').count(), 0);
      assert.equal(describeFindings(await axe(answerPage)), '', 'axe: the closed question');
      // The hourly sweep unties it from Anna: the store no longer knows the key at all.
      demo.relay.worker.runRetention();
      const unknown = await answerPage.goto(link);
      assert.equal(unknown?.status(), 404);
      await answerPage.getByText('Frågan i mejlet går att svara på i 30 dagar.').waitFor();
      assert.equal(describeFindings(await axe(answerPage)), '', 'axe: the old link');
    } finally {
      await answerPage.close();
    }
    // The clerk's page counts the answer in the quarter's compilation.
    await clerk.reload();
    await clerk.locator('#promise', { hasText: /[1-9] svarade nej/ }).waitFor();
    await clerk.close();
  });

  it('an anonymous praise in lättläst mode, step by step: no contact details reach the clerk', async () => {
    const page = await openForm('/lattlast/synpunkter');
    await page.getByRole('heading', { name: /Steg 1 av 5/ }).waitFor();
    await choose(page, /Beröm/);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: /Steg 2 av 5/ }).waitFor();
    await choose(page, 'Bibliotek');
    await page.getByRole('button', { name: 'Nästa' }).click();
    const message = 'Personalen på biblioteket hjälpte mig att hitta en bra bok. Tack!';
    await page.getByRole('textbox', { name: /Skriv din synpunkt/ }).fill(message);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await choose(page, /Nej, jag skickar utan namn/);
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { name: /Stämmer allt/ }).waitFor();
    assert.ok(
      (await page.locator('synpunkt-form').getByText(message).count()) > 0,
      'the last step reads the message back',
    );
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();

    const { reference, text } = await receiptOf(page);
    assert.ok(
      text.includes('Du skickade utan namn'),
      `the receipt says no answer will come: ${text}`,
    );
    const id = idOf(reference);
    const [mail] = await clerkMailsArrived(id, 'the clerk’s mail');
    assert.deepEqual(mail?.submission?.reply, { wanted: false });
    assert.equal(mail?.submission?.mode, 'lattlast');
    assert.equal(mail?.submission?.kind, 'praise');
    assert.equal(mail?.replyTo, undefined, 'nobody to reply to');
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();
  });

  it('staff register a synpunkt received by phone: the channel reaches the clerk', async () => {
    const page = await registerPhoneCall({
      kind: /Förslag/,
      area: 'bibliotek',
      said: 'Biblioteket borde ha öppet på söndagar.',
      name: 'Bertil Berg',
      reply: ['Telefon', /Telefonnummer/, '070-123 45 67'],
    });

    const { reference, text } = await receiptOf(page);
    // Spoken to the staff member: the person's date and the number to pass on.
    assert.match(text, /Synpunkten är registrerad/);
    assert.match(text, /Personen ska få svar senast/);
    assert.match(text, /Ge personen ärendenumret/);
    const id = idOf(reference);
    const [mail] = await clerkMailsArrived(id, 'the clerk’s mail');
    assert.equal(mail?.submission?.channel, 'phone');
    assert.equal((mail?.submission?.reply as { phone?: string }).phone, '+46701234567');
    assert.match(mail?.subject ?? '', /Förslag – Bibliotek/);
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();
  });

  it('a complaint about elderly care phoned in to staff reaches the unit and, at once, its head; one confirmation', async () => {
    const page = await registerPhoneCall({
      kind: /Klagomål/,
      area: 'aldreomsorg',
      said: 'Hemtjänsten kom inte alls i går kväll. Min pappa fick ingen mat.',
      name: 'Cecilia Dahl',
      reply: ['E-post', /E-postadress/, 'cecilia@example.org'],
    });

    const id = idOf((await receiptOf(page)).reference);
    const mails = await clerkMailsArrived(id, 'the mails to the unit and to its head', 2);
    assert.deepEqual(mails.map((mail) => mail.to).toSorted(), [
      'aldreomsorg@exempelkommun.se',
      'chef.aldreomsorg@exempelkommun.se',
    ]);
    for (const mail of mails) assert.match(mail.subject, /Klagomål – Äldreomsorg/);
    const confirmations = await eventually(() => {
      const sent = demo.mail.mails.filter((mail) => mail.to.includes('cecilia@example.org'));
      return sent.length > 0 ? sent : undefined;
    }, 'the confirmation');
    // A target sends its confirmation before its delivery counts as delivered: once both are,
    // any second confirmation would have been caught too.
    await eventually(() => {
      const mine = demo.relay.store.list(['delivered']).filter((e) => e.submissionId === id);
      return mine.length === 2 ? mine : undefined;
    }, 'both deliveries delivered');
    assert.equal(
      demo.mail.mails.filter((mail) => mail.to.includes('cecilia@example.org')).length,
      1,
      'the person gets one confirmation, not one per target',
    );
    assert.equal(confirmations.length, 1);
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();
  });

  it('a complaint staff judge serious reaches the nearest manager at once, marked serious; an ordinary one does not', async () => {
    const page = await registerPhoneCall({
      kind: /Klagomål/,
      area: 'forskola-skola',
      said: 'Mitt barn blev inlåst i ett förråd på skolan som straff i en timme.',
      name: 'David Ek',
      reply: ['Telefon', /Telefonnummer/, '070-765 43 21'],
      serious: true,
    });
    const id = idOf((await receiptOf(page)).reference);
    const mails = await clerkMailsArrived(id, 'the mails to the school and to its principal', 2);
    assert.deepEqual(mails.map((mail) => mail.to).toSorted(), [
      'rektor@exempelkommun.se',
      'skola@exempelkommun.se',
    ]);
    for (const mail of mails) {
      assert.match(mail.subject, /^\[Synpunkt\] Allvarligt klagomål – Förskola och skola – EXK-/);
      assert.match(mail.text, /Allvarligt: Ja, personalen som registrerade klagomålet bedömde/);
      assert.equal(mail.submission?.serious, true);
    }
    await page.close();

    // The same call, not judged serious: the registry's unit only, as an ordinary complaint.
    const ordinaryPage = await registerPhoneCall({
      kind: /Klagomål/,
      area: 'forskola-skola',
      said: 'Skolgården är inte skottad.',
      name: 'David Ek',
      reply: ['Telefon', /Telefonnummer/, '070-765 43 21'],
    });
    const ordinary = idOf((await receiptOf(ordinaryPage)).reference);
    const [mail] = await clerkMailsArrived(ordinary, 'the mail to the school');
    assert.match(mail?.subject ?? '', /\] Klagomål – Förskola och skola/);
    await eventually(() => {
      const done = demo.relay.store.list(['delivered']).filter((e) => e.submissionId === ordinary);
      return done.length > 0 ? done : undefined;
    }, 'delivered');
    assert.deepEqual(
      clerkMails(ordinary).map((m) => m.to),
      ['skola@exempelkommun.se'],
      'no manager for an ordinary complaint',
    );
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await ordinaryPage.close();
  });

  it('what was written on the Swedish page follows through "In English", lättläst and back (one draft-key), but not into the staff form', async () => {
    const page = await openForm('/kontakt/synpunkter');
    await choose(page, /Förslag/);
    await page.getByRole('combobox', { name: /Vad gäller det/ }).selectOption('bibliotek');
    const message = 'Längre öppettider på biblioteket, gärna på söndagar.';
    await page.getByRole('textbox', { name: /Skriv din synpunkt/ }).fill(message);

    await page.getByRole('link', { name: 'In English' }).click();
    const english = page.getByRole('textbox', { name: /Write your feedback/ });
    await english.waitFor();
    assert.equal(new URL(page.url()).pathname, '/en/feedback');
    assert.equal(await english.inputValue(), message);
    assert.ok(await page.getByRole('radio', { name: /Suggestion/ }).isChecked());
    assert.equal(
      await page.getByRole('combobox', { name: /What is it about/ }).inputValue(),
      'bibliotek',
    );
    const more = `${message} Also on Saturdays.`;
    await english.fill(more);

    await page.getByRole('link', { name: 'På svenska' }).click();
    const swedish = page.getByRole('textbox', { name: /Skriv din synpunkt/ });
    await swedish.waitFor();
    assert.equal(new URL(page.url()).pathname, '/kontakt/synpunkter');
    assert.equal(await swedish.inputValue(), more);

    // The lättläst page holds the same form, step by step; and back, the standard form again.
    await page.getByRole('link', { name: 'Lättläst' }).click();
    await page.getByRole('heading', { name: /Steg 1 av 5/ }).waitFor();
    assert.ok(
      await page
        .getByRole('radio', { name: /Förslag/ })
        .first()
        .isChecked(),
    );
    await choose(page, /Beröm/);
    await page.goto(`${demo.siteUrl}/kontakt/synpunkter`);
    await swedish.waitFor();
    assert.equal(await swedish.inputValue(), more, 'the standard form, with the text');
    assert.ok(await page.getByRole('radio', { name: /Beröm/ }).first().isChecked());

    // The staff form on the intranet is another form: it keeps a draft of its own.
    await page.goto(`${demo.siteUrl}/intranat/registrera-synpunkt`);
    const staff = page.getByRole('textbox', { name: /Skriv vad personen sa/ });
    await staff.waitFor();
    assert.equal(await staff.inputValue(), '');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();
  });

  it('sent while the relay is down: the text is kept, and a retry after it is back gives exactly one mail', async () => {
    const page = await openForm('/kontakt/synpunkter');
    await page.getByRole('radio', { name: /Beröm/ }).check();
    await page.getByRole('combobox', { name: /Vad gäller det/ }).selectOption('kultur-fritid');
    const message = 'Tack för den fina konserten i parken!';
    await page.getByRole('textbox', { name: /Skriv din synpunkt/ }).fill(message);
    await page.getByRole('radio', { name: /Nej, jag vill vara anonym/ }).check();

    await demo.stopRelay();
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    await page
      .getByRole('heading', { name: 'Synpunkten skickades inte' })
      .waitFor({ timeout: 30_000 });
    assert.equal(
      await page.getByRole('textbox', { name: /Skriv din synpunkt/ }).inputValue(),
      message,
    );

    await demo.startRelay();
    await page.getByRole('button', { name: 'Försök igen' }).click();
    const { reference } = await receiptOf(page);
    const id = idOf(reference);
    await clerkMailsArrived(id, 'the clerk’s mail');
    // Give a duplicate time to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    assert.equal(clerkMails(id).length, 1, 'exactly one e-mail');
    assert.equal(clerkMails(id)[0]?.submission?.message, message);
    assert.deepEqual(errors, [], 'no script errors or CSP violations in the page');
    await page.close();
  });
});
