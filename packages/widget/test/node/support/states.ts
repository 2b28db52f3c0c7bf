// The states a user can reach, per mode, as one walk: each step starts where the previous one
// ended, so one page visits them all (fast, and the way a person moves through the form).
// Driven with the pointer (click, fill): the keyboard-only test drives its own walk.
import type { Page, Route } from 'playwright-core';
import type { FormMode, Lang, TestServer } from './server.js';

/** The modes the tests cover. Lättläst joins with one more entry here. */
export const MODES: readonly FormMode[] = ['standard', 'lattlast'];
/** The languages the tests cover. */
export const LANGS: readonly Lang[] = ['sv', 'en'];

/** One state of the form and how to get there from the previous one. */
export interface State {
  /** A short name for test titles: `empty`, `errors`, `failed`, … */
  name: string;
  /** Moves the page from the previous state into this one and waits until it shows. */
  reach(page: Page, server: TestServer): Promise<void>;
}

/** A test PNG (1 × 1). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** What happens to requests to the endpoint: held (sending), refused (failed) or let through. */
interface Gate {
  mode: 'hold' | 'down' | 'pass';
  held: Route[];
}
const gates = new WeakMap<Page, Gate>();

const shadow = (page: Page, selector: string) => page.locator(`synpunkt-form ${selector}`);

/** The standard one-page form: every state, in an order a person can follow. */
const standard: State[] = [
  { name: 'empty', reach: async () => {} },
  {
    name: 'errors',
    reach: async (page) => {
      await shadow(page, 'button.send').click();
      await shadow(page, '#error-summary').waitFor();
    },
  },
  {
    name: 'reply by e-mail, with errors left',
    reach: async (page) => {
      await shadow(page, '#f-kind-complaint').check();
      await shadow(page, '#f-replyWanted').check();
      await shadow(page, '#f-name').fill('Anna Andersson');
      await shadow(page, '#f-email').fill('anna@');
      await shadow(page, 'button.send').click();
      await shadow(page, '#f-email-error').waitFor();
    },
  },
  {
    name: 'reply by letter',
    reach: async (page) => {
      await shadow(page, '#f-area').selectOption('skola');
      await shadow(page, '#f-message').fill('Gungan på skolgården har varit trasig i tre veckor.');
      await shadow(page, '#f-via-letter').check();
      await shadow(page, '#f-street').fill('Storgatan 1');
      await shadow(page, '#f-postalCode').fill('123 45');
      await shadow(page, '#f-city').fill('Exempelby');
      await shadow(page, '#f-city').blur();
      await shadow(page, '#error-summary').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'files added and refused',
    reach: async (page) => {
      // "Välj filer" opens the system's file dialog, where the files are chosen.
      const [dialog] = await Promise.all([
        page.waitForEvent('filechooser'),
        shadow(page, '#f-attachments').click(),
      ]);
      await dialog.setFiles([
        { name: 'lekplats.png', mimeType: 'image/png', buffer: PNG },
        { name: 'brev.txt', mimeType: 'text/plain', buffer: Buffer.from('hej') },
      ]);
      await shadow(page, '#f-attachments-refused').waitFor();
      await shadow(page, '.files li').first().waitFor();
    },
  },
  ...sendingToReceipt('button.send'),
];

/** Lets requests held or refused by the `sending` and `failed` states through to the endpoint. */
export function openGate(page: Page): void {
  const gate = gates.get(page);
  if (gate) gate.mode = 'pass';
}

/** Sending (the request held), failed (the server down) and the receipt (after "Försök igen"). */
function sendingToReceipt(submit: string): State[] {
  return [
    {
      name: 'sending',
      reach: async (page) => {
        const gate: Gate = { mode: 'hold', held: [] };
        gates.set(page, gate);
        await page.route('**/api/synpunkter', (route) => {
          if (gate.mode === 'hold') gate.held.push(route);
          else if (gate.mode === 'down') void unavailable(route);
          else void route.fallback();
        });
        await shadow(page, submit).click();
        await shadow(page, `${submit}[aria-busy="true"]`).waitFor();
      },
    },
    {
      name: 'failed',
      reach: async (page) => {
        // The held request and the adapter's retries all meet a server that is down.
        const gate = gates.get(page)!;
        gate.mode = 'down';
        for (const route of gate.held.splice(0)) await unavailable(route);
        await shadow(page, '#failure').waitFor({ timeout: 20_000 });
      },
    },
    {
      name: 'receipt',
      reach: async (page) => {
        openGate(page);
        await shadow(page, '#retry').click();
        await shadow(page, '#receipt-heading').waitFor({ timeout: 20_000 });
      },
    },
  ];
}

/** A 503 with no Retry-After: the adapter retries briefly, then reports a retryable failure. */
const unavailable = (route: Route) =>
  route.fulfill({
    status: 503,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'Down for the test', status: 503 }),
  });

/** Clicks the label of a choice (lättläst's cards lay the label over the radio). */
const choose = (page: Page, id: string) => shadow(page, `label[for="${id}"]`).click();
const next = (page: Page) => shadow(page, 'form.steps button[type="submit"]').click();
const heading = (page: Page, step: number) =>
  page.waitForFunction(
    (n) =>
      new RegExp(`^\\D*${n}\\D`).test(
        document.querySelector('synpunkt-form')?.shadowRoot?.querySelector('#ll-heading')
          ?.textContent ?? '',
      ),
    step,
  );

/** Lättläst: one question per step, then the read-back, then the same sending states. */
const lattlast: State[] = [
  { name: 'step 1: kind', reach: async () => {} },
  {
    name: 'errors on step 1',
    reach: async (page) => {
      await next(page);
      await shadow(page, '#error-summary').waitFor();
    },
  },
  {
    name: 'step 2: area',
    reach: async (page) => {
      await choose(page, 'f-kind-complaint');
      await next(page);
      await heading(page, 2);
    },
  },
  {
    name: 'step 3: message',
    reach: async (page) => {
      await choose(page, 'f-area-skola');
      await next(page);
      await heading(page, 3);
    },
  },
  {
    name: 'step 4: reply by letter',
    reach: async (page) => {
      await shadow(page, '#f-message').fill('Gungan på skolgården har varit trasig i tre veckor.');
      await next(page);
      await heading(page, 4);
      await choose(page, 'f-replyWanted');
      await shadow(page, '#f-name').fill('Anna Andersson');
      await choose(page, 'f-via-letter');
      await shadow(page, '#f-street').fill('Storgatan 1');
      await shadow(page, '#f-postalCode').fill('123 45');
      await shadow(page, '#f-city').fill('Exempelby');
    },
  },
  {
    name: 'step 5: read-back',
    reach: async (page) => {
      await next(page);
      await heading(page, 5);
    },
  },
  ...sendingToReceipt('form.steps button[type="submit"]'),
];

/** The walk for each mode. */
export const WALKS: Record<FormMode, State[]> = { standard, lattlast };

/** The send button (standard) or the step's submit button (lättläst: "Nästa", "Skicka"). */
export const SUBMIT: Record<FormMode, string> = {
  standard: 'button.send',
  lattlast: 'form.steps button[type="submit"]',
};

/** Takes a fresh page of this mode to where the message is written. */
export async function toMessage(page: Page, mode: FormMode, server: TestServer): Promise<void> {
  const walk = WALKS[mode];
  const stop = walk.findIndex((state) => /message/.test(state.name));
  for (const state of walk.slice(0, stop + 1)) await state.reach(page, server);
}

/** Page options for a mode and language. */
export const pageOf = (mode: FormMode, lang: Lang) => ({ mode, lang });
