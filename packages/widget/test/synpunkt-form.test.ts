// <synpunkt-form> in headless Chromium: every state a user can reach, with axe in each.
import {
  aTimeout,
  expect,
  fixture,
  fixtureCleanup,
  html,
  oneEvent,
  waitUntil,
} from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { AdapterError, type ReceiverLimits } from '@synpunkt/sdk';
import { sv, svLattlast, type Catalog, type SynpunktForm } from '../src/index.js';
import {
  limitsAsked,
  received,
  setEndpoint,
  setLimits,
  startEachTestAfresh,
} from './helpers/endpoint.js';
import {
  $,
  $$,
  clickLabel,
  ensureDefined,
  fill,
  fillValid,
  huge,
  memoryAdapter,
  pdfAsJpeg,
  pick,
  png,
  press,
  send,
  snippet,
  text,
  sendAndFail,
  sendAndWait,
} from './helpers/form.js';

const DRAFT_KEY = `synpunkt-draft:${location.pathname}#synpunkt-form`;

/** The contrast of a computed colour with white paper (WCAG); a transparent one has none. */
function contrastOnWhite(color: string): number {
  const [r = 0, g = 0, b = 0, alpha = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
  if (alpha === 0) return 1;
  const linear = (c: number) =>
    c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4;
  return 1.05 / (0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) + 0.05);
}

startEachTestAfresh();

describe('embedding', () => {
  it('shows the fallback link before the element is defined, then upgrades; defining twice is harmless', async () => {
    expect(customElements.get('synpunkt-form'), 'this test must run first').to.equal(undefined);
    const host = await fixture<HTMLElement>(`<div><synpunkt-form endpoint="/api/synpunkter">
      <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
      <a href="mailto:kommun@exempelkommun.se">Skicka din synpunkt med e-post</a>
    </synpunkt-form></div>`);
    const link = host.querySelector('a')!;
    expect(link.getBoundingClientRect().height, 'fallback link visible').to.be.greaterThan(0);
    expect(host.querySelector('synpunkt-form')!.shadowRoot).to.equal(null);

    await import('../src/define.js');
    await import('../src/define.js?again' as string);
    await ensureDefined();
    const el = host.querySelector('synpunkt-form') as SynpunktForm;
    await el.updateComplete;
    expect(el.shadowRoot).to.not.equal(null);
    // The mailto link stays reachable, slotted into "another way" in the guidance block.
    expect(
      link.getBoundingClientRect().height,
      'link still visible after upgrade',
    ).to.be.greaterThan(0);
    expect(link.assignedSlot).to.not.equal(null);
    expect(text(el)).to.contain('Vill du hellre höra av dig på ett annat sätt?');
    // The area's own text is not shown as loose text; it is an option.
    const area = el.querySelector('synpunkt-area')!;
    expect(area.getBoundingClientRect().height).to.equal(0);
    expect($$(el, '#f-area option').map((o) => o.textContent?.trim())).to.deep.equal([
      'Välj',
      'Förskola och skola',
      'Vet inte',
    ]);
  });

  it('follows changes to the <synpunkt-area> children', async () => {
    const el = await snippet();
    const area = document.createElement('synpunkt-area');
    area.setAttribute('value', 'gata');
    area.textContent = 'Gator och parker';
    el.append(area);
    await waitUntil(() => $$(el, '#f-area option').length === 5, 'new area listed');
    el.querySelector('synpunkt-area[value="skola"]')!.remove();
    await waitUntil(() => !text($(el, '#f-area')).includes('skola'), 'removed area gone');
    expect($$(el, '#f-area option').map((o) => o.getAttribute('value'))).to.deep.equal([
      '',
      'aldreomsorg',
      'gata',
      'unknown',
    ]);
    // The last one removed: no list is left to choose from, so the question goes and the
    // synpunkt is sent as "unknown", not as the area the person chose and the editor took away.
    await clickLabel(el, 'f-kind');
    await fill(el, 'f-area', 'gata');
    await fill(el, 'f-message', 'Tack för den nya parken!');
    await clickLabel(el, 'f-replyWanted-no');
    for (const child of el.querySelectorAll('synpunkt-area')) child.remove();
    await waitUntil(() => $$(el, '#f-area').length === 0, 'the area question gone');
    expect(el.areas).to.deep.equal([]);
    await sendAndWait(el);
    expect((await received()).map((r) => r.body.area)).to.deep.equal(['unknown']);
  });

  it('lists an area once when the editor wrote its value twice, in both modes', async () => {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(`<synpunkt-form endpoint="/api/synpunkter">
      <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
      <synpunkt-area value=" skola ">Skola (igen)</synpunkt-area>
      <synpunkt-area value="aldreomsorg">Äldreomsorg</synpunkt-area>
    </synpunkt-form>`);
    expect($$(el, '#f-area option').map((o) => o.textContent?.trim())).to.deep.equal([
      'Välj',
      'Förskola och skola',
      'Äldreomsorg',
      'Vet inte',
    ]);
    // Lättläst shows the areas as radios whose ids come from the values: one id, one label.
    el.lattlast = true;
    await el.updateComplete;
    await clickLabel(el, 'f-kind');
    await press(el, 'Nästa');
    await waitUntil(() => $$(el, 'input[name=area]').length > 0, 'the area step');
    expect($$(el, 'input[name=area]').map((input) => input.id)).to.deep.equal([
      'f-area',
      'f-area-aldreomsorg',
      'f-area-unknown',
    ]);
    await expect(el).to.be.accessible();
  });

  it('without <synpunkt-area> children asks no area question and sends "unknown"', async () => {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      '<synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>',
    );
    expect($$(el, '#f-area')).to.have.length(0);
    await clickLabel(el, 'f-kind');
    await fill(el, 'f-message', 'Tack!');
    await clickLabel(el, 'f-replyWanted-no');
    // The events are typed in HTMLElementEventMap: detail.receipt fields without casts.
    let reference = '';
    el.addEventListener('synpunkt-success', (event) => (reference = event.detail.reference));
    // …and in DocumentEventMap: they bubble out of the shadow root to a listener on the page.
    let onDocument = '';
    const listener = (event: DocumentEventMap['synpunkt-success']) =>
      (onDocument = event.detail.reference);
    document.addEventListener('synpunkt-success', listener);
    try {
      await sendAndWait(el);
    } finally {
      document.removeEventListener('synpunkt-success', listener);
    }
    expect(reference).to.equal('TEST-2026-000001');
    expect(onDocument).to.equal('TEST-2026-000001');
    expect((await received())[0]!.body.area).to.equal('unknown');
  });

  it('keeps everything in shadow DOM and inherits the page font', async () => {
    const wrapper = await fixture<HTMLElement>(
      `<div style="font-family: Georgia, serif; font-size: 19px"></div>`,
    );
    await ensureDefined();
    const el = document.createElement('synpunkt-form');
    wrapper.append(el);
    await el.updateComplete;
    const textarea = $(el, '#f-message');
    expect(getComputedStyle(textarea).fontFamily).to.contain('Georgia');
    expect(getComputedStyle(textarea).fontSize).to.equal('19px');
    expect(document.querySelector('#f-message')).to.equal(null);
  });

  it('draws its controls light on a page in dark mode, unless the page says otherwise', async () => {
    const wrapper = await fixture<HTMLElement>(`<div style="color-scheme: dark"></div>`);
    await ensureDefined();
    const el = document.createElement('synpunkt-form');
    wrapper.append(el);
    await el.updateComplete;
    // Dark native controls on the form's white ground: unchecked radios look checked, the date
    // field's calendar icon is white on white.
    for (const id of ['f-kind', 'f-message', 'f-occurredAt', 'f-attachments']) {
      expect(getComputedStyle($(el, `#${id}`)).colorScheme, id).to.equal('light');
    }
    // An editor who makes the form transparent on a dark page asks for dark controls.
    el.style.colorScheme = 'dark';
    expect(getComputedStyle($(el, '#f-kind')).colorScheme).to.equal('dark');
  });

  it('on a right-to-left page reads left to right and adds no sideways scrolling', async () => {
    // An Arabic or Persian page of the municipality's site, with the Swedish form.
    document.documentElement.dir = 'rtl';
    try {
      const el = await snippet();
      const page = document.documentElement;
      expect(page.scrollWidth, 'sideways scrolling').to.be.at.most(page.clientWidth);
      expect(getComputedStyle($(el, 'form')).direction).to.equal('ltr');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });

  it('takes colours, radius and spacing from custom properties and exposes parts', async () => {
    const el = await snippet();
    el.style.setProperty('--synpunkt-color-primary', 'rgb(1, 2, 3)');
    el.style.setProperty('--synpunkt-radius', '9px');
    const button = $(el, 'button[type="submit"]');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(button).borderTopLeftRadius).to.equal('9px');
    for (const part of ['form', 'fieldset', 'label', 'input', 'button', 'routes', 'notice']) {
      expect($$(el, `[part~="${part}"]`).length, part).to.be.greaterThan(0);
    }
  });

  it('shows focus on a dark theme that sets no focus colour: the ring takes the text colour', async () => {
    const el = await snippet();
    el.style.setProperty('--synpunkt-color-background', 'rgb(18, 35, 58)');
    el.style.setProperty('--synpunkt-color-text', 'rgb(255, 255, 255)');
    await send(el);
    const summary = $(el, '#error-summary');
    expect(el.shadowRoot!.activeElement === summary, 'focus on the error summary').to.equal(true);
    // Every ring is drawn in --_focus. Read there too: :focus needs the test window focused.
    const ring = () =>
      summary.matches(':focus')
        ? getComputedStyle(summary).outlineColor
        : getComputedStyle(el).getPropertyValue('--_focus').trim();
    // The default #1b1b1b on this ground is 1.1:1: no ring to see (WCAG 2.4.7, 1.4.11).
    expect(ring()).to.equal('rgb(255, 255, 255)');
    el.style.setProperty('--synpunkt-color-focus', 'rgb(255, 200, 0)');
    expect(ring()).to.equal('rgb(255, 200, 0)');
  });
});

