import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/browser.js';
import { checkFocus, focusIs, press, tabTo } from './support/keyboard.js';
import type { FormMode, Lang, PageOptions } from './support/server.js';
import { LANGS, MODES, openGate, PNG, SUBMIT, toMessage, WALKS } from './support/states.js';

// Keyboard only (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11, 2.4.13) and focus management (2.4.3,
// 3.2.1, 3.2.2, 3.3.1): the whole form is filled in and sent with key presses alone, never a
// click or fill, and at every stop the focus indicator is checked.

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());
beforeEach(() => harness.server.endpoint.reset());

const MESSAGE = 'Gungan på skolgården har varit trasig i tre veckor.';

/** Whatever the mode: fill in a complaint about "skola", with a reply by e-mail, and send. */
type KeyboardWalk = (page: Page, problems: string[]) => Promise<void>;

const standard: KeyboardWalk = async (page, problems) => {
  await tabTo(page, '#f-kind', problems);
  // Arrows move through a radio group and choose: Beröm → Förslag → Klagomål.
  await press(page, 'ArrowDown', problems);
  await press(page, 'ArrowDown', problems);
  assert.ok(await focusIs(page, '#f-kind-complaint:checked'), 'arrows did not choose Klagomål');
  await tabTo(page, '#f-area', problems);
  // On a closed select the arrows change the choice: Välj → Äldreomsorg → Förskola och skola.
  await press(page, 'ArrowDown', problems);
  await press(page, 'ArrowDown', problems);
  await tabTo(page, '#f-message', problems);
  await page.keyboard.type(MESSAGE);
  await tabTo(page, '#f-place', problems); // through the date's day, month and year
  await page.keyboard.type('Skolgården');
  await tabTo(page, '#f-message', problems, 'Shift+Tab'); // back, and forward again
  await tabTo(page, '#f-replyWanted', problems); // past the file picker
  await press(page, 'Space', problems);
  assert.ok(await focusIs(page, '#f-replyWanted:checked'), 'Space did not choose "Ja"');
  await tabTo(page, '#f-name', problems);
  await page.keyboard.type('Anna Andersson');
  await tabTo(page, '#f-via:checked', problems); // E-post is chosen already
  await tabTo(page, '#f-email', problems);
  await page.keyboard.type('anna@example.org');
  await tabTo(page, 'button.send', problems);
  await page.keyboard.press('Enter');
};

/** After "Nästa" or "Tillbaka": focus is on the new step's heading, which says which step. */
async function onStep(page: Page, step: number, problems: string[]): Promise<void> {
  await page.waitForFunction((n) => {
    const active = globalThis.__a11y.deepActive();
    return active?.id === 'll-heading' && new RegExp(`^\\D*${n}\\D`).test(active.textContent ?? '');
  }, step);
  const problem = await checkFocus(page);
  if (problem) problems.push(problem);
}

const LL_NEXT = SUBMIT.lattlast;

/** Lättläst: step by step, "Nästa" each time; focus goes to each step's heading. */
const lattlast: KeyboardWalk = async (page, problems) => {
  await tabTo(page, '#f-kind', problems);
  await press(page, 'ArrowDown', problems);
  await press(page, 'ArrowDown', problems);
  assert.ok(await focusIs(page, '#f-kind-complaint:checked'), 'arrows did not choose Klagomål');
  await tabTo(page, LL_NEXT, problems);
  await press(page, 'Enter', problems);
  await onStep(page, 2, problems);
  await tabTo(page, '#f-area', problems);
  await press(page, 'ArrowDown', problems); // Äldreomsorg → Förskola och skola
  assert.ok(await focusIs(page, '#f-area-skola:checked'), 'the arrow did not choose skola');
  await tabTo(page, LL_NEXT, problems);
  await press(page, 'Enter', problems);
  await onStep(page, 3, problems);
  await tabTo(page, '#f-message', problems);
  await page.keyboard.type(MESSAGE);
  await tabTo(page, LL_NEXT, problems);
  await press(page, 'Enter', problems);
  await onStep(page, 4, problems);
  await tabTo(page, '#f-replyWanted', problems);
  await press(page, 'Space', problems);
  await tabTo(page, '#f-name', problems);
  await page.keyboard.type('Anna Andersson');
  await tabTo(page, '#f-via:checked', problems);
  await tabTo(page, '#f-email', problems);
  await page.keyboard.type('anna@example.org');
  await tabTo(page, LL_NEXT, problems);
  await press(page, 'Enter', problems);
  await onStep(page, 5, problems); // the read-back
  await tabTo(page, LL_NEXT, problems); // past each "Ändra", the link and "Tillbaka"
  await tabTo(page, 'button.secondary', problems, 'Shift+Tab'); // "Tillbaka", and forward again
  await tabTo(page, LL_NEXT, problems);
  await page.keyboard.press('Enter'); // "Skicka"
};

