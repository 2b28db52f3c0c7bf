import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/browser.js';
import type { FormMode, Lang } from './support/server.js';
import { LANGS, MODES, toMessage, WALKS } from './support/states.js';

// Status messages (WCAG 4.1.3): the character count, "Skickar…", sent and failed reach screen
// readers through a polite live region, without flooding it. Changes are counted with a
// MutationObserver on the form's shadow root.

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

const TEXTS: Record<
  Lang,
  { near: RegExp; count: RegExp; sending: string; failed: string; sent: RegExp }
> = {
  sv: {
    near: /^9 000 av 10 000 tecken$/,
    count: /^9 200 av 10 000 tecken$/,
    sending: 'Skickar…',
    failed: 'Synpunkten skickades inte',
    // The number only: the heading "Tack för din synpunkt!" takes focus and is read then.
    sent: /^(Ditt ärendenummer|Numret på din synpunkt): TEST-2026-\d{6}$/,
  },
  en: {
    near: /^9,000 of 10,000 characters$/,
    count: /^9,200 of 10,000 characters$/,
    sending: 'Sending…',
    failed: 'Your feedback was not sent',
    sent: /^(Your case number|Your feedback number): TEST-2026-\d{6}$/,
  },
};

/** The polite live regions of the form, with their text. */
const regions = (page: Page) => page.evaluate(() => globalThis.__a11y.liveRegions());
const log = (page: Page) => page.evaluate(() => globalThis.__a11y.liveLog());

/** Waits until the live region says something matching. */
async function announced(page: Page, text: string | RegExp): Promise<void> {
  const source =
    typeof text === 'string' ? `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : text.source;
  await page.waitForFunction(
    (pattern) =>
      globalThis.__a11y.liveRegions().some((region) => new RegExp(pattern).test(region.text)),
    source,
  );
}

async function open(mode: FormMode, lang: Lang): Promise<Page> {
  const context = await harness.context();
  return harness.open(context, { mode, lang });
}

for (const mode of MODES) {
  describe(`status messages: ${mode}`, () => {
    it('there is one polite live region, present (and empty) from the start', async () => {
      const page = await open(mode, 'sv');
      try {
        const live = await regions(page);
        assert.equal(live.length, 1, `live regions: ${JSON.stringify(live)}`);
        assert.equal(live[0]!.live, 'polite');
        assert.equal(live[0]!.role, 'status');
        assert.equal(live[0]!.text, '');
      } finally {
        await page.context().close();
      }
    });

    for (const lang of LANGS) {
      it(`the count is read out only near the limit, and typing 200 characters there announces it once or twice, not 200 times (${lang})`, async () => {
        const page = await open(mode, lang);
        try {
          await toMessage(page, mode, harness.server);
          const message = page.locator('synpunkt-form #f-message');
          await message.focus();
          await page.evaluate(() => globalThis.__a11y.watchLive());
          // Far below the limit: nothing, also after the pause in typing.
          await page.keyboard.type('a'.repeat(200));
          await page.waitForTimeout(1_500);
          const far = (await log(page)).filter((change) => change.text !== '');
          assert.deepEqual(far, [], `said far below the limit: ${JSON.stringify(far)}`);

          // 1 000 characters left: said when it gets there, then after pauses.
          await message.fill('a'.repeat(9_000));
          await announced(page, TEXTS[lang].near);
          await page.evaluate(() => globalThis.__a11y.watchLive());
          await page.keyboard.press('Control+End');
          await page.keyboard.type('a'.repeat(200));
          await announced(page, TEXTS[lang].count);
          const changes = (await log(page)).filter((change) => change.text !== '');
          assert.ok(
            changes.length <= 3,
            `the live region changed ${changes.length} times: ${JSON.stringify(changes)}`,
          );
          assert.ok(changes.every((change) => change.live === 'polite'));
        } finally {
          await page.context().close();
        }
      });

      it(`sending, failed and sent are announced politely (${lang})`, async () => {
        const page = await open(mode, lang);
        try {
          const walk = WALKS[mode];
          const at = (name: string) => walk.findIndex((state) => state.name === name);
          for (const state of walk.slice(0, at('sending'))) await state.reach(page, harness.server);
          await page.evaluate(() => globalThis.__a11y.watchLive());
          await walk[at('sending')]!.reach(page, harness.server);
          await announced(page, TEXTS[lang].sending);
          await walk[at('failed')]!.reach(page, harness.server);
          await announced(page, TEXTS[lang].failed);
          await walk[at('receipt')]!.reach(page, harness.server);
          await announced(page, TEXTS[lang].sent);
          const said = (await log(page)).map((change) => change.text).filter(Boolean);
          assert.ok(said.includes(TEXTS[lang].sending), JSON.stringify(said));
          assert.ok(said.includes(TEXTS[lang].failed), JSON.stringify(said));
          assert.ok(
            said.some((text) => TEXTS[lang].sent.test(text)),
            JSON.stringify(said),
          );
          assert.ok((await log(page)).every((change) => change.live === 'polite'));
          // Calm: a handful of messages for the whole send, failure and retry.
          assert.ok(said.length <= 8, `too many announcements: ${JSON.stringify(said)}`);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}