describe('the empty form', () => {
  it('shows every question, the limits, the guidance and the notice, and passes axe', async () => {
    const el = await snippet({ 'appeal-url': '/overklaga', 'fault-report-url': '/felanmalan' });
    const all = text(el);
    for (const words of [
      'Ring 112',
      'Så överklagar du',
      'Gör en felanmälan',
      'Kontakta Inspektionen för vård och omsorg (IVO)',
      'Vad vill du lämna?',
      'Det påverkar inte hur du blir bemött om du klagar.',
      'Beröm',
      'Något som fungerar bra.',
      'Förslag',
      'Klagomål',
      'Vad gäller det?',
      'Skriv din synpunkt',
      '0 av 10 000 tecken',
      'När hände det?',
      'Var hände det?',
      'Högst 5 filer, högst 5 MB per fil och 10 MB tillsammans.',
      'Vill du ha svar?',
      'blir allmän handling',
      'Skriv inte känsliga uppgifter',
    ]) {
      expect(all).to.contain(words);
    }
    expect(text($(el, '.routes a[href="/overklaga"]'))).to.equal('Så överklagar du');
    expect(text($(el, '.routes a[href="tel:112"]'))).to.equal('Ring 112');
    // Said with the question, so a screen reader reads it on entering the group.
    const kindHint = $(el, '#f-kind-about');
    expect(kindHint.closest('fieldset')!.getAttribute('aria-describedby')).to.equal('f-kind-about');
    // The first choice keeps its own line, not the question's.
    expect($(el, '#f-kind').getAttribute('aria-describedby')).to.equal('f-kind-hint');
    expect(text($(el, '#f-kind-hint'))).to.equal('Något som fungerar bra.');
    expect($<HTMLAnchorElement>(el, '.notice a').getAttribute('href')).to.equal('/personuppgifter');
    expect($<HTMLInputElement>(el, 'input[type="file"]').accept).to.equal(
      'image/jpeg,image/png,application/pdf',
    );
    await expect(el).to.be.accessible();
  });

  it('draws every radio at least 24 × 24 px, growing with the text (WCAG 2.5.8, 1.4.4)', async () => {
    const el = await snippet();
    await clickLabel(el, 'f-replyWanted');
    const size = (radio: HTMLElement) => {
      const { width, height } = radio.getBoundingClientRect();
      return Math.min(width, height);
    };
    const radios = $$(el, 'input[type="radio"]');
    expect(radios.length).to.be.at.least(7);
    // Browsers size a control's em by their own 13.33 px control font, not the form's text.
    for (const radio of radios) expect(size(radio), radio.id).to.be.at.least(24);
    el.style.fontSize = '32px';
    for (const radio of radios) expect(size(radio), `${radio.id} at 200 %`).to.be.at.least(48);
  });

  it('shows a route only when its link is set, except 112', async () => {
    const el = await snippet({ 'ivo-url': '' });
    const routes = text($(el, '.routes'));
    expect(routes).to.contain('112');
    expect(routes).to.not.contain('överklaga');
    expect(routes).to.not.contain('felanmälan');
    expect(routes).to.not.contain('IVO');
  });

  for (const [kind, hint] of [
    ['praise', 'Något som fungerar bra.'],
    ['suggestion', 'En idé om hur något kan bli bättre.'],
    ['complaint', 'En tjänst eller ett bemötande som inte var bra.'],
  ] as const) {
    it(`can choose ${kind} by its label, which is described by its one line`, async () => {
      const el = await snippet();
      const id = kind === 'praise' ? 'f-kind' : `f-kind-${kind}`;
      await clickLabel(el, id);
      const radio = $<HTMLInputElement>(el, `#${id}`);
      expect(radio.checked).to.equal(true);
      expect(text($(el, `#${radio.getAttribute('aria-describedby')}`))).to.equal(hint);
      await expect(el).to.be.accessible();
    });
  }

  it('counts characters as the user types', async () => {
    const el = await snippet();
    $(el, '#f-message').focus();
    await sendKeys({ type: 'Hej kommunen' });
    await el.updateComplete;
    expect(text($(el, '#f-message-count'))).to.equal('12 av 10 000 tecken');
    expect($(el, '#f-message').getAttribute('aria-describedby')).to.contain('f-message-count');
  });

  it('reads the count out only near the limit: not for a short message; near it at once and after a pause; over and back under', async () => {
    const el = await snippet();
    const status = () => text($(el, '[role="status"]'));
    $(el, '#f-message').focus();
    await sendKeys({ type: 'Hej kommunen' });
    await aTimeout(1500); // past the pause in typing after which the count may be read out
    expect(text($(el, '#f-message-count'))).to.equal('12 av 10 000 tecken');
    expect(status(), 'nothing said about 12 characters of 10 000').to.equal('');

    // 1 000 left: said as soon as it gets there…
    await fill(el, 'f-message', 'a'.repeat(9000));
    await waitUntil(() => status() === '9 000 av 10 000 tecken', 'read out near the limit');
    // …and after each pause while near it.
    $(el, '#f-message').focus();
    await sendKeys({ type: 'bcd' });
    await waitUntil(() => status() === '9 003 av 10 000 tecken', 'read out after a pause', {
      timeout: 3000,
    });
    await fill(el, 'f-message', 'a'.repeat(10001));
    await waitUntil(
      () => status() === '10 001 av 10 000 tecken · 1 tecken för mycket',
      'read out when over',
    );
    // Back under, far below the limit again: said once, then quiet.
    await fill(el, 'f-message', 'a'.repeat(500));
    await waitUntil(() => status() === '500 av 10 000 tecken', 'read out when back under');
    await fill(el, 'f-message', 'a'.repeat(501));
    await aTimeout(1500);
    expect(status()).to.equal('500 av 10 000 tecken');
    await expect(el).to.be.accessible();
  });

  it('counts an emoji or an å as one character, as the check does, and sends what it shows as fitting', async () => {
    const el = await snippet();
    await fill(el, 'f-message', 'Tack 👍 för hjälpen! Bra gjort på Äldreboendet 😀');
    expect(text($(el, '#f-message-count'))).to.equal('47 av 10 000 tecken');
    // Six thousand emoji are 12 000 UTF-16 units but 6 000 characters: within the limit.
    await fill(el, 'f-message', '👍'.repeat(6000));
    expect(text($(el, '#f-message-count'))).to.equal('6 000 av 10 000 tecken');
    expect($(el, '#f-message-count').classList.contains('over')).to.equal(false);
  });

  it("uses the adapter's smaller message limit and says when the text is too long", async () => {
    const el = await snippet();
    el.adapter = memoryAdapter({ maxMessageLength: 10 });
    await el.updateComplete;
    await fill(el, 'f-message', 'Det här är för långt');
    expect(text($(el, '#f-message-count'))).to.contain('20 av 10 tecken');
    expect(text($(el, '#f-message-count'))).to.contain('10 tecken för mycket');
  });
});

describe('errors', () => {
  it('writes the limit of a too long text as the counter does: 10 000', async () => {
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-message', 'a'.repeat(10001));
    await send(el);
    expect(text($(el, '#error-summary'))).to.contain(
      'Synpunkt: Texten är för lång. Den får vara högst 10 000 tecken.',
    );
    expect(text($(el, '#f-message-count'))).to.contain('10 001 av 10 000 tecken');
  });

  it('lists every problem at the top, focuses the list, and each link moves focus to its field', async () => {
    const el = await snippet();
    await send(el);
    const summary = $(el, '#error-summary');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const links = $$<HTMLAnchorElement>(el, '#error-summary a');
    expect(links.map((a) => a.getAttribute('href'))).to.include.members([
      '#f-kind',
      '#f-area',
      '#f-message',
      '#f-replyWanted',
    ]);
    expect(text(summary)).to.contain('Synpunkt: Skriv din synpunkt.');
    expect(text(summary)).to.contain('Vad vill du lämna: Välj beröm, förslag eller klagomål.');
    const message = $(el, '#f-message');
    expect(message.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, `#${message.getAttribute('aria-describedby')!.split(' ')[1]}`))).to.equal(
      'Skriv din synpunkt.',
    );
    await expect(el).to.be.accessible();

    links.find((a) => a.getAttribute('href') === '#f-message')!.click();
    expect(el.shadowRoot!.activeElement).to.equal(message);
    links.find((a) => a.getAttribute('href') === '#f-kind')!.click();
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-kind'));
    expect(await received()).to.have.length(0);
  });

  it('on a page with <base href> (Sitevision, EPiServer) a link in the list moves focus and stays on the page', async () => {
    // The base makes "#f-message" another page's address; the CMS page must not be left.
    const base = document.createElement('base');
    base.href = 'https://cms.exempelkommun.invalid/startsida/';
    document.head.prepend(base);
    // Stops, after the form's own handlers, a click that would still leave the page, and notes it.
    const left: string[] = [];
    const guard = (event: Event) => {
      const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
      if (!link) return;
      if (!event.defaultPrevented) left.push(link.href);
      event.preventDefault();
    };
    window.addEventListener('click', guard);
    try {
      const el = await snippet();
      await send(el);
      const link = $<HTMLAnchorElement>(el, '#error-summary a[href="#f-message"]');
      expect(link.href).to.equal('https://cms.exempelkommun.invalid/startsida/#f-message');
      // With the mouse, and with Enter on the link, as a person would.
      const box = link.getBoundingClientRect();
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + 4), Math.round(box.y + box.height / 2)],
      });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-message'));
      $(el, '#error-summary a[href="#f-kind"]').focus();
      await sendKeys({ press: 'Enter' });
      expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-kind'));
      expect(left, 'links that would have left the page').to.deep.equal([]);
      expect(location.href).not.to.contain('cms.exempelkommun.invalid');
    } finally {
      window.removeEventListener('click', guard);
      base.remove();
      await resetMouse();
    }
  });

  it('removes a problem from the list once it is fixed', async () => {
    const el = await snippet();
    await send(el);
    await fill(el, 'f-message', 'Nu finns det text');
    expect($$(el, '#error-summary a[href="#f-message"]')).to.have.length(0);
    expect($(el, '#f-message').getAttribute('aria-invalid')).to.equal('false');
    expect($$(el, '#error-summary a[href="#f-kind"]')).to.have.length(1);
  });

  it('checks contact details with the sdk: a bad e-mail address is named', async () => {
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-email', 'anna.example.org');
    await send(el);
    expect(text($(el, '#error-summary'))).to.contain(
      'E-postadress: Skriv en e-postadress, till exempel namn@exempel.se.',
    );
    expect($(el, '#f-email').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it("shows the server's 422 field errors like its own", async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('invalid');
    expect((await sendAndFail(el)).retryable).to.equal(false);
    await el.updateComplete;
    expect(text($(el, '#error-summary'))).to.contain('Synpunkt: Skriv din synpunkt.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#error-summary'));
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.contain('Gungan');
  });

  it('counts to the shorter limit a relay names when it refuses the message, for that area and kind', async () => {
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-message', 'Gungan är trasig. '.repeat(250)); // 4 500 characters
    expect(text($(el, '#f-message-count'))).to.equal('4 500 av 10 000 tecken');
    await setEndpoint('open311');
    expect((await sendAndFail(el)).retryable).to.equal(false);
    await el.updateComplete;
    expect(text($(el, '#error-summary'))).to.contain('Den får vara högst 4 000 tecken.');
    // The count now says what the error says, and the text is kept.
    expect(text($(el, '#f-message-count'))).to.contain('4 500 av 4 000 tecken');
    await expect(el).to.be.accessible();
    // Another area may go to another target: its limit is not known.
    await fill(el, 'f-area', 'aldreomsorg');
    expect(text($(el, '#f-message-count'))).to.equal('4 500 av 10 000 tecken');
    await fill(el, 'f-area', 'skola');
    await fill(el, 'f-message', 'Gungan är trasig. '.repeat(200).trim());
    expect(text($(el, '#f-message-count'))).to.equal('3 599 av 4 000 tecken');
    await sendAndWait(el);
    expect(await received()).to.have.length(1);
  });
});

