// Spam protection in headless Chromium: the honeypot people never meet, and the proof of work
// the form solves while the person types. Against the test endpoint (test/endpoint.mjs), which
// records the Synpunkt-Honeypot and Synpunkt-Pow headers of every accepted submission.
import { aTimeout, expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SynpunktForm } from '../src/index.js';
import {
  challengeOf,
  challengeUrlOf,
  encodeSolution,
  honeypotHeaderValue,
  solveChallenge,
  type Challenge,
  type Solution,
} from '../src/synpunkt-form/protection.js';
import {
  received as receivedBodies,
  setEndpoint,
  startEachTestAfresh,
} from './helpers/endpoint.js';
import {
  $,
  ensureDefined,
  fill,
  fillValid,
  memoryAdapter,
  send,
  snippet,
  sendAndFail,
  sendAndWait,
} from './helpers/form.js';

const DRAFT_KEY = `synpunkt-draft:${location.pathname}#synpunkt-form`;

/** What the endpoint recorded, with the spam-protection headers. */
async function received() {
  return (await receivedBodies()) as (Awaited<ReturnType<typeof receivedBodies>>[number] & {
    honeypot?: string;
    pow?: string;
  })[];
}

async function control(body: object): Promise<void> {
  const answer = await fetch('/api/_control', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`_control: ${answer.status}`);
}

async function challengeRequests(): Promise<number> {
  return ((await (await fetch('/api/_challenges')).json()) as { count: number }).count;
}

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

const sha256 = async (text: string) =>
  hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** A challenge made here as the relay makes one, with its secret number. */
async function makeChallenge(secret: number, maxnumber: number, expiresInS = 1200) {
  const salt = `${hex(crypto.getRandomValues(new Uint8Array(12)).buffer)}?expires=${
    Math.floor(Date.now() / 1000) + expiresInS
  }`;
  const challenge: Challenge = {
    algorithm: 'SHA-256',
    challenge: await sha256(`${salt}${secret}`),
    maxnumber,
    salt,
    signature: 'signatur-från-reläet',
  };
  return challenge;
}

/** The Synpunkt-Pow header decoded, and whether its number really solves its challenge. */
async function decodePow(header: string): Promise<Solution & { valid: boolean }> {
  const bytes = Uint8Array.from(atob(header), (c) => c.charCodeAt(0));
  const solution = JSON.parse(new TextDecoder().decode(bytes)) as Solution;
  const valid = (await sha256(`${solution.salt}${solution.number}`)) === solution.challenge;
  return { ...solution, valid };
}

/** Records the Synpunkt-Pow header of every POST the page makes, however it fails. */
function watchPosts(): { pows: (string | null)[]; restore: () => void } {
  const original = window.fetch;
  const pows: (string | null)[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    // Read without copying: a copied Request would take the original's body.
    const request = input instanceof Request ? input : undefined;
    const method = init?.method ?? request?.method ?? 'GET';
    const url = new URL(request?.url ?? String(input), location.href);
    if (method === 'POST' && url.pathname === '/api/synpunkter') {
      pows.push(new Headers(init?.headers ?? request?.headers).get('synpunkt-pow'));
    }
    return original.call(window, input, init);
  };
  return { pows, restore: () => (window.fetch = original) };
}

startEachTestAfresh();