/** The keyboard walk of each mode. */
const WALK: Record<FormMode, KeyboardWalk> = { standard, lattlast };

async function open(mode: FormMode, lang: Lang, theme: Theme = 'light'): Promise<Page> {
  const context = await harness.context();
  return harness.open(context, { mode, lang, theme });
}

type Theme = NonNullable<PageOptions['theme']>;

/** Both languages on an ordinary page, and Swedish on a site with a dark theme. */
const PAGES: readonly { lang: Lang; theme: Theme; title: string }[] = [
  ...LANGS.map((lang) => ({ lang, theme: 'light' as const, title: lang })),
  { lang: 'sv', theme: 'dark', title: 'sv, on a site with a dark theme' },
];

for (const mode of MODES) {
  describe(`keyboard only: ${mode}`, () => {
    for (const { lang, theme, title } of PAGES) {
      it(`fills in and sends the whole form with keys alone; focus always visible (${title})`, async () => {
        const page = await open(mode, lang, theme);
        try {
          const problems: string[] = [];
          await WALK[mode](page, problems);
          await page.waitForFunction(
            () => globalThis.__a11y.deepActive()?.id === 'receipt-heading',
          );
          const received = harness.server.endpoint.received() as {
            body: Record<string, unknown>;
          }[];
          assert.equal(received.length, 1, 'the endpoint got nothing');
          const body = received[0]!.body;
          assert.equal(body.kind, 'complaint');
          assert.equal(body.area, 'skola');
          assert.equal(body.message, MESSAGE);
          assert.deepEqual(body.reply, {
            wanted: true,
            name: 'Anna Andersson',
            via: 'email',
            email: 'anna@example.org',
          });
          assert.deepEqual(problems, [], 'focus could not be seen at some stops');
          // Sending another starts over, from the keyboard too (past "Lyssna" in lättläst).
          await tabTo(page, 'button.another', problems);
          await press(page, 'Enter', problems);
          await page.waitForFunction(() => !globalThis.__a11y.deepActive()?.closest('.receipt'));
          assert.ok(await focusIs(page, 'input, select, h2'), 'focus is lost after "send another"');
          assert.deepEqual(problems, []);
        } finally {
          await page.context().close();
        }
      });
    }
  });

  describe(`focus management: ${mode}`, () => {
    it('a failed check moves focus to the error summary; its links move focus to the field', async () => {
      const page = await open(mode, 'sv');
      try {
        const problems: string[] = [];
        await tabTo(page, SUBMIT[mode], problems);
        await press(page, 'Enter', problems);
        await page.waitForFunction(() => globalThis.__a11y.deepActive()?.id === 'error-summary');
        await tabTo(page, '#error-summary a', problems);
        await press(page, 'Enter', problems);
        assert.ok(await focusIs(page, '#f-kind'), 'the first link did not move focus to Beröm');
        await tabTo(page, SUBMIT[mode], problems); // the form goes on from the field
        assert.deepEqual(problems, []);
      } finally {
        await page.context().close();
      }
    });

    it('failure moves focus to "Försök igen" inside the message; success to the receipt heading', async () => {
      const page = await open(mode, 'sv');
      try {
        const walk = WALKS[mode];
        const at = (name: string) => walk.findIndex((state) => state.name === name);
        for (const state of walk.slice(0, at('failed') + 1))
          await state.reach(page, harness.server);
        await page.waitForFunction(() => globalThis.__a11y.deepActive()?.id === 'retry');
        assert.ok(await focusIs(page, '#failure #retry'));
        openGate(page);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => globalThis.__a11y.deepActive()?.id === 'receipt-heading');
        assert.equal(await checkFocus(page), '', 'the focused heading shows no focus');
      } finally {
        await page.context().close();
      }
    });

    it('nothing takes focus while typing: draft saving and the count announcer run meanwhile', async () => {
      const page = await open(mode, 'sv');
      try {
        await toMessage(page, mode, harness.server);
        // Near the limit, where the count is read out while typing (far below it, it is not).
        const before = 'a'.repeat(9_000);
        await page.locator('synpunkt-form #f-message').fill(before);
        await page.locator('synpunkt-form #f-message').focus();
        await page.keyboard.press('Control+End');
        await page.evaluate(() => globalThis.__a11y.watchFocus());
        let typed = before;
        for (const part of [
          'Lampan vid busshållplatsen ',
          'på Storgatan har varit ',
          'trasig länge.',
        ]) {
          await page.keyboard.type(part);
          typed += part;
          // Wait until the draft is saved and this count read out: both timers have run.
          const count = `${new Intl.NumberFormat('sv-SE').format(typed.length)} av 10 000 tecken`;
          await page.waitForFunction(
            ([text, said]) =>
              Object.values(sessionStorage).some((value) => value.includes(text.trim())) &&
              globalThis.__a11y.liveRegions().some((region) => region.text === said),
            [part, count.replace(/\s/g, ' ')] as const,
          );
        }
        const log = await page.evaluate(() => globalThis.__a11y.focusLog());
        assert.deepEqual(log, [log[0]], `focus moved while typing: ${log.join(' → ')}`);
        assert.ok(await focusIs(page, '#f-message'));
        const value = await page.evaluate(
          () => (globalThis.__a11y.deepActive() as HTMLTextAreaElement).value,
        );
        assert.equal(
          value,
          `${before}Lampan vid busshållplatsen på Storgatan har varit trasig länge.`,
        );
      } finally {
        await page.context().close();
      }
    });
  });
}