describe('an earlier case number', () => {
  const LABEL = 'Ärendenummer från tidigare kontakt (frivilligt)';
  const HINT =
    'Har du redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret, så hittar vi det.';

  it('is asked with a complaint, labelled and described, and sent trimmed; the draft is cleared after', async () => {
    const el = await snippet();
    expect($$(el, '#f-earlierReference'), 'before a kind is chosen').to.have.length(0);
    await fillValid(el); // a complaint
    const input = $<HTMLInputElement>(el, '#f-earlierReference');
    expect(input.type).to.equal('text');
    expect(text($(el, 'label[for="f-earlierReference"]'))).to.equal(LABEL);
    expect(input.getAttribute('aria-describedby')).to.equal('f-earlierReference-hint');
    expect(text($(el, '#f-earlierReference-hint'))).to.equal(HINT);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();

    await fill(el, 'f-earlierReference', '  KS 2026/123 ');
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.earlierReference).to.equal('KS 2026/123');
    expect(record!.body.kind).to.equal('complaint');
    expect(sessionStorage.getItem(DRAFT_KEY)).to.equal(null);

    await press(el, 'Skicka en ny synpunkt');
    await clickLabel(el, 'f-kind-complaint');
    expect($<HTMLInputElement>(el, '#f-earlierReference').value, 'cleared').to.equal('');
  });

  it('is asked with a suggestion too, not with praise: a number typed and then hidden is kept but not sent', async () => {
    const el = await snippet();
    await fillValid(el);
    await clickLabel(el, 'f-kind-suggestion');
    await fill(el, 'f-earlierReference', 'BUN 2026:17');
    await clickLabel(el, 'f-kind');
    expect($$(el, '#f-earlierReference'), 'praise').to.have.length(0);
    expect(text(el)).not.to.contain('Ärendenummer från tidigare kontakt');
    await expect(el).to.be.accessible();
    await clickLabel(el, 'f-kind-complaint');
    expect($<HTMLInputElement>(el, '#f-earlierReference').value).to.equal('BUN 2026:17');
    await clickLabel(el, 'f-kind');
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.kind).to.equal('praise');
    expect(record!.body).not.to.have.property('earlierReference');
  });

  it('left empty, or only spaces, it is not sent', async () => {
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-earlierReference', '   ');
    await sendAndWait(el);
    expect((await received())[0]!.body).not.to.have.property('earlierReference');
  });

  it('too long: the summary links to it, the field says why, nothing is sent and nothing is lost', async () => {
    const el = await snippet();
    await fillValid(el);
    const tooLong = `KS 2026/123 ${'x'.repeat(40)}`; // 52 characters
    await fill(el, 'f-earlierReference', tooLong);
    await send(el);
    const summary = $(el, '#error-summary');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const item = 'Tidigare ärendenummer: Texten är för lång. Den får vara högst 50 tecken.';
    const links = $$<HTMLAnchorElement>(el, '#error-summary a');
    expect(links.map((a) => text(a))).to.deep.equal([item]);
    const link = links[0]!;
    expect(link.getAttribute('href')).to.equal('#f-earlierReference');
    const input = $<HTMLInputElement>(el, '#f-earlierReference');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal(
      'f-earlierReference-hint f-earlierReference-error',
    );
    expect(text($(el, '#f-earlierReference-error'))).to.equal(
      'Texten är för lång. Den får vara högst 50 tecken.',
    );
    await expect(el).to.be.accessible();
    expect(await received()).to.have.length(0);
    // Nothing lost: the number as typed, and everything else.
    expect(input.value).to.equal(tooLong);
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.contain('Gungan');
    expect($<HTMLInputElement>(el, '#f-email').value).to.equal('anna@example.org');

    link.click();
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await fill(el, 'f-earlierReference', 'KS 2026/123');
    expect($$(el, '#error-summary'), 'fixed: no problem left').to.have.length(0);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
    await sendAndWait(el);
    expect((await received())[0]!.body.earlierReference).to.equal('KS 2026/123');
  });

  it('a line break pasted into it is refused with a clear text', async () => {
    const el = await snippet();
    await fillValid(el);
    // An <input> drops line breaks itself; the separators U+2028 and U+2029 it keeps.
    await fill(el, 'f-earlierReference', 'KS 2026/123\u2028Bcc: x@y.se');
    await send(el);
    expect(text($(el, '#error-summary'))).to.contain(
      'Tidigare ärendenummer: Texten har tecken som inte går att använda. Skriv om den.',
    );
    expect(await received()).to.have.length(0);
  });

  it('survives a reload in the draft', async () => {
    const first = await snippet();
    await clickLabel(first, 'f-kind-complaint');
    await fill(first, 'f-earlierReference', 'SBN-2026-00042');
    await waitUntil(
      () => sessionStorage.getItem(DRAFT_KEY)?.includes('SBN-2026-00042'),
      'draft saved',
    );
    fixtureCleanup();
    const second = await snippet();
    expect($<HTMLInputElement>(second, '#f-earlierReference').value).to.equal('SBN-2026-00042');
  });

  it('speaks to staff about the person, and in English to English readers', async () => {
    const staff = await snippet({ staff: true });
    await clickLabel(staff, 'f-kind-complaint');
    expect(text($(staff, '#f-earlierReference-hint'))).to.equal(
      'Har personen redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret.',
    );
    await expect(staff).to.be.accessible();
    fixtureCleanup();
    const en = await snippet({ lang: 'en' });
    await clickLabel(en, 'f-kind-complaint');
    expect(text($(en, 'label[for="f-earlierReference"]'))).to.equal(
      'Case number from an earlier contact (optional)',
    );
    expect(text($(en, '#f-earlierReference-hint'))).to.equal(
      'Do you want to follow up a matter you have already had a reply about? Write the case number so that we can find it.',
    );
    await expect(en).to.be.accessible();
  });
});

describe('reply', () => {
  it('anonymous: says plainly that nobody can answer, and sends no contact details', async () => {
    const el = await snippet();
    await clickLabel(el, 'f-kind');
    await fill(el, 'f-area', 'unknown');
    await fill(el, 'f-message', 'Tack för en fin sommaröppning!');
    // Said on the choice itself, before it is made.
    const no = $(el, '#f-replyWanted-no');
    expect(text($(el, `#${no.getAttribute('aria-describedby')!}`))).to.equal(
      'Då kan vi inte svara dig eller ställa frågor om din synpunkt.',
    );
    await clickLabel(el, 'f-replyWanted-no');
    expect($$(el, '#f-name')).to.have.length(0);
    await expect(el).to.be.accessible();
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.reply).to.deep.equal({ wanted: false });
    expect(record!.body.area).to.equal('unknown');
    expect(record!.body.kind).to.equal('praise');
  });

  it('by e-mail: name and e-mail address, required for a reply', async () => {
    const el = await snippet();
    await clickLabel(el, 'f-replyWanted');
    expect(text(el)).to.contain('Obligatoriskt om du vill få svar');
    expect(text(el)).to.contain(
      'Dina kontaktuppgifter används för att kommunen ska kunna svara dig.',
    );
    expect($(el, '#f-name').getAttribute('aria-describedby')).to.contain('f-replyWanted-required');
    expect($$(el, '#f-email')).to.have.length(1);
    expect($$(el, '#f-phone')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('by phone: the phone number is sent in E.164', async () => {
    const el = await snippet();
    await fillValid(el);
    await clickLabel(el, 'f-via-phone');
    expect($$(el, '#f-email')).to.have.length(0);
    await fill(el, 'f-phone', '070-123 45 67');
    await expect(el).to.be.accessible();
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.reply).to.deep.equal({
      wanted: true,
      via: 'phone',
      name: 'Anna Andersson',
      phone: '+46701234567',
    });
  });

  it('by letter: street, postal code and city, each required', async () => {
    const el = await snippet();
    await fillValid(el);
    await clickLabel(el, 'f-via-letter');
    await fill(el, 'f-street', 'Storgatan 1');
    await send(el);
    expect($$(el, '#error-summary a').map((a) => a.getAttribute('href'))).to.deep.equal([
      '#f-postalCode',
      '#f-city',
    ]);
    await expect(el).to.be.accessible();
    await fill(el, 'f-postalCode', '123 45');
    await fill(el, 'f-city', 'Exempelby');
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.reply).to.deep.include({
      via: 'letter',
      address: { street: 'Storgatan 1', postalCode: '123 45', city: 'Exempelby' },
    });
  });
});

