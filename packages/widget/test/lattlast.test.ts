// Lättläst mode in headless Chromium: every step in sv and en with axe in each state, big
// targets, carry-over between modes, focus, "Ändra", sending, the keyboard alone, and "Lyssna".
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { AdapterError } from '@synpunkt/sdk';
import type { SynpunktForm } from '../src/index.js';
import { received, setEndpoint, startEachTestAfresh } from './helpers/endpoint.js';
import {
  $,
  $$,
  clickLabel,
  ensureDefined,
  fill,
  pick,
  png,
  press,
  snippet,
  text,
} from './helpers/form.js';

startEachTestAfresh();

/** The element that has focus inside the form. */
const focused = (el: SynpunktForm) => el.shadowRoot!.activeElement;
/** The step heading's text. */
const heading = (el: SynpunktForm) => text($(el, '#ll-heading'));

/**
 * Every control and every radio's card is at least 44 × 44 CSS px. Links in running text are
 * exempt in WCAG 2.5.8, but ours are made big too, so they are checked; the page's own slotted
 * fallback link is the page's.
 */
function expectBigTargets(el: SynpunktForm): void {
  const targets = [
    ...$$(el, 'button, a, textarea, select, input:not([type="radio"])'),
    ...$$(el, '.choice'),
  ];
  expect(targets.length).to.be.greaterThan(2);
  for (const target of targets) {
    const { width, height } = target.getBoundingClientRect();
    if (width === 0 && height === 0) continue; // not shown
    const name = target.outerHTML.slice(0, 80);
    expect(width, `width of ${name}`).to.be.at.least(44);
    expect(height, `height of ${name}`).to.be.at.least(44);
  }
}

/** Walks a Swedish lättläst form with areas to its last step: a praise about the first area, anonymous. */
async function toReview(el: SynpunktForm, message: string): Promise<void> {
  await clickLabel(el, 'f-kind');
  await press(el, 'Nästa');
  await clickLabel(el, 'f-area');
  await press(el, 'Nästa');
  await fill(el, 'f-message', message);
  await press(el, 'Nästa');
  await clickLabel(el, 'f-replyWanted-no');
  await press(el, 'Nästa');
}

const LANGS = {
  sv: {
    toggle: 'Lättläst',
    steps: [
      'Steg 1 av 5 Vilken sorts synpunkt har du?',
      'Steg 2 av 5 Vad handlar din synpunkt om?',
      'Steg 3 av 5 Skriv din synpunkt',
      'Steg 4 av 5 Vill du få svar?',
      'Steg 5 av 5 Stämmer allt?',
    ],
    next: 'Nästa',
    back: 'Tillbaka',
    send: 'Skicka',
    change: 'Ändra',
    kindError: 'Välj beröm, förslag eller klagomål.',
    complaint: 'Klagomål',
    nameError: 'Skriv ditt namn.',
    yes: 'Ja, jag vill få svar',
    receipt: [
      'Tack för din synpunkt!',
      'Numret på din synpunkt',
      'Nu läser kommunen din synpunkt.',
    ],
  },
  en: {
    toggle: 'Easy to read',
    steps: [
      'Step 1 of 5 What kind of feedback do you have?',
      'Step 2 of 5 What is your feedback about?',
      'Step 3 of 5 Write your feedback',
      'Step 4 of 5 Do you want an answer?',
      'Step 5 of 5 Is everything right?',
    ],
    next: 'Next',
    back: 'Back',
    send: 'Send',
    change: 'Change',
    kindError: 'Choose praise, suggestion or complaint.',
    complaint: 'Complaint',
    nameError: 'Write your name.',
    yes: 'Yes, I want an answer',
    receipt: [
      'Thank you for your feedback!',
      'Your feedback number',
      'Now the municipality will read your feedback.',
    ],
  },
} as const;