describe('keyboard only: the file picker', () => {
  const WORDS: Record<Lang, [choose: string, more: string]> = {
    sv: ['Välj filer', 'Lägg till fler filer'],
    en: ['Choose files', 'Add more files'],
  };
  for (const lang of LANGS) {
    it(`one Tab stop in the form's words; Enter and Space open the file dialog (${lang})`, async () => {
      const page = await open('standard', lang);
      try {
        const problems: string[] = [];
        const picker = page.locator('synpunkt-form #f-attachments');
        // Playwright takes the system's dialog over only once it is listened for, a moment
        // after: listened for from here on, the key presses below come well after.
        page.on('filechooser', () => {});
        await tabTo(page, '#f-place', problems);
        // The next stop is the picker's button, and the one after is the next question: the
        // hidden input is no stop of its own.
        await press(page, 'Tab', problems);
        assert.ok(await focusIs(page, 'button#f-attachments'), 'Tab did not reach the picker');
        assert.equal((await picker.textContent())?.trim(), WORDS[lang][0]);
        for (const [key, name] of [
          ['Enter', 'lekplats.png'],
          ['Space', 'gunga.png'],
        ] as const) {
          const dialog = page.waitForEvent('filechooser');
          await press(page, key, problems);
          const chooser = await dialog;
          assert.ok(chooser.isMultiple(), 'the dialog takes one file only');
          await chooser.setFiles([
            { name, mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.from(name)]) },
          ]);
          await page.locator('synpunkt-form .files li', { hasText: name }).waitFor();
          // Focus stays on the button, which now says files can be added to those listed.
          assert.ok(
            await focusIs(page, 'button#f-attachments'),
            `focus left the picker after ${key}`,
          );
          assert.equal((await picker.textContent())?.trim(), WORDS[lang][1]);
        }
        assert.equal(await page.locator('synpunkt-form .files li').count(), 2);
        await tabTo(page, '.files li button', problems); // each file's remove button, then on
        await tabTo(page, '#f-replyWanted', problems);
        await tabTo(page, '#f-attachments', problems, 'Shift+Tab');
        assert.deepEqual(problems, [], 'focus could not be seen at some stops');
      } finally {
        await page.context().close();
      }
    });
  }
});