describe('honeypot', () => {
  it('is in the form but not visible, and not in the accessibility tree', async () => {
    const el = await snippet();
    const field = $<HTMLInputElement>(el, 'form input[name="website"]');
    const box = field.closest('.hp')!;
    expect(box.getAttribute('aria-hidden')).to.equal('true');
    expect(field.getAttribute('autocomplete')).to.equal('off');
    expect(field.type).to.equal('text');
    // A plausible field for a bot: labelled "Webbplats".
    expect($(el, 'label[for="f-website"]').textContent?.trim()).to.equal('Webbplats');
    const rect = field.getBoundingClientRect();
    // Above the page, not beside it: on a right-to-left page the left is scrollable.
    expect(rect.bottom, 'above the viewport').to.be.lessThan(0);
    expect(box.getBoundingClientRect().width).to.be.at.most(1);
    expect(getComputedStyle(field).display, 'rendered, so bots see it').to.not.equal('none');
  });

  it('is never reached with Tab, while the real fields are', async () => {
    const el = await snippet();
    $(el, 'button.mode-toggle').focus();
    const visited: string[] = [];
    for (let i = 0; i < 30; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement;
      visited.push(active ? active.id || active.localName : 'outside');
    }
    expect(visited).to.include('f-message');
    expect(visited).to.not.include('f-website');
  });

  it('passes axe, empty and filled', async () => {
    const el = await snippet();
    await expect(el).to.be.accessible();
    await fill(el, 'f-website', 'http://spam.example');
    await expect(el).to.be.accessible();
  });

  it('when empty, no Synpunkt-Honeypot header is sent', async () => {
    const el = await snippet();
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    expect(record?.honeypot).to.equal(undefined);
    // The test endpoint hands out a small challenge by default, like a relay with one enabled.
    expect((await decodePow(record!.pow!)).valid).to.equal(true);
  });

  it('when filled, sends its value trimmed in Synpunkt-Honeypot, never in the body or the draft; the sender is thanked as usual', async () => {
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-website', '   http://spam.example/köp  ');
    await setEndpoint('down');
    await sendAndFail(el);
    // The draft kept for a retry has no trace of it.
    expect(sessionStorage.getItem(DRAFT_KEY)).to.not.equal(null);
    expect(sessionStorage.getItem(DRAFT_KEY)).to.not.contain('spam.example');

    await setEndpoint('up');
    const success = oneEvent(el, 'synpunkt-success');
    $(el, '#retry').click();
    await success;
    await el.updateComplete;
    expect($(el, '.reference').textContent).to.match(/^TEST-2026-\d{6}$/);
    const [record] = await received();
    expect(record?.honeypot).to.equal('http://spam.example/k?p');
    expect(JSON.stringify(record?.body)).to.not.contain('spam.example');
  });

  it('header values are one printable line of at most 200 characters', () => {
    expect(honeypotHeaderValue('  a\r\nBcc: x\t y ')).to.equal('a Bcc: x y');
    expect(honeypotHeaderValue('räksmörgås 🦐')).to.equal('r?ksm?rg?s ?');
    expect(honeypotHeaderValue('x'.repeat(500))).to.have.length(200);
    expect(honeypotHeaderValue(' \n ')).to.equal('');
  });
});

describe('proof of work: the solver', () => {
  it('finds the number of a challenge made with crypto.subtle', async () => {
    const challenge = await makeChallenge(4321, 10_000);
    const solution = await solveChallenge(challenge);
    expect(solution).to.deep.equal({
      algorithm: 'SHA-256',
      challenge: challenge.challenge,
      number: 4321,
      salt: challenge.salt,
      signature: challenge.signature,
    });
  });

  it('finds 0 and maxnumber itself, and nothing when the number is above maxnumber', async () => {
    expect((await solveChallenge(await makeChallenge(0, 10)))?.number).to.equal(0);
    expect((await solveChallenge(await makeChallenge(2500, 2500)))?.number).to.equal(2500);
    expect(await solveChallenge(await makeChallenge(2501, 2500))).to.equal(undefined);
  });

  it('keeps the page responsive: timers run while it works', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const started = performance.now();
    const solution = await solveChallenge(await makeChallenge(60_000, 100_000));
    clearInterval(timer);
    expect(solution?.number).to.equal(60_000);
    // 60 batches of 1 000 with a yield after each: other tasks got their turns.
    expect(ticks).to.be.greaterThan(5);
    console.log(`solved 60 000 tries in ${Math.round(performance.now() - started)} ms`);
  });

  it('encodes the solution as base64 JSON with the five ALTCHA members', async () => {
    const challenge = await makeChallenge(7, 100);
    const solution = (await solveChallenge(challenge))!;
    const decoded = await decodePow(encodeSolution(solution));
    expect(decoded).to.deep.equal({ ...solution, valid: true });
    expect(Object.keys(JSON.parse(atob(encodeSolution(solution))) as object)).to.deep.equal([
      'algorithm',
      'challenge',
      'number',
      'salt',
      'signature',
    ]);
  });

  it('takes only SHA-256 challenges with a sane maxnumber', async () => {
    const good = await makeChallenge(1, 10);
    expect(challengeOf(good)).to.deep.equal(good);
    expect(challengeOf({ ...good, algorithm: 'SHA-512' })).to.equal(undefined);
    expect(challengeOf({ ...good, challenge: 'abc' })).to.equal(undefined);
    expect(challengeOf({ ...good, maxnumber: 1e9 })).to.equal(undefined);
    expect(challengeOf({ ...good, maxnumber: undefined })?.maxnumber).to.equal(1_000_000);
    expect(challengeOf('{}')).to.equal(undefined);
  });

  it('derives the challenge URL from the endpoint; challenge-url overrides; off is off', () => {
    const base = 'https://www.exempelkommun.se/synpunkter/';
    const relay = 'https://synpunkt.exempelkommun.se/v1/synpunkter';
    expect(challengeUrlOf(relay, '', 'on', base)).to.equal(
      'https://synpunkt.exempelkommun.se/v1/challenge',
    );
    expect(challengeUrlOf('/api/synpunkter?x=1#y', '', 'on', base)).to.equal(
      'https://www.exempelkommun.se/api/challenge',
    );
    expect(challengeUrlOf('https://kommun.se/api/feedback', '', 'on', base)).to.equal(undefined);
    expect(challengeUrlOf(relay, '/pow', 'on', base)).to.equal('https://www.exempelkommun.se/pow');
    expect(challengeUrlOf(relay, 'javascript:alert(1)', 'on', base)).to.equal(undefined);
    expect(challengeUrlOf(relay, '', 'off', base)).to.equal(undefined);
    expect(challengeUrlOf('', '', 'on', base)).to.equal(undefined);
  });
});