for (const [lang, words] of Object.entries(LANGS)) {
  describe(`lättläst, every step (${lang})`, () => {
    it('walks all five steps with errors, review and receipt; axe and 44 px targets in each', async () => {
      const el = await snippet({ lattlast: true, lang });
      const toggle = $(el, '.mode-toggle');
      expect(text(toggle)).to.equal(words.toggle);
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(el.mode).to.equal('lattlast');
      // The attribute does not move focus on page load.
      expect(focused(el)).to.equal(null);

      // 1: the kind, with a picture beside each (decorative), and 112 above.
      expect(heading(el)).to.equal(words.steps[0]);
      expect(text(el)).to.contain('112');
      const pictures = $$(el, '.choice svg');
      expect(pictures).to.have.length(3);
      for (const svg of pictures) {
        expect(svg.getAttribute('aria-hidden')).to.equal('true');
        expect(svg.textContent?.trim()).to.equal('');
      }
      expect($$(el, 'input[type="radio"]')).to.have.length(3);
      await expect(el).to.be.accessible();
      expectBigTargets(el);

      // Nästa without a choice: the error, focus on the summary, still step 1.
      await press(el, words.next);
      expect(focused(el)).to.equal($(el, '#error-summary'));
      expect(text($(el, '#error-summary'))).to.contain(words.kindError);
      expect(text($(el, '#f-kind-error'))).to.equal(words.kindError);
      expect($(el, 'fieldset').getAttribute('aria-describedby')).to.contain('f-kind-error');
      expect(heading(el)).to.equal(words.steps[0]);
      await expect(el).to.be.accessible();
      expectBigTargets(el);

      await clickLabel(el, 'f-kind-complaint');
      expect($$(el, '#error-summary')).to.have.length(0);
      await press(el, words.next);

      // 2: the area, as big cards.
      expect(heading(el)).to.equal(words.steps[1]);
      expect(focused(el)).to.equal($(el, '#ll-heading'));
      expect($$(el, 'input[name="area"]')).to.have.length(3);
      await expect(el).to.be.accessible();
      expectBigTargets(el);
      await clickLabel(el, 'f-area-skola');
      await press(el, words.next);

      // 3: the message.
      expect(heading(el)).to.equal(words.steps[2]);
      await press(el, words.next);
      expect(focused(el)).to.equal($(el, '#error-summary'));
      expect($(el, '#f-message').getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      await fill(el, 'f-message', 'Gungan är trasig.\nDen har varit trasig i tre veckor.');
      await expect(el).to.be.accessible();
      expectBigTargets(el);
      await press(el, words.next);

      // 4: the answer; yes shows name and contact, checked step by step.
      expect(heading(el)).to.equal(words.steps[3]);
      await expect(el).to.be.accessible();
      await clickLabel(el, 'f-replyWanted');
      expect(text(el)).to.contain(words.yes);
      await press(el, words.next);
      expect(text($(el, '#error-summary'))).to.contain(words.nameError);
      expect(focused(el)).to.equal($(el, '#error-summary'));
      await expect(el).to.be.accessible();
      await fill(el, 'f-name', 'Anna Andersson');
      await fill(el, 'f-email', 'anna@example.org');
      await expect(el).to.be.accessible();
      expectBigTargets(el);
      await press(el, words.next);

      // 5: everything read back, with "Ändra" beside each answer.
      expect(heading(el)).to.equal(words.steps[4]);
      const review = text($(el, 'dl'));
      for (const value of [words.complaint, 'Förskola och skola', 'Gungan är trasig.']) {
        expect(review).to.contain(value);
      }
      expect(review).to.contain('Anna Andersson');
      expect(review).to.contain('anna@example.org');
      expect($$(el, 'dl dt')).to.have.length(4);
      expect($$(el, 'dl dd button').map((b) => text(b).split(' ')[0])).to.deep.equal(
        Array(4).fill(words.change),
      );
      await expect(el).to.be.accessible();
      expectBigTargets(el);

      // Send: mode 'lattlast' is posted; the receipt is in lättläst words.
      const success = oneEvent(el, 'synpunkt-success');
      await press(el, words.send);
      await success;
      await el.updateComplete;
      const receipt = text($(el, '.receipt'));
      for (const line of words.receipt) expect(receipt).to.contain(line);
      expect(focused(el)).to.equal($(el, '#receipt-heading'));
      await expect(el).to.be.accessible();
      const [record] = await received();
      expect(record!.body).to.include({ mode: 'lattlast', locale: lang, kind: 'complaint' });
      expect(record!.body.area).to.equal('skola');
      expect(record!.body.message).to.equal(
        'Gungan är trasig.\nDen har varit trasig i tre veckor.',
      );

      // A new synpunkt starts again at step 1, focus on its heading.
      await press(el, lang === 'sv' ? 'Skicka en ny synpunkt' : 'Send new feedback');
      expect(heading(el)).to.equal(words.steps[0]);
      expect(focused(el)).to.equal($(el, '#ll-heading'));
    });
  });
}

describe('lättläst: its own words in errors and failures', () => {
  it('names the choices as the steps do, in English and Swedish', async () => {
    const el = await snippet({ lattlast: true, lang: 'en' });
    await clickLabel(el, 'f-kind');
    await press(el, 'Next');
    await press(el, 'Next'); // no area
    const error = text($(el, '#f-area-error'));
    expect(error).to.contain('“Do not know”');
    expect(text(el)).to.contain('Do not know');
    const sv = await snippet({ lattlast: true });
    await clickLabel(sv, 'f-kind');
    await press(sv, 'Nästa');
    await clickLabel(sv, 'f-area');
    await press(sv, 'Nästa');
    await fill(sv, 'f-message', 'Gungan är trasig.');
    await press(sv, 'Nästa');
    await press(sv, 'Nästa'); // no answer to "Vill du få svar?"
    expect(text($(sv, '#error-summary'))).to.contain('Välj om du vill få svar.');
    await expect(sv).to.be.accessible();
  });
});

describe('lättläst on a site whose root font size is 10 px', () => {
  it('keeps every target at 44 × 44 px (the 62.5 % rem trick of many site themes)', async () => {
    const { documentElement: root, body } = document;
    root.style.fontSize = '62.5%';
    body.style.fontSize = '1.6rem';
    try {
      const el = await snippet({ lattlast: true });
      expectBigTargets(el);
      await clickLabel(el, 'f-kind');
      await press(el, 'Nästa');
      expectBigTargets(el);
      // The receipt too: "Lyssna" and "Skicka en ny synpunkt" were 24 and 29 px high.
      await press(el, 'Tillbaka');
      await toReview(el, 'Tack för den nya lekplatsen!');
      const success = oneEvent(el, 'synpunkt-success');
      await press(el, 'Skicka');
      await success;
      await el.updateComplete;
      expect($$(el, '.receipt button').length).to.be.greaterThan(0);
      expectBigTargets(el);
    } finally {
      root.style.removeProperty('font-size');
      body.style.removeProperty('font-size');
    }
  });
});

describe('lättläst: moving between steps', () => {
  it('Nästa and Tillbaka move one step and put focus on the step heading', async () => {
    const el = await snippet({ lattlast: true });
    await clickLabel(el, 'f-kind');
    await press(el, 'Nästa');
    expect(heading(el)).to.contain('Steg 2 av 5');
    expect(focused(el)).to.equal($(el, '#ll-heading'));
    await press(el, 'Tillbaka');
    expect(heading(el)).to.contain('Steg 1 av 5');
    expect(focused(el)).to.equal($(el, '#ll-heading'));
    expect($<HTMLInputElement>(el, '#f-kind').checked).to.equal(true);
    expect($$(el, 'button').map((b) => text(b))).to.not.include('Tillbaka');
  });

  it('"Ändra" goes to the step, and Nästa comes back to the review', async () => {
    const el = await snippet({ lattlast: true });
    await clickLabel(el, 'f-kind');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-area');
    await press(el, 'Nästa');
    await fill(el, 'f-message', 'Bra bemötande.');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-replyWanted-no');
    expect(text(el)).to.contain('Då kan vi inte svara dig');
    await press(el, 'Nästa');
    expect(heading(el)).to.contain('Steg 5 av 5');
    const change = $$<HTMLButtonElement>(el, 'dl dd button');
    expect(text(change[2]!)).to.equal('Ändra Din synpunkt');
    change[2]!.click();
    await el.updateComplete;
    expect(heading(el)).to.equal('Steg 3 av 5 Skriv din synpunkt');
    expect(focused(el)).to.equal($(el, '#ll-heading'));
    await fill(el, 'f-message', 'Mycket bra bemötande.');
    await press(el, 'Nästa');
    expect(heading(el)).to.contain('Steg 5 av 5');
    expect(text($(el, 'dl'))).to.contain('Mycket bra bemötande.');
    expect(text($(el, 'dl'))).to.contain('Nej, jag skickar utan namn');
    await expect(el).to.be.accessible();
  });

  it('without configured areas there are four steps and "unknown" is sent', async () => {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      '<synpunkt-form endpoint="/api/synpunkter" lattlast></synpunkt-form>',
    );
    expect(heading(el)).to.contain('Steg 1 av 4');
    await clickLabel(el, 'f-kind-suggestion');
    await press(el, 'Nästa');
    expect(heading(el)).to.equal('Steg 2 av 4 Skriv din synpunkt');
    await fill(el, 'f-message', 'Fler bänkar i parken.');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-replyWanted-no');
    await press(el, 'Nästa');
    expect($$(el, 'dl dt')).to.have.length(3);
    await expect(el).to.be.accessible();
    const success = oneEvent(el, 'synpunkt-success');
    await press(el, 'Skicka');
    await success;
    expect((await received())[0]!.body).to.include({ area: 'unknown', mode: 'lattlast' });
  });

  it('a failed send shows the failure on the review step; "Försök igen" sends it', async () => {
    const el = await snippet({ lattlast: true });
    await toReview(el, 'Tack!');
    await setEndpoint('down');
    const failed = oneEvent(el, 'synpunkt-error');
    await press(el, 'Skicka');
    await failed;
    await el.updateComplete;
    // In easy words, with what to do.
    expect(text($(el, '#failure'))).to.contain(
      'Det gick inte att skicka. Din text finns kvar. Vänta en stund. Tryck sedan på ”Försök igen”.',
    );
    expect(focused(el)).to.equal($(el, '#retry'));
    expect(heading(el)).to.contain('Steg 5 av 5');
    await expect(el).to.be.accessible();
    await setEndpoint('up');
    const success = oneEvent(el, 'synpunkt-success');
    $(el, '#retry').click();
    await success;
    expect(await received()).to.have.length(1);
  });

  it('a send that fails for good shows the other way to reach the municipality on that step', async () => {
    await ensureDefined();
    // No endpoint: nothing can take the synpunkt, and trying again will not help.
    const el = await fixture<SynpunktForm>(`<synpunkt-form lattlast privacy-url="/personuppgifter">
      <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
      <a href="mailto:kommun@exempelkommun.se">Skicka din synpunkt med e-post</a>
    </synpunkt-form>`);
    await toReview(el, 'Tack!');
    const failed = oneEvent(el, 'synpunkt-error');
    await press(el, 'Skicka');
    expect((await failed).detail.retryable).to.equal(false);
    await el.updateComplete;
    expect(text($(el, '#failure'))).to.contain('Skicka den till kommunen på ett annat sätt.');
    expect(heading(el)).to.contain('Steg 5 av 5');
    // The page's e-mail link is shown right there, not only on the first step.
    const link = el.querySelector('a')!;
    await waitUntil(() => link.getBoundingClientRect().height > 0, 'the e-mail link is visible');
    expect(text($(el, '.routes'))).to.contain('Vill du hellre höra av dig på ett annat sätt?');
    expect(text($(el, '#routes-heading'))).to.equal('Andra sätt att höra av dig');
    await expect(el).to.be.accessible();
  });
});