describe('attachments', () => {
  it('adds a real PNG, lists it with a remove button, and sends it as base64', async () => {
    const el = await snippet();
    await pick(el, [png('lekplats.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1, 'file listed');
    expect(text($(el, '.files'))).to.contain('lekplats.png');
    expect(text($(el, '.files button'))).to.equal('Ta bort lekplats.png');
    await expect(el).to.be.accessible();
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    const [file] = record!.body.attachments as { name: string; type: string; size: number }[];
    expect(file).to.include({ name: 'lekplats.png', type: 'image/png', size: 70 });
  });

  it('mends a file name the municipality could be misled by, and sends it', async () => {
    const el = await snippet();
    // A right-to-left override would show the clerk another name than the file's; a line
    // separator would break a line in the clerk's mail. The sdk refuses both at sending.
    await pick(el, [png('karta\u202Egnp.exe.png'), png('foto\u2028två.png')]);
    await waitUntil(() => $$(el, '.files li').length === 2, 'files listed');
    expect(text($(el, '.files'))).to.contain('karta_gnp.exe.png');
    expect(text($(el, '.files'))).to.contain('foto_två.png');
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    const names = (record!.body.attachments as { name: string }[]).map((file) => file.name);
    expect(names).to.deep.equal(['karta_gnp.exe.png', 'foto_två.png']);
  });

  it("picks files with a button in the form's words; the browser's own picker is never seen", async () => {
    const el = await snippet();
    const button = $<HTMLButtonElement>(el, '#f-attachments');
    const input = $<HTMLInputElement>(el, 'input[type="file"]');
    expect(button.tagName).to.equal('BUTTON');
    expect(button.type).to.equal('button');
    expect(text(button)).to.equal('Välj filer');
    // The native input draws no box, so no "Choose Files" or "No file chosen" in the browser's
    // language, and takes no Tab stop: the button is the one stop, and the one target.
    expect(input.getClientRects()).to.have.length(0);
    expect(input.checkVisibility()).to.equal(false);
    expect(input.multiple).to.equal(true);
    expect(button.getBoundingClientRect().height).to.be.at.least(24);
    expect(button.getBoundingClientRect().width).to.be.at.least(24);
    // The button, and a click on the field's label, open the system's file dialog (the input's).
    let opened = 0;
    input.addEventListener('click', (event) => {
      opened += 1;
      event.preventDefault(); // no dialog in a test
    });
    button.click();
    expect(opened).to.equal(1);
    $(el, 'label[for="f-attachments"]').click();
    expect(opened).to.equal(2);
    await pick(el, [png('a.png'), png('b.png')]);
    await waitUntil(() => $$(el, '.files li').length === 2, 'files listed');
    // The input is emptied after each pick; the button never says nothing is chosen.
    expect(input.files).to.have.length(0);
    expect(text(button)).to.equal('Lägg till fler filer');
    expect($(el, '#f-attachments')).to.equal(button);
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(text(button)).to.equal('Add more files');
    for (let file = 0; file < 2; file += 1) {
      $(el, '.files li button').click();
      await el.updateComplete;
    }
    expect(text(button)).to.equal('Choose files');
    await expect(el).to.be.accessible();
  });

  it("takes files dropped on the button, as the browser's own picker did, with the same limits", async () => {
    const el = await snippet();
    const button = $<HTMLButtonElement>(el, '#f-attachments');
    const drag = (type: 'dragover' | 'drop', files: File[]) => {
      const transfer = new DataTransfer();
      files.forEach((file) => transfer.items.add(file));
      const event = new DragEvent(type, {
        bubbles: true,
        cancelable: true,
        dataTransfer: transfer,
      });
      button.dispatchEvent(event);
      return event;
    };
    // Taken on the button: the browser neither refuses the drop nor opens the file in the tab.
    expect(drag('dragover', [png('gunga.png')]).defaultPrevented).to.equal(true);
    expect(drag('drop', [png('gunga.png'), huge('film.png')]).defaultPrevented).to.equal(true);
    await waitUntil(() => $$(el, '.files li').length === 1, 'the dropped file listed');
    expect(text($(el, '.files'))).to.contain('gunga.png');
    // The one over 5 MB is refused as in the dialog, and says why.
    expect(text(el)).to.contain('film.png');
    expect(text($(el, '#f-attachments-refused'))).to.contain('film.png');
    expect(text(button)).to.equal('Lägg till fler filer');
    await expect(el).to.be.accessible();
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    expect((record!.body.attachments as { name: string }[]).map((file) => file.name)).to.deep.equal(
      ['gunga.png'],
    );
  });

  it("a file the receiver refuses: the summary's link goes to the picker's button, which says why", async () => {
    const el = await snippet();
    await pick(el, [png('karta.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1, 'file listed');
    await fillValid(el);
    el.adapter = {
      name: 'refusing',
      capabilities: {},
      submit: async () => {
        throw new AdapterError('refused', {
          reason: 'invalid',
          issues: [{ path: ['attachments', 0, 'type'], code: 'file_type_mismatch' }],
        });
      },
    };
    await sendAndFail(el);
    await el.updateComplete;
    $<HTMLAnchorElement>(el, '#error-summary a[href="#f-attachments"]').click();
    await el.updateComplete;
    const button = $(el, '#f-attachments');
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(button.tagName).to.equal('BUTTON');
    expect(button.getAttribute('aria-invalid')).to.equal('true');
    expect(button.getAttribute('aria-describedby')).to.contain('f-attachments-error');
    expect(text($(el, '#f-attachments-error'))).to.contain('En fil är inte den filtyp');
    await expect(el).to.be.accessible();
  });

  it('removes a file with its button and puts focus back on the picker', async () => {
    const el = await snippet();
    await pick(el, [png('a.png'), png('b.png')]);
    await waitUntil(() => $$(el, '.files li').length === 2);
    $(el, '.files li button').click();
    await el.updateComplete;
    expect(text($(el, '.files'))).to.not.contain('a.png');
    expect(text($(el, '.files'))).to.contain('b.png');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-attachments'));
  });

  it('refuses a PDF renamed to .jpg by its bytes, with a clear message', async () => {
    const el = await snippet();
    await pick(el, [pdfAsJpeg('kvitto.jpg')]);
    await waitUntil(() => $$(el, '#f-attachments-refused').length === 1);
    expect(text($(el, '#f-attachments-refused'))).to.contain(
      'kvitto.jpg kan inte bifogas. Innehållet är inte det som filnamnet säger.',
    );
    expect($$(el, '.files li')).to.have.length(0);
    expect($(el, '#f-attachments').getAttribute('aria-describedby')).to.contain(
      'f-attachments-refused',
    );
    await expect(el).to.be.accessible();
  });

  it('refuses a file over 5 MB without reading it', async () => {
    const el = await snippet();
    await pick(el, [huge('stor.png')]);
    await waitUntil(() => $$(el, '#f-attachments-refused').length === 1);
    expect(text($(el, '#f-attachments-refused'))).to.contain(
      'stor.png är för stor. Filen får vara högst 5 MB.',
    );
    await expect(el).to.be.accessible();
  });

  it('refuses a sixth file and keeps the first five', async () => {
    const el = await snippet();
    await pick(
      el,
      ['1', '2', '3', '4', '5', '6'].map((n) => png(`${n}.png`)),
    );
    await waitUntil(() => $$(el, '.files li').length === 5);
    expect(text($(el, '#f-attachments-refused'))).to.contain(
      '6.png kom inte med. Du kan bifoga högst 5 filer.',
    );
    await expect(el).to.be.accessible();
  });

  it('refuses a type it does not take', async () => {
    const el = await snippet();
    await pick(el, [new File(['hej'], 'brev.txt', { type: 'text/plain' })]);
    await waitUntil(() => $$(el, '#f-attachments-refused').length === 1);
    expect(text($(el, '#f-attachments-refused'))).to.contain('brev.txt kan inte bifogas.');
  });

  it('says what was attached or removed (the picker says nothing), and refuses the same file twice', async () => {
    const el = await snippet();
    const status = () => text($(el, '[role="status"]'));
    await pick(el, [png('kvitto.png')]);
    await waitUntil(() => status() === 'Bifogad: kvitto.png.', 'the attachment announced');
    await pick(el, [png('kvitto.png'), png('brev.png')]);
    await waitUntil(
      () => status() === 'Bifogad: brev.png. kvitto.png är redan bifogad.',
      'the duplicate announced',
    );
    expect($$(el, '.files li')).to.have.length(2);
    $(el, '.files li button').click();
    await waitUntil(() => status() === 'kvitto.png är borttagen.', 'the removal announced');
  });

  it('tells apart two files with one name (every photo from some phones is image.jpg), for good', async () => {
    const el = await snippet();
    const bytes = async (extra: number) =>
      new File([await png().arrayBuffer(), new Uint8Array(extra)], 'image.png', {
        type: 'image/png',
      });
    await pick(el, [png('image.png'), await bytes(1), await bytes(2)]);
    await waitUntil(() => $$(el, '.files li').length === 3, 'all listed');
    expect($$(el, '.files li button').map(text)).to.deep.equal([
      'Ta bort image.png',
      'Ta bort image (2).png',
      'Ta bort image (3).png',
    ]);
    // The numbers stay when one is removed: what was said is still true of what is listed.
    $(el, '.files li button').click();
    await el.updateComplete;
    expect($$(el, '.files li button').map(text)).to.deep.equal([
      'Ta bort image (2).png',
      'Ta bort image (3).png',
    ]);
    // Picking the second again is "already attached", by its number.
    await pick(el, [await bytes(1)]);
    await waitUntil(() => $$(el, '#f-attachments-refused').length === 1);
    expect(text($(el, '#f-attachments-refused'))).to.equal('image.png är redan bifogad.');
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    const names = (record!.body.attachments as { name: string }[]).map((file) => file.name);
    expect(names, 'the clerk sees the same names').to.deep.equal([
      'image (2).png',
      'image (3).png',
    ]);
  });

  it('says an empty file is empty, not that its content is wrong', async () => {
    const el = await snippet();
    await pick(el, [new File([], 'tom.jpg', { type: 'image/jpeg' })]);
    await waitUntil(() => $$(el, '#f-attachments-refused').length === 1);
    expect(text($(el, '#f-attachments-refused'))).to.equal('tom.jpg är tom och kan inte bifogas.');
  });

  it('writes a small limit in kB (never "0 MB"), and shows no picker to a backend that takes no type', async () => {
    const el = await snippet();
    el.adapter = memoryAdapter({ attachments: { maxBytes: 50_000, maxTotalBytes: 100_000 } });
    await el.updateComplete;
    expect(text($(el, '#f-attachments-hint'))).to.contain(
      'högst 48 kB per fil och 97 kB tillsammans',
    );
    el.adapter = memoryAdapter({ attachments: { types: [] } });
    await el.updateComplete;
    expect($$(el, '#f-attachments')).to.have.length(0);
  });

  it("says the backend's own limits, the same in the hint as in each refusal", async () => {
    const el = await snippet();
    el.adapter = memoryAdapter({
      attachments: { types: ['image/png'], maxBytes: Math.round(2.56 * 1048576) },
    });
    await el.updateComplete;
    expect(text($(el, '#f-attachments-hint'))).to.equal(
      'Du kan bifoga PNG. Högst 5 filer, högst 2,5 MB per fil och 10 MB tillsammans.',
    );
    const pdf = new File(['%PDF-1.4'], 'brev.pdf', { type: 'application/pdf' });
    await pick(el, [huge('stor.png'), pdf]);
    await waitUntil(() => $$(el, '#f-attachments-refused li').length === 2);
    // Rounded down, as the hint: a 2,56 MB limit is never shown as "3 MB".
    expect(text($(el, '#f-attachments-refused'))).to.contain(
      'stor.png är för stor. Filen får vara högst 2,5 MB.',
    );
    expect(text($(el, '#f-attachments-refused'))).to.contain(
      'brev.pdf kan inte bifogas. Det går bara att bifoga PNG.',
    );
    await expect(el).to.be.accessible();
  });
});

describe("the relay's limits (GET /v1/limits)", () => {
  // Exempelkommun's relay: everything to the registry, and about schools also to an Open311
  // system that takes 4 000 characters and no files.
  const SCHOOL_TO_OPEN311: ReceiverLimits = {
    routes: [
      { capabilities: {} },
      { areas: ['skola'], capabilities: { maxMessageLength: 4000, attachments: false } },
    ],
  };

  it('shows them before anything is written, for the area chosen', async () => {
    await setLimits(SCHOOL_TO_OPEN311);
    const el = await snippet();
    // No area yet: it may be skola, so the form promises only what skola's route takes.
    await waitUntil(() => $$(el, '#f-attachments').length === 0, 'no file field yet');
    expect(text($(el, '#f-message-count'))).to.contain('av 4 000 tecken');
    await expect(el).to.be.accessible();
    await fill(el, 'f-area', 'aldreomsorg');
    expect($$(el, '#f-attachments-hint')).to.have.length(1);
    expect(text($(el, '#f-message-count'))).to.contain('av 10 000 tecken');
    await fill(el, 'f-area', 'skola');
    expect($$(el, '#f-attachments')).to.have.length(0);
    expect(text($(el, '#f-message-count'))).to.contain('av 4 000 tecken');
    expect(await limitsAsked()).to.equal(1);
  });

  it('a message over the limit is stopped at the form, with the text kept', async () => {
    await setLimits(SCHOOL_TO_OPEN311);
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-area', 'skola');
    await fill(el, 'f-message', 'Gungan är trasig. '.repeat(250)); // 4 500 characters
    await waitUntil(() => text($(el, '#f-message-count')).includes('av 4 000'), 'limits known');
    expect(text($(el, '#f-message-count'))).to.contain('4 500 av 4 000 tecken');
    await send(el);
    await el.updateComplete;
    expect(text($(el, '#error-summary'))).to.contain('Den får vara högst 4 000 tecken.');
    expect(await received()).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.have.length(4500);
  });

  it('files added before choosing an area that takes none: says so, and each can be removed', async () => {
    await setLimits(SCHOOL_TO_OPEN311);
    const el = await snippet();
    await fillValid(el);
    await fill(el, 'f-area', 'aldreomsorg');
    await pick(el, [png('gungan.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1, 'file listed');
    await fill(el, 'f-area', 'skola');
    // No picker any more, but the file is still shown, with why it cannot go; and said aloud.
    expect($$(el, 'input[type="file"]')).to.have.length(0);
    await waitUntil(
      () =>
        text($(el, '[role="status"]')) === 'Det går inte att bifoga filer här. Ta bort filerna.',
      'announced',
    );
    expect(text($(el, '#f-attachments-error'))).to.equal(
      'Det går inte att bifoga filer här. Ta bort filerna.',
    );
    expect($(el, '#f-attachments').getAttribute('aria-describedby')).to.equal(
      'f-attachments-error',
    );
    await expect(el).to.be.accessible();
    // Sending now: the summary's link leads to the files.
    await send(el);
    await el.updateComplete;
    expect(await received()).to.have.length(0);
    $<HTMLAnchorElement>(el, '#error-summary a[href="#f-attachments"]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-attachments');
    await expect(el).to.be.accessible();
    // Removing the last file removes the field; focus goes on to the message.
    $(el, '.files li button').click();
    await el.updateComplete;
    expect($$(el, '#f-attachments')).to.have.length(0);
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-message');
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.area).to.equal('skola');
    expect(record!.body.attachments ?? []).to.have.length(0);
  });

  it('a form without areas goes where "vet inte" goes, and promises what that takes', async () => {
    await setLimits(SCHOOL_TO_OPEN311);
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      html`<synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>`,
    );
    await waitUntil(async () => (await limitsAsked()) === 1, 'asked');
    await aTimeout(50);
    await el.updateComplete;
    expect(text($(el, '#f-attachments-hint'))).to.contain('Högst 5 filer');
    expect(text($(el, '#f-message-count'))).to.contain('av 10 000 tecken');
  });

  it("an older relay without them: the sdk's limits, as before", async () => {
    await setLimits('off');
    const el = await snippet();
    await waitUntil(async () => (await limitsAsked()) === 1, 'asked');
    await el.updateComplete;
    await fill(el, 'f-area', 'skola');
    expect(text($(el, '#f-attachments-hint'))).to.contain('Högst 5 filer');
    expect(text($(el, '#f-message-count'))).to.contain('av 10 000 tecken');
  });

  it("an integrator's adapter: the relay is not asked", async () => {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      html`<synpunkt-form .adapter=${memoryAdapter({ attachments: false })}></synpunkt-form>`,
    );
    await el.updateComplete;
    await aTimeout(100);
    expect(await limitsAsked()).to.equal(0);
  });
});

describe('sending', () => {
  it('while sending: the button is aria-disabled and busy, keeps focus, "Skickar…" is announced, and a second click sends nothing', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('slow');
    const submitted = oneEvent(el, 'synpunkt-submit');
    const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
    button.focus();
    button.click();
    button.click();
    await submitted;
    // A disabled button would have dropped keyboard focus to the page.
    expect(el.shadowRoot!.activeElement).to.equal(button);
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    await waitUntil(() => text($(el, '[role="status"]')) === 'Skickar…', 'announced');
    await el.send();
    await expect(el).to.be.accessible();
    await oneEvent(el, 'synpunkt-success');
    expect(await received()).to.have.length(1);
  });

  it('a double click sends one request', async () => {
    const el = await snippet();
    await fillValid(el);
    const button = $<HTMLButtonElement>(el, 'button[type="submit"]');
    let submits = 0;
    el.addEventListener('synpunkt-submit', () => (submits += 1));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 }));
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 2 }));
    await oneEvent(el, 'synpunkt-success');
    await aTimeout(50);
    expect(submits).to.equal(1);
    expect(await received()).to.have.length(1);
  });

  it('a cancelled synpunkt-submit sends nothing and keeps the text', async () => {
    const el = await snippet();
    await fillValid(el);
    el.addEventListener('synpunkt-submit', (event) => event.preventDefault(), { once: true });
    await send(el);
    await aTimeout(50);
    expect(await received()).to.have.length(0);
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.contain('Gungan');
  });

  it('on failure keeps the text and says so; "Försök igen" resends with the same id: one record', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('down');
    const detail = await sendAndFail(el);
    expect(detail.retryable).to.equal(true);
    await el.updateComplete;
    expect(text($(el, '#failure'))).to.contain('Synpunkten skickades inte');
    expect(text($(el, '#failure'))).to.contain('Din text finns kvar');
    expect(text($(el, '#failure')), 'no files, no word of them').to.not.contain('Filer');
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.contain('Gungan');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#retry'));
    await expect(el).to.be.accessible();

    const stored = JSON.parse(sessionStorage.getItem(DRAFT_KEY)!) as {
      attempt: { id: string; submittedAt: string };
    };
    const firstId = stored.attempt.id;
    expect(firstId).to.match(/^[0-9a-f-]{36}$/);
    await setEndpoint('up');
    const success = oneEvent(el, 'synpunkt-success');
    $(el, '#retry').click();
    const receipt = (await success).detail;
    const records = await received();
    expect(records).to.have.length(1);
    expect(records[0]!.key).to.equal(firstId);
    expect(records[0]!.body.id).to.equal(firstId);
    // Byte for byte the same submission: the first try's time, not the retry's.
    expect(records[0]!.body.submittedAt).to.equal(stored.attempt.submittedAt);
    expect(receipt.id).to.equal(firstId);
  });

  it('"Försök igen" keeps keyboard focus in the form while it sends again: on "Skickar…", not the page', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('down');
    await sendAndFail(el);
    await el.updateComplete;
    const retry = $(el, '#retry');
    await setEndpoint('slow');
    const submitted = oneEvent(el, 'synpunkt-submit');
    retry.focus();
    retry.click();
    await submitted;
    await el.updateComplete;
    // The failure and its button go while it sends; focus must not fall to the page's top.
    const active = el.shadowRoot!.activeElement;
    expect(active && `${active.className}: ${text(active)}`, 'what has focus').to.equal(
      'send: Skickar…',
    );
    await oneEvent(el, 'synpunkt-success');
  });

  it('no answer at all with files attached: says files are slow on a weak connection', async () => {
    const el = await snippet();
    await fillValid(el);
    await pick(el, [png('gungan.png')]);
    await waitUntil(() => $$(el, '.files li').length === 1);
    // A server that is down answers 503: fewer files would not help, so nothing is said of them.
    await setEndpoint('down');
    await sendAndFail(el);
    await el.updateComplete;
    expect(text($(el, '#failure'))).to.not.contain('Filer');
    // No answer (a timeout on a weak uplink): the files may be why.
    el.adapter = {
      name: 'timing-out',
      submit: async () => {
        throw new AdapterError('no answer within 15 000 ms', { reason: 'unavailable' });
      },
    };
    await sendAndFail(el);
    await el.updateComplete;
    expect(text($(el, '#failure'))).to.contain(
      'Filer tar lång tid att skicka med en långsam uppkoppling. Du kan ta bort filer och försöka igen.',
    );
    await expect(el).to.be.accessible();
  });

  it('a retry after switching to lättläst resends the same submission: no conflict, no second case', async () => {
    const el = await snippet();
    await fillValid(el);
    // The first send is stored but its answer is lost: the retry must match it byte for byte.
    await setEndpoint('lost');
    expect((await sendAndFail(el)).retryable).to.equal(true);
    await el.updateComplete;
    $(el, '.mode-toggle').click();
    await el.updateComplete;
    expect(el.mode).to.equal('lattlast');
    await setEndpoint('up');
    const success = oneEvent(el, 'synpunkt-success');
    $(el, '#retry').click();
    const receipt = (await success).detail;
    const records = await received();
    expect(records).to.have.length(1);
    expect(receipt.id).to.equal(records[0]!.body.id);
    expect(records[0]!.body.mode).to.equal('standard');
  });

  it('while sending, the fields take no changes: text fields are read-only, a click on another kind is undone', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('slow');
    const submitted = oneEvent(el, 'synpunkt-submit');
    await send(el);
    await submitted;
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#f-message').readOnly).to.equal(true);
    expect($<HTMLInputElement>(el, '#f-name').readOnly).to.equal(true);
    // Files picked now would be dropped: the file button opens no dialog meanwhile.
    let opened = 0;
    $(el, 'input[type="file"]').addEventListener('click', () => (opened += 1));
    $(el, '#f-attachments').click();
    expect(opened).to.equal(0);
    await clickLabel(el, 'f-kind');
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#f-kind').checked).to.equal(false);
    expect($<HTMLInputElement>(el, '#f-kind-complaint').checked).to.equal(true);
    await expect(el).to.be.accessible();
    await oneEvent(el, 'synpunkt-success');
    const [record] = await received();
    expect(record!.body.kind).to.equal('complaint');
  });

  it('after a failure the fields take changes again', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('down');
    await sendAndFail(el);
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#f-message').readOnly).to.equal(false);
    await clickLabel(el, 'f-kind-suggestion');
    expect($<HTMLInputElement>(el, '#f-kind-suggestion').checked).to.equal(true);
  });

  it('a changed text after a failure is a new submission with a new id', async () => {
    const el = await snippet();
    await fillValid(el);
    await setEndpoint('down');
    await sendAndFail(el);
    const firstId = (JSON.parse(sessionStorage.getItem(DRAFT_KEY)!) as { id: string }).id;
    await fill(el, 'f-message', 'Gungan är trasig. Nu är även rutschkanan trasig.');
    await setEndpoint('up');
    expect((await sendAndWait(el)).id).to.not.equal(firstId);
  });

  it('without endpoint or adapter: says it could not be sent, no retry offered', async () => {
    await ensureDefined();
    const el = await fixture<SynpunktForm>(
      '<synpunkt-form><synpunkt-area value="skola">Skola</synpunkt-area></synpunkt-form>',
    );
    await fillValid(el);
    expect((await sendAndFail(el)).retryable).to.equal(false);
    await el.updateComplete;
    expect(text($(el, '#failure'))).to.contain('vi kunde inte ta emot synpunkten');
    expect($$(el, '#retry')).to.have.length(0);
  });

  it('the adapter property overrides the endpoint', async () => {
    const el = await snippet();
    const adapter = memoryAdapter();
    el.adapter = adapter;
    await fillValid(el);
    await sendAndWait(el);
    expect(await received()).to.have.length(0);
    expect(adapter.stored.size).to.equal(1);
  });
});

