import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axe, describeFindings } from './support/axe.js';
import { startHarness, type Harness } from './support/browser.js';
import { LANGS, MODES, WALKS } from './support/states.js';

// axe-core (WCAG 2.0–2.2 A and AA, and best practice) on the built bundle in a real page with a
// strict CSP, in every state a user reaches, in each mode and language. Also staff mode.

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

for (const mode of MODES) {
  for (const lang of LANGS) {
    describe(`axe: ${mode}, ${lang}`, () => {
      it('has zero violations in every state (empty, errors, reply, files, sending, failed, receipt)', async () => {
        const context = await harness.context();
        try {
          const page = await harness.open(context, { mode, lang });
          const failures: string[] = [];
          for (const state of WALKS[mode]) {
            await state.reach(page, harness.server);
            const findings = await axe(page);
            if (findings.length > 0)
              failures.push(`${state.name}:\n  ${describeFindings(findings)}`);
          }
          assert.equal(failures.join('\n'), '', 'axe found violations');
        } finally {
          await context.close();
        }
      });
    });
  }
}

describe('axe: staff mode', () => {
  for (const lang of LANGS) {
    it(`has zero violations, empty and with errors (${lang})`, async () => {
      const context = await harness.context();
      try {
        const page = await harness.open(context, { lang, staff: true });
        const failures: string[] = [];
        for (const state of WALKS.standard.slice(0, 2)) {
          await state.reach(page, harness.server);
          const findings = await axe(page);
          if (findings.length > 0) failures.push(`${state.name}:\n  ${describeFindings(findings)}`);
        }
        assert.equal(failures.join('\n'), '', 'axe found violations');
      } finally {
        await context.close();
      }
    });
  }
});