describe('lättläst: switching modes', () => {
  it('a reload keeps lättläst for someone who chose it, and the step text', async () => {
    const first = await snippet();
    $(first, '.mode-toggle').click();
    await first.updateComplete;
    await clickLabel(first, 'f-kind');
    await press(first, 'Nästa');
    await clickLabel(first, 'f-area');
    await press(first, 'Nästa');
    await fill(first, 'f-message', 'Tack för hjälpen.');
    await waitUntil(
      () =>
        Object.values(sessionStorage).some((draft) => String(draft).includes('"mode":"lattlast"')),
      'the draft remembers lättläst',
    );
    fixtureCleanup();

    const again = await snippet();
    expect(again.mode).to.equal('lattlast');
    expect(heading(again)).to.contain('Steg 1 av 5');
    expect($<HTMLInputElement>(again, '#f-kind').checked).to.equal(true);
    await expect(again).to.be.accessible();
    // Back to the long form: that choice survives a reload too.
    $(again, '.mode-toggle').click();
    await again.updateComplete;
    fixtureCleanup();
    expect((await snippet()).mode).to.equal('standard');
  });

  it('after a reload, names the files it lost and leads to the file field', async () => {
    const first = await snippet();
    await clickLabel(first, 'f-kind-complaint');
    await fill(first, 'f-area', 'skola');
    await fill(first, 'f-message', 'Se bilden på gungan.');
    await clickLabel(first, 'f-replyWanted-no');
    await pick(first, [png('foto.png')]);
    await waitUntil(() => $$(first, '.files li').length === 1, 'file added');
    $(first, '.mode-toggle').click();
    await first.updateComplete;
    await waitUntil(
      () =>
        Object.values(sessionStorage).some(
          (draft) => String(draft).includes('foto.png') && String(draft).includes('lattlast'),
        ),
      'the draft remembers the file name and lättläst',
    );
    fixtureCleanup();

    // The first step after the reload says so, with a way to the file field.
    const el = await snippet();
    expect(el.mode).to.equal('lattlast');
    const lost = 'Dina filer finns inte kvar: foto.png. Sidan startade om. Då försvinner filer.';
    expect(text($(el, '#ll-files'))).to.contain(lost);
    const again = () => $$(el, 'button').find((b) => text(b) === 'Lägg till filer igen')!;
    expect(again().getAttribute('aria-describedby')).to.equal('ll-files');
    await expect(el).to.be.accessible();
    expectBigTargets(el);

    // And the review, before "Skicka".
    for (let step = 1; step < 5; step += 1) await press(el, 'Nästa');
    expect(heading(el)).to.contain('Steg 5 av 5');
    expect(text($(el, '#ll-files'))).to.contain(lost);
    await expect(el).to.be.accessible();
    expectBigTargets(el);

    again().click();
    await el.updateComplete;
    expect(el.mode).to.equal('standard');
    // On the picker's button, in the form's words: the dialog is one key press away.
    expect(focused(el)).to.equal($(el, '#f-attachments'));
    expect(text($(el, '#f-attachments'))).to.equal('Välj filer');
    expect(text(el)).to.contain('Lägg till dem igen: foto.png.');

    // Added again: no more notice.
    await pick(el, [png('foto.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1, 'file added again');
    $(el, '.mode-toggle').click();
    await el.updateComplete;
    expect($$(el, '#ll-files')).to.have.length(0);
  });

  it('the toggle carries everything into lättläst, focus to the first step heading', async () => {
    const el = await snippet();
    const toggle = $(el, '.mode-toggle');
    expect(toggle.tagName).to.equal('BUTTON');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(text(toggle)).to.equal('Lättläst');
    await clickLabel(el, 'f-kind-suggestion');
    await fill(el, 'f-area', 'aldreomsorg');
    await fill(el, 'f-message', 'Längre öppettider.');
    await fill(el, 'f-place', 'Biblioteket');
    await clickLabel(el, 'f-replyWanted');
    await fill(el, 'f-name', 'Bo');
    await clickLabel(el, 'f-via-phone');
    await fill(el, 'f-phone', '070-123 45 67');
    await pick(el, [png('skylt.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1, 'file added');

    toggle.click();
    await el.updateComplete;
    expect(el.mode).to.equal('lattlast');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(focused(el)).to.equal($(el, '#ll-heading'));
    expect($<HTMLInputElement>(el, '#f-kind-suggestion').checked).to.equal(true);
    await press(el, 'Nästa');
    expect($<HTMLInputElement>(el, '#f-area').checked).to.equal(true);
    await press(el, 'Nästa');
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.equal('Längre öppettider.');
    await press(el, 'Nästa');
    expect($<HTMLInputElement>(el, '#f-name').value).to.equal('Bo');
    expect($<HTMLInputElement>(el, '#f-phone').value).to.equal('070-123 45 67');
    await press(el, 'Nästa');
    // The review also shows what only the standard form asks: where, and the file.
    const review = text($(el, 'dl'));
    expect(review).to.contain('Biblioteket');
    expect(review).to.contain('skylt.png');
    await expect(el).to.be.accessible();

    // "Ändra" beside the place goes to that field in the standard form.
    const changePlace = $$(el, 'dl dd button').find((b) => text(b).endsWith(' Var'))!;
    changePlace.click();
    await el.updateComplete;
    expect(el.mode).to.equal('standard');
    expect(focused(el)).to.equal($(el, '#f-place'));
  });

  it('back to standard keeps what was entered in lättläst; focus stays on the toggle', async () => {
    const el = await snippet({ lattlast: true });
    await clickLabel(el, 'f-kind-complaint');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-area-skola');
    await press(el, 'Nästa');
    await fill(el, 'f-message', 'Skolbussen kom inte.');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-replyWanted');
    await fill(el, 'f-name', 'Anna');
    await fill(el, 'f-email', 'anna@example.org');
    const toggle = $(el, '.mode-toggle');
    toggle.focus();
    toggle.click();
    await el.updateComplete;
    expect(el.mode).to.equal('standard');
    expect(focused(el)).to.equal(toggle);
    expect($<HTMLInputElement>(el, '#f-kind-complaint').checked).to.equal(true);
    expect($<HTMLSelectElement>(el, '#f-area').value).to.equal('skola');
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.equal('Skolbussen kom inte.');
    expect($<HTMLInputElement>(el, '#f-name').value).to.equal('Anna');
    expect($<HTMLInputElement>(el, '#f-email').value).to.equal('anna@example.org');
    await expect(el).to.be.accessible();
    // And the standard form sends it as standard.
    const success = oneEvent(el, 'synpunkt-success');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await success;
    expect((await received())[0]!.body.mode).to.equal('standard');
  });

  it('an earlier case number from the standard form: on the last step; refused by the receiver, its link leads to the field', async () => {
    const el = await snippet();
    // A receiver with a shorter limit for the number than the form's own.
    el.adapter = {
      name: 'strict',
      submit: () =>
        Promise.reject(
          new AdapterError('refused', {
            reason: 'invalid',
            issues: [{ path: ['earlierReference'], code: 'too_long', params: { max: 10 } }],
          }),
        ),
    };
    await clickLabel(el, 'f-kind-complaint');
    await fill(el, 'f-area', 'skola');
    await fill(el, 'f-message', 'Jag är inte nöjd med svaret.');
    await fill(el, 'f-earlierReference', 'KS 2026/123');
    await clickLabel(el, 'f-replyWanted-no');
    $(el, '.mode-toggle').click();
    await el.updateComplete;
    // Lättläst does not ask for it: no step has the field.
    for (let step = 0; step < 4; step += 1) {
      expect($$(el, '#f-earlierReference')).to.have.length(0);
      await press(el, 'Nästa');
    }
    expect(heading(el)).to.contain('Stämmer allt?');
    const review = text($(el, 'dl'));
    expect(review).to.contain('Numret från förra gången du hörde av dig KS 2026/123');
    await expect(el).to.be.accessible();

    const failed = oneEvent(el, 'synpunkt-error');
    await press(el, 'Skicka');
    await failed;
    await el.updateComplete;
    const summary = $(el, '#error-summary');
    expect(text(summary)).to.contain(
      'Numret från förra gången du hörde av dig: Texten är för lång. Du kan skriva högst 10 tecken.',
    );
    await expect(el).to.be.accessible();
    $<HTMLAnchorElement>(el, '#error-summary a[href="#f-earlierReference"]').click();
    await el.updateComplete;
    expect(el.mode).to.equal('standard');
    expect(focused(el)).to.equal($(el, '#f-earlierReference'));
    expect($<HTMLInputElement>(el, '#f-earlierReference').value).to.equal('KS 2026/123');
    // What is wrong is still said, at the field and at the top, in the standard form's words.
    const field = $<HTMLInputElement>(el, '#f-earlierReference');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.contain('f-earlierReference-error');
    expect(text($(el, '#f-earlierReference-error'))).to.equal(
      'Texten är för lång. Den får vara högst 10 tecken.',
    );
    expect(text($(el, '#error-summary'))).to.contain('Tidigare ärendenummer:');
    await expect(el).to.be.accessible();
  });

  it('staff mode stays standard: no toggle, the attribute is ignored', async () => {
    const el = await snippet({ lattlast: true, staff: true });
    expect($$(el, '.mode-toggle')).to.have.length(0);
    expect($$(el, '#ll-heading')).to.have.length(0);
    expect(el.mode).to.equal('standard');
    expect(text(el)).to.contain('Hur kom synpunkten in?');
  });
});

describe('lättläst: the keyboard alone', () => {
  /** Presses Tab until `match` has focus (at most 25 times). */
  async function tabTo(el: SynpunktForm, match: (node: Element) => boolean): Promise<void> {
    for (let i = 0; i < 25; i += 1) {
      await sendKeys({ press: 'Tab' });
      const node = focused(el);
      if (node && match(node)) return;
    }
    throw new Error(`Tab never reached it; focus on ${focused(el)?.outerHTML.slice(0, 80)}`);
  }
  const button = (label: string) => (node: Element) =>
    node.tagName === 'BUTTON' && text(node).startsWith(label);
  const id = (value: string) => (node: Element) => node.id === value;

  it('switches to lättläst, answers every step and sends, with key presses only', async () => {
    const el = await snippet();
    // From the page into the form: the toggle comes first.
    await tabTo(el, (node) => node.classList.contains('mode-toggle'));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(focused(el)).to.equal($(el, '#ll-heading'));

    // 1: Tab into the group, ArrowDown picks förslag.
    await tabTo(el, id('f-kind'));
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(el, button('Nästa'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heading(el)).to.contain('Steg 2 av 5');

    // 2: the first area, with Space.
    await tabTo(el, id('f-area'));
    await sendKeys({ press: 'Space' });
    await tabTo(el, button('Nästa'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    // 3: type the message.
    await tabTo(el, id('f-message'));
    await sendKeys({ type: 'Fler papperskorgar i parken.' });
    await tabTo(el, button('Nästa'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;

    // 4: yes, name, e-mail (the default way); Enter in a field goes on.
    await tabTo(el, id('f-replyWanted'));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await tabTo(el, id('f-name'));
    await sendKeys({ type: 'Bo Ek' });
    await tabTo(el, id('f-email'));
    await sendKeys({ type: 'bo@example.org' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(heading(el)).to.contain('Steg 5 av 5');

    // 5: send.
    const success = oneEvent(el, 'synpunkt-success');
    await tabTo(el, button('Skicka'));
    await sendKeys({ press: 'Enter' });
    await success;
    const [record] = await received();
    expect(record!.body).to.include({
      kind: 'suggestion',
      area: 'aldreomsorg',
      message: 'Fler papperskorgar i parken.',
      mode: 'lattlast',
    });
    expect(record!.body.reply).to.deep.include({ name: 'Bo Ek', email: 'bo@example.org' });
  });
});

describe('lättläst: Lyssna', () => {
  type Stub = {
    spoken: { text: string; lang: string; voice: unknown }[];
    cancels: number;
    utterance?: { onend: (() => void) | null };
  };
  let stub: Stub;
  const saved = {
    synthesis: Object.getOwnPropertyDescriptor(window, 'speechSynthesis'),
    utterance: Object.getOwnPropertyDescriptor(window, 'SpeechSynthesisUtterance'),
  };
  const voices = [
    { lang: 'en-GB', name: 'Daniel' },
    { lang: 'sv_SE', name: 'Alva' },
  ];

  beforeEach(() => {
    stub = { spoken: [], cancels: 0 };
    const record = stub;
    // Headless Chromium has no voices: a stand-in for the browser's API records what is said.
    class Utterance {
      lang = '';
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: Utterance,
      configurable: true,
      writable: true,
    });
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => voices,
        speak: (u: Utterance) => {
          record.spoken.push({ text: u.text, lang: u.lang, voice: u.voice });
          record.utterance = u;
        },
        cancel: () => (record.cancels += 1),
      },
    });
  });

  afterEach(() => {
    for (const [name, descriptor] of [
      ['speechSynthesis', saved.synthesis],
      ['SpeechSynthesisUtterance', saved.utterance],
    ] as const) {
      if (descriptor) Object.defineProperty(window, name, descriptor);
      else delete (window as unknown as Record<string, unknown>)[name];
    }
  });

  it('reads the screen in Swedish with a Swedish voice, toggles to "Sluta läsa" and back', async () => {
    const el = await snippet({ lattlast: true });
    const listen = $(el, '#ll-listen');
    expect(text(listen)).to.equal('Lyssna');
    listen.click();
    await el.updateComplete;
    expect(stub.spoken).to.have.length(1);
    const [said] = stub.spoken;
    expect(said!.lang).to.equal('sv-SE');
    expect(said!.voice).to.deep.equal({ lang: 'sv_SE', name: 'Alva' });
    expect(said!.text).to.equal(
      'Steg 1 av 5. Vilken sorts synpunkt har du? ' +
        'Välj det som passar bäst. Du får klaga. Det blir inte sämre för dig. ' +
        'Beröm. Du tycker att något är bra. Förslag. Du har en idé om hur något kan bli bättre. ' +
        'Klagomål. Du tycker att något är fel.',
    );
    expect(text($(el, '#ll-listen'))).to.equal('Sluta läsa');
    await expect(el).to.be.accessible();

    // Pressed again, it stops.
    const before = stub.cancels;
    $(el, '#ll-listen').click();
    await el.updateComplete;
    expect(stub.cancels).to.be.greaterThan(before);
    expect(text($(el, '#ll-listen'))).to.equal('Lyssna');

    // When the voice ends by itself, the button says "Lyssna" again.
    $(el, '#ll-listen').click();
    await el.updateComplete;
    stub.utterance!.onend!();
    await el.updateComplete;
    expect(text($(el, '#ll-listen'))).to.equal('Lyssna');
  });

  it('reads the area step with the configured areas, in English with an English voice', async () => {
    const el = await snippet({ lattlast: true, lang: 'en' });
    await clickLabel(el, 'f-kind');
    await press(el, 'Next');
    $(el, '#ll-listen').click();
    await el.updateComplete;
    const [said] = stub.spoken;
    expect(said!.lang).to.equal('en-GB');
    expect(said!.voice).to.deep.equal({ lang: 'en-GB', name: 'Daniel' });
    expect(said!.text).to.contain('Step 2 of 5. What is your feedback about?');
    expect(said!.text).to.contain('Äldreomsorg. Förskola och skola. Do not know.');
    expect(text($(el, '#ll-listen'))).to.equal('Stop reading');
  });

  it('stops when the user moves to another step, switches mode, or the form goes away', async () => {
    const el = await snippet({ lattlast: true });
    await clickLabel(el, 'f-kind');
    $(el, '#ll-listen').click();
    await el.updateComplete;
    let before = stub.cancels;
    await press(el, 'Nästa');
    expect(stub.cancels, 'cancel on step change').to.be.greaterThan(before);
    expect(text($(el, '#ll-listen'))).to.equal('Lyssna');

    $(el, '#ll-listen').click();
    await el.updateComplete;
    before = stub.cancels;
    $(el, '.mode-toggle').click();
    await el.updateComplete;
    expect(stub.cancels, 'cancel on switching to standard').to.be.greaterThan(before);

    $(el, '.mode-toggle').click();
    await el.updateComplete;
    $(el, '#ll-listen').click();
    await el.updateComplete;
    before = stub.cancels;
    el.remove();
    expect(stub.cancels, 'cancel when the element is removed').to.be.greaterThan(before);
  });

  /** A form without areas, walked to its last step (4 of 4): a praise, anonymous. */
  async function atLastStep(): Promise<SynpunktForm> {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      '<synpunkt-form endpoint="/api/synpunkter" lattlast></synpunkt-form>',
    );
    await clickLabel(el, 'f-kind');
    await press(el, 'Nästa');
    await fill(el, 'f-message', 'Fint i parken.');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-replyWanted-no');
    await press(el, 'Nästa');
    return el;
  }

  it('on the last step, reads the answers back, then the notice', async () => {
    const el = await atLastStep();
    $(el, '#ll-listen').click();
    await el.updateComplete;
    expect(stub.spoken[0]!.text).to.equal(
      'Steg 4 av 4. Stämmer allt? Läs din synpunkt. Välj ”Skicka” när allt stämmer. ' +
        'Vilken sorts synpunkt. Beröm. Din synpunkt. Fint i parken. ' +
        'Vill du få svar. Nej, jag skickar utan namn. ' +
        'Det du skickar till kommunen blir en allmän handling. ' +
        'Det betyder att andra kan få läsa det. ' +
        'Skriv inte känsliga saker om dig eller andra. Till exempel om hälsa.',
    );
  });

  it('reads the problems too, first, when a step shows them', async () => {
    const el = await snippet({ lattlast: true });
    await clickLabel(el, 'f-kind');
    await press(el, 'Nästa');
    await clickLabel(el, 'f-area');
    await press(el, 'Nästa');
    await press(el, 'Nästa'); // no message
    $(el, '#ll-listen').click();
    await el.updateComplete;
    const said = stub.spoken.at(-1)!.text;
    expect(said).to.match(
      /^Steg 3 av 5\. Du behöver ändra något\. Din synpunkt: Skriv din synpunkt\./,
    );
    expect(said).to.contain('Berätta vad som hände.');
  });

  it('reads the receipt too: the thanks and the number to keep', async () => {
    const el = await atLastStep();
    const sent = oneEvent(el, 'synpunkt-success');
    await press(el, 'Skicka');
    const receipt = (await sent).detail;
    await el.updateComplete;
    $(el, '#ll-listen').click();
    await el.updateComplete;
    const said = stub.spoken.at(-1)!.text;
    expect(said).to.contain('Tack för din synpunkt');
    expect(said).to.contain(receipt.reference);
    expect(text($(el, '#ll-listen'))).to.equal('Sluta läsa');
    await expect(el).to.be.accessible();
  });

  it('is hidden where the browser has no speech synthesis', async () => {
    delete (window as unknown as Record<string, unknown>).speechSynthesis;
    if ('speechSynthesis' in window) {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    }
    const el = await snippet({ lattlast: true });
    expect($$(el, '#ll-listen')).to.have.length(0);
    expect(heading(el)).to.contain('Steg 1 av 5');
    await expect(el).to.be.accessible();
  });
});