describe('the receipt', () => {
  it('thanks, shows the reference and the reply date written out in Swedish; "Skicka en till" starts over', async () => {
    const el = await snippet();
    await fillValid(el);
    const success = oneEvent(el, 'synpunkt-success');
    await send(el);
    const receipt = (await success).detail;
    await el.updateComplete;
    expect(receipt.reference).to.equal('TEST-2026-000001');
    const view = text($(el, '.receipt'));
    expect(view).to.contain('Tack för din synpunkt!');
    expect(view).to.contain('TEST-2026-000001');
    const expected = new Intl.DateTimeFormat('sv-SE', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${receipt.replyBy}T00:00:00Z`));
    expect(view).to.contain(`Du får svar senast ${expected}.`);
    expect(expected).to.match(/^(måndag|tisdag|onsdag|torsdag|fredag) \d{1,2} [a-z]+ \d{4}$/);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#receipt-heading'));
    await expect(el).to.be.accessible();

    $(el, '.receipt button').click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#f-message').value).to.equal('');
    expect($<HTMLInputElement>(el, '#f-kind-complaint').checked).to.equal(false);
    expect($$(el, '#error-summary')).to.have.length(0);
  });

  it('prints legibly: every button and the receipt in dark text with a border, as paper gets no backgrounds', async () => {
    const el = await snippet();
    // A site's dark boxes: their white text would print on nothing too.
    el.style.setProperty('--synpunkt-color-surface', '#1b1b1b');
    el.style.setProperty('--synpunkt-color-surface-text', '#fff');
    const onPaper = (node: Element, what: string) => {
      const style = getComputedStyle(node);
      expect(contrastOnWhite(style.color), `${what}: text on paper`).to.be.at.least(4.5);
      expect(style.borderTopStyle, `${what}: border`).not.to.equal('none');
      expect(parseFloat(style.borderTopWidth), `${what}: border width`).to.be.at.least(1);
      expect(contrastOnWhite(style.borderTopColor), `${what}: border on paper`).to.be.at.least(3);
    };
    await emulateMedia({ media: 'print' });
    try {
      const buttons = $$(el, 'button');
      expect(buttons.length).to.be.at.least(2);
      for (const button of buttons) onPaper(button, text(button));
      await fillValid(el);
      await sendAndWait(el);
      await el.updateComplete;
      onPaper($(el, '.receipt'), 'the receipt');
      onPaper($(el, '.receipt button'), 'Skicka en ny synpunkt');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('writes the date out from the receipt: Tuesday 8 December 2026', async () => {
    const el = await snippet();
    el.adapter = {
      name: 'fixed',
      submit: async (submission) => ({
        id: submission.id,
        reference: 'SYN-2026-000042',
        receivedAt: '2026-11-24T09:00:00Z',
        replyBy: '2026-12-08',
      }),
    };
    await fillValid(el);
    await sendAndWait(el);
    await el.updateComplete;
    expect(text($(el, '.receipt'))).to.contain('Du får svar senast tisdag 8 december 2026.');
  });

  it('anonymous: no reply date, and says no reply will come', async () => {
    const el = await snippet();
    await clickLabel(el, 'f-kind');
    await fill(el, 'f-area', 'skola');
    await fill(el, 'f-message', 'Bra bemötande i receptionen.');
    await clickLabel(el, 'f-replyWanted-no');
    await sendAndWait(el);
    await el.updateComplete;
    expect(text($(el, '.receipt'))).to.not.contain('senast');
    expect(text($(el, '.receipt'))).to.contain('Du får inget svar');
    await expect(el).to.be.accessible();
  });
});

describe('links set by attributes', () => {
  it('never become script: javascript: in any disguise is left out, web and mail links stay', async () => {
    await ensureDefined();
    const hostile = [
      'javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ];
    for (const url of hostile) {
      const el = await fixture<SynpunktForm>(
        html`<synpunkt-form
          endpoint="/api/synpunkter"
          privacy-url=${url}
          appeal-url=${url}
          fault-report-url=${url}
          ivo-url=${url}
        ></synpunkt-form>`,
      );
      await el.updateComplete;
      const hrefs = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.href);
      expect(
        hrefs.filter((href) => !/^(https?|tel):/.test(href)),
        JSON.stringify(url),
      ).to.deep.equal([]);
      fixtureCleanup();
    }
    const el = await snippet({
      'appeal-url': '/overklaga',
      'fault-report-url': 'mailto:felanmalan@exempelkommun.se',
    });
    const links = [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.include.members([
      '/personuppgifter',
      '/overklaga',
      'mailto:felanmalan@exempelkommun.se',
    ]);
  });
});

describe('staff mode', () => {
  it('asks how it came in, addresses the staff member, and sends the channel', async () => {
    const el = await snippet({ staff: true, municipality: 'Exempels kommun' });
    const all = text(el);
    expect(all).to.contain('Hur kom synpunkten in?');
    expect(all).to.contain('Skriv vad personen sa');
    expect(all).to.contain('Vill personen ha svar?');
    expect(all).to.contain('Det som skickas till Exempels kommun blir allmän handling');
    await expect(el).to.be.accessible();
    await send(el);
    // Errors speak to the staff member about the person, not to a citizen about themselves.
    expect(text($(el, '#error-summary'))).to.contain('Skriv vad personen sa.');
    expect(text($(el, '#error-summary'))).not.to.contain('Skriv din synpunkt.');
    await fillValid(el);
    await send(el);
    expect(text($(el, '#error-summary'))).to.contain('Hur synpunkten kom in');
    await fill(el, 'f-channel', 'visit');
    expect(text(el)).to.contain('Personen vill ha svar'.replace('Personen', 'Ja, personen'));
    await expect(el).to.be.accessible();
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body.channel).to.equal('visit');
  });

  it('a failure speaks to the staff member too: not registered, register it again', async () => {
    const el = await snippet({ staff: true });
    await fillValid(el);
    await fill(el, 'f-channel', 'phone');
    await setEndpoint('down');
    expect((await sendAndFail(el)).retryable).to.equal(true);
    await el.updateComplete;
    const failure = text($(el, '#failure'));
    expect(failure).to.contain('Synpunkten registrerades inte');
    expect(failure).to.contain('Texten finns kvar');
    expect(failure).not.to.contain('Din text');
    await expect(el).to.be.accessible();
  });

  it('speaks to the staff member all the way: hints, error summary in page order, receipt', async () => {
    const el = await snippet({ staff: true, municipality: 'Exempels kommun' });
    const page = text(el);
    expect(page).to.contain('Om personen vet.');
    expect(page).to.contain('Så hanterar vi personuppgifter');
    expect(page).not.to.contain('dina personuppgifter');
    // The editor's other ways are for staff here, not "Vill du hellre höra av dig…".
    expect(page).to.contain('Går det inte att registrera synpunkten här?');
    expect(page).not.to.contain('höra av dig');
    expect(page).not.to.contain('bemött');
    await send(el);
    const items = [...el.shadowRoot!.querySelectorAll('#error-summary li')].map(text);
    // "Hur kom synpunkten in?" is the first field on the page, so its problem comes first.
    expect(items[0]).to.match(/^Hur synpunkten kom in:/);
    expect(items[1]).to.match(/^Vad vill personen lämna:/);
    expect(items.join(' ')).to.contain('Vill personen ha svar: Välj om personen vill ha svar.');
    expect(items.join(' ')).not.to.match(/Vill du ha svar|Vad vill du lämna/);
    await clickLabel(el, 'f-replyWanted');
    expect(text(el)).to.contain('Obligatoriskt om personen vill få svar');
    expect(text(el)).to.contain(
      'Kontaktuppgifterna används för att Exempels kommun ska kunna svara personen.',
    );
    await fillValid(el);
    await fill(el, 'f-channel', 'phone');
    await sendAndWait(el);
    await el.updateComplete;
    const receipt = text($(el, '.receipt'));
    expect(receipt).to.contain('Synpunkten är registrerad');
    expect(receipt).to.match(/Ärendenummer: TEST-2026-\d{6}/);
    expect(receipt).to.match(/Personen ska få svar senast \S+dag \d+ \S+ \d{4}\./);
    expect(receipt).to.contain('Ge personen ärendenumret.');
    expect(receipt).to.contain('Registrera en ny synpunkt');
    expect(receipt).not.to.match(/Tack för din|Ditt ärendenummer|Du får svar/);
    await expect(el).to.be.accessible();
  });

  it('an anonymous registration: the receipt says the person gets no reply (en too)', async () => {
    const el = await snippet({ staff: true, lang: 'en' });
    await clickLabel(el, 'f-kind-complaint');
    await fill(el, 'f-area', 'skola');
    await fill(el, 'f-message', 'The swing at the school has been broken for three weeks.');
    await fill(el, 'f-channel', 'visit');
    await clickLabel(el, 'f-replyWanted-no');
    await sendAndWait(el);
    await el.updateComplete;
    const receipt = text($(el, '.receipt'));
    expect(receipt).to.contain('The feedback has been registered');
    expect(receipt).to.contain('The person is anonymous and will not get a reply.');
    expect(receipt).not.to.match(/Thank you|Your case number/);
  });

  it('points staff to lex Sarah for serious wrongs in care; a citizen never sees it', async () => {
    const staff = await snippet({ staff: true, 'lex-sarah-url': '/intranat/lex-sarah' });
    const line = $(staff, '.routes a[href="/intranat/lex-sarah"]');
    expect(text(line)).to.equal('Så rapporterar du enligt lex Sarah');
    expect(text(line.parentElement!)).to.contain('Har du som anställd sett något allvarligt fel');
    await expect(staff).to.be.accessible();
    const en = await snippet({ staff: true, lang: 'en', 'lex-sarah-url': '/intranat/lex-sarah' });
    expect(text($(en, '.routes a[href="/intranat/lex-sarah"]'))).to.equal(
      'How to report under lex Sarah',
    );
    // The same snippet on a citizen's page, and staff without the link: no line.
    const citizen = await snippet({ 'lex-sarah-url': '/intranat/lex-sarah' });
    expect(text($(citizen, '.routes'))).not.to.contain('lex Sarah');
    const unset = await snippet({ staff: true });
    expect(text($(unset, '.routes'))).not.to.contain('lex Sarah');
  });

  it('asks staff about the person in the guidance box: "Vill personen överklaga ett beslut?"', async () => {
    const staff = await snippet({ staff: true, 'appeal-url': '/overklaga' });
    const appeal = $(staff, '.routes a[href="/overklaga"]');
    expect(text(appeal)).to.equal('Så överklagar man');
    expect(text(appeal.parentElement!)).to.contain('Vill personen överklaga ett beslut?');
    expect(text($(staff, '.routes'))).not.to.contain('Vill du');
    await expect(staff).to.be.accessible();
  });

  describe('a serious complaint', () => {
    const HINT =
      'Kryssa i om du bedömer att klagomålet är allvarligt. Ett allvarligt klagomål ska alltid gå direkt till närmaste chef.';

    it('is offered with a complaint only, as a labelled checkbox of at least 24 px, and sent as serious', async () => {
      const el = await snippet({ staff: true });
      expect($$(el, '#f-serious'), 'before a kind is chosen').to.have.length(0);
      await clickLabel(el, 'f-kind-suggestion');
      expect($$(el, '#f-serious'), 'a suggestion').to.have.length(0);
      await fillValid(el); // a complaint
      await fill(el, 'f-channel', 'phone');
      const box = $<HTMLInputElement>(el, '#f-serious');
      expect(box.type).to.equal('checkbox');
      expect(box.checked).to.equal(false);
      expect(text($(el, 'label[for="f-serious"]'))).to.equal('Allvarligt klagomål');
      expect(box.getAttribute('aria-describedby')).to.equal('f-serious-hint');
      expect(text($(el, '#f-serious-hint'))).to.equal(HINT);
      const { width, height } = box.getBoundingClientRect();
      expect(Math.min(width, height)).to.be.at.least(24);
      await expect(el).to.be.accessible();

      // By keyboard, as staff on the phone would: Space on the focused box.
      box.focus();
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(box.checked).to.equal(true);
      await expect(el).to.be.accessible();
      await sendAndWait(el);
      const [record] = await received();
      expect(record!.body).to.include({ kind: 'complaint', channel: 'phone', serious: true });
    });

    it('left unchecked, nothing is sent; a mark made before changing to praise is not sent', async () => {
      const el = await snippet({ staff: true });
      await fillValid(el);
      await fill(el, 'f-channel', 'letter');
      await sendAndWait(el);
      expect((await received())[0]!.body).not.to.have.property('serious');

      await press(el, 'Registrera en ny synpunkt');
      await fillValid(el);
      await fill(el, 'f-channel', 'letter');
      expect($<HTMLInputElement>(el, '#f-serious').checked, 'cleared after sending').to.equal(
        false,
      );
      await clickLabel(el, 'f-serious');
      await clickLabel(el, 'f-kind');
      expect($$(el, '#f-serious'), 'praise').to.have.length(0);
      await sendAndWait(el);
      const second = (await received())[1]!.body;
      expect(second.kind).to.equal('praise');
      expect(second).not.to.have.property('serious');
    });

    it('is kept in the draft over a reload', async () => {
      const first = await snippet({ staff: true });
      await clickLabel(first, 'f-kind-complaint');
      await clickLabel(first, 'f-serious');
      await waitUntil(
        () => sessionStorage.getItem(DRAFT_KEY)?.includes('"serious":"yes"'),
        'draft saved',
      );
      fixtureCleanup();
      const second = await snippet({ staff: true });
      expect($<HTMLInputElement>(second, '#f-serious').checked).to.equal(true);
    });

    it('is never offered to a citizen, nor in lättläst; staff read it in English too', async () => {
      const citizen = await snippet();
      await clickLabel(citizen, 'f-kind-complaint');
      expect($$(citizen, '#f-serious')).to.have.length(0);
      expect(text(citizen)).not.to.contain('Allvarligt');
      fixtureCleanup();
      const easy = await snippet({ lattlast: true });
      expect(text(easy)).not.to.contain('Allvarligt');
      fixtureCleanup();
      const en = await snippet({ staff: true, lang: 'en' });
      await clickLabel(en, 'f-kind-complaint');
      expect(text($(en, 'label[for="f-serious"]'))).to.equal('Serious complaint');
      expect(text($(en, '#f-serious-hint'))).to.equal(
        'Tick this if you judge the complaint to be serious. A serious complaint must always go straight to the manager responsible.',
      );
      await expect(en).to.be.accessible();
    });

    it("counts the relay's route for serious complaints only once it is marked", async () => {
      // The managers' mailbox takes 2 000 characters; the registry anything.
      await setLimits({
        routes: [
          { capabilities: {} },
          { kinds: ['complaint'], serious: true, capabilities: { maxMessageLength: 2000 } },
        ],
      });
      const el = await snippet({ staff: true });
      await fillValid(el);
      await waitUntil(() => limitsAsked().then((n) => n === 1), 'limits asked');
      await el.updateComplete;
      expect(text($(el, '#f-message-count'))).to.contain('av 10 000 tecken');
      await clickLabel(el, 'f-serious');
      await waitUntil(
        () => text($(el, '#f-message-count')).includes('av 2 000 tecken'),
        'the serious route counted',
      );
      await clickLabel(el, 'f-serious');
      expect(text($(el, '#f-message-count'))).to.contain('av 10 000 tecken');
    });
  });

  it('a citizen sends channel "web"', async () => {
    const el = await snippet();
    await fillValid(el);
    await sendAndWait(el);
    const [record] = await received();
    expect(record!.body).to.include({ channel: 'web', locale: 'sv', mode: 'standard' });
  });
});

describe('languages', () => {
  it('English from the lang attribute, with errors and sent locale', async () => {
    const el = await snippet({ lang: 'en' });
    expect(text(el)).to.contain('What kind of feedback is it?');
    expect(text(el)).to.contain('becomes a public document');
    await expect(el).to.be.accessible();
    await send(el);
    expect(text($(el, '#error-summary'))).to.contain('Something needs to be fixed');
    await expect(el).to.be.accessible();
    await fillValid(el);
    await sendAndWait(el);
    await el.updateComplete;
    expect(text($(el, '.receipt'))).to.match(
      /You will get a reply by \w+day,? \d+ \w+ \d{4} at the latest\./,
    );
    await expect(el).to.be.accessible();
    expect((await received())[0]!.body.locale).to.equal('en');
  });

  it("follows the page's lang when the element has none, also when it changes", async () => {
    document.documentElement.lang = 'en';
    const el = await snippet();
    expect(text(el)).to.contain('Would you like a reply?');
    expect($(el, '.root').getAttribute('lang')).to.equal('en');
    document.documentElement.lang = 'sv';
    await waitUntil(() => text(el).includes('Vill du ha svar?'), 'back to Swedish');
    await expect(el).to.be.accessible();
  });

  it("follows the closest ancestor's lang, also when it changes", async () => {
    await ensureDefined();
    const wrapper = await fixture<HTMLElement>(
      '<section lang="en-GB"><synpunkt-form endpoint="/api/synpunkter"></synpunkt-form></section>',
    );
    const el = wrapper.querySelector('synpunkt-form')!;
    await el.updateComplete;
    expect(text(el)).to.contain('Write your feedback');
    // A page's own language switch that changes the wrapper, not <html>.
    wrapper.lang = 'sv';
    await waitUntil(() => text(el).includes('Skriv din synpunkt'), 'Swedish after the change');
  });

  it('follows a lang removed from or added to any ancestor, and a move into another section', async () => {
    await ensureDefined();
    document.documentElement.lang = 'sv';
    const page = await fixture<HTMLElement>(
      '<div><section lang="en-GB"><article><synpunkt-form endpoint="/api/synpunkter"></synpunkt-form></article></section><aside lang="en"></aside></div>',
    );
    const el = page.querySelector('synpunkt-form')!;
    await el.updateComplete;
    expect(text(el)).to.contain('Write your feedback');
    // The section's lang goes: the page's Swedish decides now.
    page.querySelector('section')!.removeAttribute('lang');
    await waitUntil(() => text(el).includes('Skriv din synpunkt'), 'Swedish once the lang is gone');
    // A lang set on an element between the form and the section, which had none.
    page.querySelector('article')!.lang = 'en';
    await waitUntil(() => text(el).includes('Write your feedback'), 'English from the article');
    page.querySelector('article')!.removeAttribute('lang');
    await waitUntil(() => text(el).includes('Skriv din synpunkt'), 'Swedish again');
    // Moved into an English part of the page, as a CMS's drag and drop does.
    page.querySelector('aside')!.append(el);
    await waitUntil(() => text(el).includes('Write your feedback'), 'English after the move');
    await expect(el).to.be.accessible();
  });

  it('takes a catalog of another language from script (a national minority language): its texts, lang, locale and dates', async () => {
    // docs/adding-a-language.md, "without forking". A few Finnish texts over the Swedish are
    // enough to see which catalog is in use; a real one is written whole.
    const fi: Catalog = {
      ...sv,
      locale: 'fi',
      dateLocale: 'fi-FI',
      routesHeading: 'Ennen kuin aloitat',
      kindLegend: 'Mitä haluat antaa?',
      receiptHeading: 'Kiitos palautteestasi!',
      receiptReplyBy: (date) => `Saat vastauksen viimeistään ${date}.`,
    };
    const el = await snippet();
    el.catalog = fi;
    await el.updateComplete;
    expect(text(el)).to.contain('Ennen kuin aloitat');
    expect(text(el)).to.contain('Mitä haluat antaa?');
    expect($(el, '.root').getAttribute('lang')).to.equal('fi');
    // No lättläst texts in that language: the form offers the standard mode only.
    expect($$(el, '.mode-toggle')).to.have.length(0);
    await expect(el).to.be.accessible();
    await fillValid(el);
    await sendAndWait(el);
    await el.updateComplete;
    const receipt = text($(el, '.receipt'));
    expect(receipt).to.contain('Kiitos palautteestasi!');
    // The reply-by day written out in Finnish ("… joulukuuta 2026"), not in Swedish.
    expect(receipt).to.match(/Saat vastauksen viimeistään .*\p{L}+kuuta \d{4}\./u);
    await expect(el).to.be.accessible();
    expect((await received())[0]!.body.locale).to.equal('fi');

    // With lättläst texts beside it, the Lättläst toggle is there.
    el.lattlastCatalog = { ...svLattlast, toggle: 'Selkokieli' };
    await press(el, 'Skicka en ny synpunkt');
    expect(text($(el, '.mode-toggle'))).to.equal('Selkokieli');
  });

  it("inside another component's shadow root, follows the closest lang outside it, also when it changes", async () => {
    await ensureDefined();
    // A CMS block that renders the editor's content into its own shadow root.
    const wrapper = await fixture<HTMLElement>('<section lang="en-GB"><div></div></section>');
    const root = wrapper.querySelector('div')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>';
    const el = root.querySelector('synpunkt-form')!;
    await el.updateComplete;
    expect(document.documentElement.lang).not.to.match(/^en/);
    expect(text(el)).to.contain('Write your feedback');
    expect($(el, '.root').getAttribute('lang')).to.equal('en');
    wrapper.lang = 'sv';
    await waitUntil(() => text(el).includes('Skriv din synpunkt'), 'Swedish after the change');
  });
});

describe('the draft', () => {
  it('keeps the last words typed when the page is left at once (pagehide), before the save delay', async () => {
    const el = await snippet();
    await fill(el, 'f-message', 'Skrivet precis innan sidan laddades om.');
    window.dispatchEvent(new Event('pagehide'));
    expect(sessionStorage.getItem(DRAFT_KEY)).to.contain('Skrivet precis innan sidan laddades om.');
  });

  it('survives re-creating the element in the same tab, and is cleared after sending', async () => {
    const first = await snippet();
    await clickLabel(first, 'f-kind-suggestion');
    await fill(first, 'f-message', 'Fler bänkar i parken.');
    await clickLabel(first, 'f-replyWanted');
    await fill(first, 'f-name', 'Bo');
    await waitUntil(() => sessionStorage.getItem(DRAFT_KEY) !== null, 'draft saved');
    expect(localStorage.length).to.equal(0);
    fixtureCleanup();

    const second = await snippet();
    expect($<HTMLTextAreaElement>(second, '#f-message').value).to.equal('Fler bänkar i parken.');
    expect($<HTMLInputElement>(second, '#f-kind-suggestion').checked).to.equal(true);
    expect($<HTMLInputElement>(second, '#f-name').value).to.equal('Bo');
    await expect(second).to.be.accessible();

    await fill(second, 'f-area', 'skola');
    await fill(second, 'f-email', 'bo@example.org');
    const success = oneEvent(second, 'synpunkt-success');
    await send(second);
    await success;
    expect(sessionStorage.getItem(DRAFT_KEY)).to.equal(null);
    fixtureCleanup();
    const third = await snippet();
    expect($<HTMLTextAreaElement>(third, '#f-message').value).to.equal('');
  });

  it('keeps no contact details in the tab that the person chose not to send', async () => {
    const first = await snippet();
    await fill(first, 'f-message', 'Lampan vid busshållplatsen är trasig.');
    await clickLabel(first, 'f-replyWanted');
    await fill(first, 'f-name', 'Anna Andersson');
    await fill(first, 'f-email', 'anna@example.org');
    await clickLabel(first, 'f-via-phone');
    await fill(first, 'f-phone', '070-123 45 67');
    window.dispatchEvent(new Event('pagehide'));
    // Answer by phone: the e-mail address typed first is not kept.
    expect(sessionStorage.getItem(DRAFT_KEY)).to.contain('070-123 45 67');
    expect(sessionStorage.getItem(DRAFT_KEY)).to.not.contain('anna@example.org');
    // No answer: nothing of the person is kept.
    await clickLabel(first, 'f-replyWanted-no');
    window.dispatchEvent(new Event('pagehide'));
    const stored = sessionStorage.getItem(DRAFT_KEY)!;
    for (const detail of ['Anna', 'anna@example.org', '070-123 45 67']) {
      expect(stored).to.not.contain(detail);
    }
    expect(stored).to.contain('Lampan vid busshållplatsen');
    // The form still holds them while the page is open, should the person change their mind.
    await clickLabel(first, 'f-replyWanted');
    expect($<HTMLInputElement>(first, '#f-name').value).to.equal('Anna Andersson');
    expect($<HTMLInputElement>(first, '#f-phone').value).to.equal('070-123 45 67');
    await clickLabel(first, 'f-replyWanted-no');
    window.dispatchEvent(new Event('pagehide'));
    fixtureCleanup();
    const second = await snippet();
    expect($<HTMLInputElement>(second, '#f-replyWanted-no').checked).to.equal(true);
    await clickLabel(second, 'f-replyWanted');
    expect($<HTMLInputElement>(second, '#f-name').value).to.equal('');
  });

  it('two forms on one page without an id keep a draft each', async () => {
    await ensureDefined();
    // A form with an id before them has a key of its own and does not move theirs.
    const page = `<div>
      <synpunkt-form id="personal" endpoint="/api/synpunkter"></synpunkt-form>
      <synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>
      <synpunkt-form endpoint="/api/synpunkter"></synpunkt-form>
    </div>`;
    const forms = async () => {
      const wrapper = await fixture<HTMLElement>(page);
      const both = [...wrapper.querySelectorAll<SynpunktForm>('synpunkt-form:not([id])')];
      await Promise.all(both.map((form) => form.updateComplete));
      return both;
    };
    const [a, b] = await forms();
    await fill(a!, 'f-message', 'Den första synpunkten.');
    await fill(b!, 'f-message', 'Den andra synpunkten.');
    fixtureCleanup();
    const [a2, b2] = await forms();
    expect($<HTMLTextAreaElement>(a2!, '#f-message').value).to.equal('Den första synpunkten.');
    expect($<HTMLTextAreaElement>(b2!, '#f-message').value).to.equal('Den andra synpunkten.');
    // The first id-less form keeps the key a single form has always had.
    expect(sessionStorage.getItem(DRAFT_KEY)).to.contain('Den första synpunkten.');
  });

  describe('on another page (its path changed with history.replaceState)', () => {
    const here = location.pathname;
    afterEach(() => history.replaceState(null, '', here));
    /** Leaves this page (the draft is saved at once) and opens `path` in the same tab. */
    const goTo = (path: string) => {
      window.dispatchEvent(new Event('pagehide'));
      fixtureCleanup();
      history.replaceState(null, '', path);
    };

    it('with the same draft-key, follows the person from the Swedish page to the English one and back', async () => {
      history.replaceState(null, '', '/kontakt/synpunkter');
      const sv = await snippet({ 'draft-key': 'synpunkt', lang: 'sv' });
      await clickLabel(sv, 'f-kind-suggestion');
      await fill(sv, 'f-area', 'skola');
      await fill(sv, 'f-message', 'Fler bänkar vid skolan.');

      goTo('/en/feedback');
      const en = await snippet({ 'draft-key': 'synpunkt', lang: 'en' });
      expect(text(en)).to.contain('Write your feedback');
      expect($<HTMLTextAreaElement>(en, '#f-message').value).to.equal('Fler bänkar vid skolan.');
      expect($<HTMLInputElement>(en, '#f-kind-suggestion').checked).to.equal(true);
      expect($<HTMLSelectElement>(en, '#f-area').value).to.equal('skola');
      await expect(en).to.be.accessible();
      await fill(en, 'f-message', 'Fler bänkar vid skolan. More benches, please.');

      goTo('/kontakt/synpunkter');
      const back = await snippet({ 'draft-key': 'synpunkt', lang: 'sv' });
      expect($<HTMLTextAreaElement>(back, '#f-message').value).to.equal(
        'Fler bänkar vid skolan. More benches, please.',
      );
      expect(localStorage.length).to.equal(0);
    });

    it('from the lättläst page to the standard one (same draft-key): the standard form, with what was chosen', async () => {
      history.replaceState(null, '', '/lattlast/synpunkter');
      const easy = await snippet({ 'draft-key': 'synpunkt', lattlast: true });
      expect(easy.mode).to.equal('lattlast');
      await clickLabel(easy, 'f-kind');
      await press(easy, 'Nästa');
      await clickLabel(easy, 'f-area');
      await press(easy, 'Nästa');
      await fill(easy, 'f-message', 'Bra hjälp på biblioteket.');

      goTo('/kontakt/synpunkter');
      const standard = await snippet({ 'draft-key': 'synpunkt' });
      expect(standard.mode, 'the page is the standard form').to.equal('standard');
      expect($<HTMLInputElement>(standard, '#f-kind').checked, 'beröm').to.equal(true);
      expect($<HTMLTextAreaElement>(standard, '#f-message').value).to.equal(
        'Bra hjälp på biblioteket.',
      );
      await expect(standard).to.be.accessible();

      goTo('/lattlast/synpunkter');
      const easyAgain = await snippet({ 'draft-key': 'synpunkt', lattlast: true });
      expect(easyAgain.mode).to.equal('lattlast');
      expect($<HTMLInputElement>(easyAgain, '#f-kind').checked).to.equal(true);
    });

    it('a retry on the English page of a send whose answer was lost on the Swedish one is the same submission: no conflict, no second case', async () => {
      history.replaceState(null, '', '/kontakt/synpunkter');
      const sv = await snippet({ 'draft-key': 'synpunkt', lang: 'sv' });
      await fillValid(sv);
      // Stored, but the answer is lost on the way: the retry must match it byte for byte.
      await setEndpoint('lost');
      expect((await sendAndFail(sv)).retryable).to.equal(true);

      goTo('/en/feedback');
      await setEndpoint('up');
      const en = await snippet({ 'draft-key': 'synpunkt', lang: 'en' });
      const success = oneEvent(en, 'synpunkt-success');
      const failed = oneEvent(en, 'synpunkt-error').then(() => 'failed');
      await send(en);
      const outcome = await Promise.race([success, failed]);
      expect(outcome, 'no 409 conflict').to.not.equal('failed');
      const records = await received();
      expect(records).to.have.length(1);
      expect((outcome as CustomEvent<{ id: string }>).detail.id).to.equal(records[0]!.body.id);
      expect(records[0]!.body.pageUrl).to.equal(`${location.origin}/kontakt/synpunkter`);
    });

    it('without draft-key, or with it on a different form, another page keeps its own draft', async () => {
      history.replaceState(null, '', '/kontakt/synpunkter');
      const sv = await snippet({ 'draft-key': 'synpunkt' });
      await fill(sv, 'f-message', 'Bara för det här formuläret.');

      goTo('/en/feedback');
      const plain = await snippet({ lang: 'en' });
      expect($<HTMLTextAreaElement>(plain, '#f-message').value, 'no draft-key').to.equal('');

      goTo('/intranat/registrera-synpunkt');
      const staff = await snippet({ 'draft-key': 'synpunkt', staff: true });
      expect($<HTMLTextAreaElement>(staff, '#f-message').value, 'staff').to.equal('');

      goTo('/skola/tyck-till');
      const other = await fixture<SynpunktForm>(
        '<synpunkt-form draft-key="synpunkt" endpoint="/api/annat"></synpunkt-form>',
      );
      await other.updateComplete;
      expect($<HTMLTextAreaElement>(other, '#f-message').value, 'endpoint').to.equal('');

      // The same form with its endpoint written in full still has the draft.
      goTo('/en/feedback');
      const full = await fixture<SynpunktForm>(
        `<synpunkt-form draft-key="synpunkt" lang="en" endpoint="${location.origin}/api/synpunkter"></synpunkt-form>`,
      );
      await full.updateComplete;
      expect($<HTMLTextAreaElement>(full, '#f-message').value).to.equal(
        'Bara för det här formuläret.',
      );
    });
  });

  it('keeps the submission id across a reload, so a retry after it makes no duplicate', async () => {
    const first = await snippet();
    await fillValid(first);
    await setEndpoint('down');
    await sendAndFail(first);
    const { attempt } = JSON.parse(sessionStorage.getItem(DRAFT_KEY)!) as {
      attempt: { id: string; submittedAt: string };
    };
    const id = attempt.id;
    fixtureCleanup();

    await setEndpoint('up');
    const second = await snippet();
    const success = oneEvent(second, 'synpunkt-success');
    await send(second);
    expect((await success).detail.id).to.equal(id);
    const records = await received();
    expect(records.map((r) => r.key)).to.deep.equal([id]);
    expect(records[0]!.body.submittedAt).to.equal(attempt.submittedAt);
  });

  it('a draft whose stored attempt is damaged sends as a new submission, not an error reloading cannot mend', async () => {
    // Another page on the origin (or a damaged storage) wrote the attempt: a reload restores it
    // again, so "ladda om sidan" would send the person round in circles.
    const values = { kind: 'suggestion', area: 'skola', message: 'Sparad.', replyWanted: 'no' };
    for (const attempt of [
      { id: 'inte-ett-id', submittedAt: 'igår' },
      { id: crypto.randomUUID(), submittedAt: new Date().toISOString(), pageUrl: 'javascript:1' },
    ]) {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ values, files: [], attempt }));
      const el = await snippet();
      const success = oneEvent(el, 'synpunkt-success');
      await send(el);
      const { id } = (await success).detail;
      expect(id).to.not.equal(attempt.id);
      expect((await received()).at(-1)!.body.pageUrl).to.equal(location.origin + location.pathname);
      fixtureCleanup();
    }
  });

  it('does not keep attached files, and says so after a reload', async () => {
    const first = await snippet();
    await pick(first, [png('foto.png')]);
    await waitUntil(() => $$(first, '.files li').length === 1);
    await fill(first, 'f-message', 'Se bilden.');
    await waitUntil(() => sessionStorage.getItem(DRAFT_KEY)?.includes('foto.png') === true);
    expect(sessionStorage.getItem(DRAFT_KEY)).to.not.contain('iVBOR');
    fixtureCleanup();
    const second = await snippet();
    expect(text(second)).to.contain('Lägg till dem igen: foto.png.');
    await expect(second).to.be.accessible();
  });

  it('draft-storage="none" stores nothing', async () => {
    const el = await snippet({ 'draft-storage': 'none' });
    await fill(el, 'f-message', 'Hemligt');
    await aTimeout(400);
    expect(sessionStorage.length).to.equal(0);
  });
});