describe('proof of work: in the form', () => {
  it('fetches one challenge once the person starts typing, and sends the solution with the submission', async () => {
    const challenge = await makeChallenge(777, 5000);
    await control({ challenge });
    const el = await snippet();
    await aTimeout(50);
    expect(await challengeRequests(), 'nothing before the first input').to.equal(0);
    await fillValid(el);
    // The form's GET may reach the test server after this page's own request: wait for it.
    await waitUntil(async () => (await challengeRequests()) > 0, 'the challenge was asked for');
    expect(await challengeRequests(), 'one, however much is typed').to.equal(1);
    await sendAndWait(el);
    const [record] = await received();
    const pow = await decodePow(record!.pow!);
    expect(pow).to.deep.include({ number: 777, challenge: challenge.challenge, valid: true });
    expect(pow.signature).to.equal(challenge.signature);
    expect(await challengeRequests()).to.equal(1);
  });

  it('a send before the solution is found waits for it, showing "Skickar…", with no puzzle', async () => {
    // About 400 000 hashes: the send is pressed long before they are done.
    await control({ challenge: await makeChallenge(399_999, 400_000) });
    const el = await snippet();
    await fillValid(el);
    const success = oneEvent(el, 'synpunkt-success');
    await send(el);
    const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
    expect(button.textContent?.trim()).to.equal('Skickar…');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(await received(), 'not sent before it is solved').to.have.length(0);
    await expect(el).to.be.accessible();
    await success;
    const [record] = await received();
    expect((await decodePow(record!.pow!)).number).to.equal(399_999);
  });

  it('a retry sends the same solution; the next synpunkt gets a new challenge', async () => {
    await control({ challenge: await makeChallenge(12, 1000) });
    const watch = watchPosts();
    try {
      const el = await snippet();
      await fillValid(el);
      await setEndpoint('down');
      await sendAndFail(el);
      await el.updateComplete;
      await setEndpoint('up');
      const success = oneEvent(el, 'synpunkt-success');
      $(el, '#retry').click();
      await success;
      expect(watch.pows.length, 'tries: 3 while down, 1 after').to.equal(4);
      expect(new Set(watch.pows).size, 'one solution for every try').to.equal(1);
      expect(watch.pows[0]).to.be.a('string');
      expect(await challengeRequests()).to.equal(1);

      // Another synpunkt: the relay takes a solution once, so a new challenge is solved.
      await control({ challenge: await makeChallenge(34, 1000) });
      await el.updateComplete;
      $<HTMLButtonElement>(el, '.receipt button').click();
      await el.updateComplete;
      await fillValid(el);
      const second = oneEvent(el, 'synpunkt-success');
      await send(el);
      await second;
      expect(await challengeRequests()).to.equal(2);
      const records = await received();
      expect(records).to.have.length(2);
      expect((await decodePow(records[1]!.pow!)).number).to.equal(34);
    } finally {
      watch.restore();
    }
  });

  it('when the relay refuses the solution (its key changed), solves a new challenge and sends again, once', async () => {
    await control({ challenge: await makeChallenge(56, 1000) });
    const el = await snippet();
    await fillValid(el);
    await waitUntil(async () => (await challengeRequests()) === 1, 'the challenge was asked for');
    const watch = watchPosts();
    try {
      await control({ challenge: await makeChallenge(78, 1000) });
      await control({ refusePow: 1 });
      const receipt = await sendAndWait(el);
      expect(receipt.reference).to.match(/^TEST-2026-/);
      expect(watch.pows.length, 'the refused try and one more').to.equal(2);
      expect((await decodePow(watch.pows[0]!)).number).to.equal(56);
      expect((await decodePow(watch.pows[1]!)).number, 'a new challenge').to.equal(78);
      expect(await challengeRequests()).to.equal(2);
      const records = await received();
      expect(records, 'one submission stored').to.have.length(1);
      expect(records[0]!.key).to.equal(receipt.id);
      expect(el.shadowRoot!.querySelector('#failure'), 'no failure was shown').to.equal(null);
    } finally {
      watch.restore();
    }
  });

  it('says the send failed when the relay refuses a new solution too', async () => {
    await control({ refusePow: 2 });
    const el = await snippet();
    await fillValid(el);
    const { retryable } = await sendAndFail(el);
    await el.updateComplete;
    // A challenge that was there and solved, refused twice (relays with different keys): a
    // later try would end the same way, so the person is told to use another way.
    expect(retryable).to.equal(false);
    expect(el.shadowRoot!.querySelector('#failure')).to.not.equal(null);
    expect(await received()).to.have.length(0);
    expect(await challengeRequests(), 'at most one new challenge per send').to.be.at.most(2);
  });

  it('when the challenge cannot be fetched and the relay wants a solution, offers "Försök igen", which works once it can', async () => {
    await control({ challenge: 'fail' });
    await control({ refusePow: 2 });
    const el = await snippet();
    await fillValid(el);
    const { retryable } = await sendAndFail(el);
    await el.updateComplete;
    // A poor connection, not a refusal: "Försök igen om en stund", not "höra av dig annars".
    expect(retryable).to.equal(true);
    expect(await received()).to.have.length(0);
    await control({ challenge: 'on' });
    const success = oneEvent(el, 'synpunkt-success');
    $(el, '#retry').click();
    await success;
    const [record] = await received();
    expect(record?.pow, 'sent with a solution this time').to.not.equal(undefined);
  });

  it('sends without a solution when the relay has no challenge (404)', async () => {
    await control({ challenge: 'off' });
    const el = await snippet();
    await fillValid(el);
    await waitUntil(async () => (await challengeRequests()) === 1, 'the challenge was asked for');
    await sendAndWait(el);
    const [record] = await received();
    expect(record?.pow).to.equal(undefined);
  });

  it('sends without a solution when the challenge fails, after asking once more at send', async () => {
    await control({ challenge: 'fail' });
    const el = await snippet();
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    expect(record?.pow).to.equal(undefined);
    expect(await challengeRequests(), 'once while typing, once at send').to.equal(2);
  });

  it('challenge="off": asks for nothing and sends without', async () => {
    await control({ challenge: await makeChallenge(1, 10) });
    const el = await snippet({ challenge: 'off' });
    await fillValid(el);
    await sendAndWait(el);
    expect(await challengeRequests()).to.equal(0);
    expect((await received())[0]?.pow).to.equal(undefined);
  });

  it('with the adapter property: no challenge is fetched', async () => {
    await control({ challenge: await makeChallenge(1, 10) });
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      '<synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>',
    );
    const adapter = memoryAdapter();
    el.adapter = adapter;
    await el.updateComplete;
    await fill(el, 'f-message', 'Hej');
    await aTimeout(50);
    expect(await challengeRequests()).to.equal(0);
  });
});
