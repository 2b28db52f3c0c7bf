import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './support/browser.js';
import {
  backdrop,
  contrast,
  parseColor,
  ratio,
  requiredTextContrast,
  seenOn,
  textContrast,
} from './support/contrast.js';
import type { Layer } from './support/in-page.js';
import type { FormMode, PageOptions } from './support/server.js';
import { LANGS, MODES, WALKS } from './support/states.js';

// Contrast with the default theme (WCAG 1.4.3 text, 1.4.11 non-text): every text against what
// is really behind it (walking out through the shadow root to the page), every control's
// boundary against the background next to it, in every state. Focus indicators are measured at
// every Tab stop in a11y-keyboard.test.ts.

const layer = (background: string, opacity = 1): Layer => ({
  background,
  opacity,
  image: false,
  what: 'test',
});

describe('contrast arithmetic (WCAG relative luminance)', () => {
  it('gives the known ratios: black on white 21:1, #767676 on white 4.54:1, equal colours 1:1', () => {
    const white = parseColor('rgb(255, 255, 255)');
    assert.equal(contrast(parseColor('rgb(0, 0, 0)'), white).toFixed(2), '21.00');
    assert.equal(contrast(parseColor('rgb(118, 118, 118)'), white).toFixed(2), '4.54');
    assert.equal(contrast(white, white), 1);
  });

  it('reads rgb(), rgba(), color(srgb) and transparent, and refuses what it cannot read', () => {
    assert.deepEqual(parseColor('rgba(11, 83, 148, 0.5)'), { r: 11, g: 83, b: 148, a: 0.5 });
    assert.deepEqual(parseColor('rgb(11 83 148 / 50%)'), { r: 11, g: 83, b: 148, a: 0.5 });
    assert.deepEqual(parseColor('color(srgb 1 0 0)'), { r: 255, g: 0, b: 0, a: 1 });
    assert.equal(parseColor('transparent').a, 0);
    assert.throws(() => parseColor('oklch(0.5 0.1 200)'), /Cannot read the colour/);
  });

  it('finds the background behind transparent layers, with opacity, down to the white page', () => {
    // Transparent element on a grey box on a white page: grey.
    const grey = backdrop([
      layer('rgba(0, 0, 0, 0)'),
      layer('rgb(243, 243, 243)'),
      layer('rgba(0, 0, 0, 0)'),
    ]);
    assert.deepEqual(grey, { r: 243, g: 243, b: 243, a: 1 });
    // Black text at opacity 0.5 on white is mid-grey: about 4:1, not 21:1.
    const faded = textContrast('rgb(0, 0, 0)', [layer('rgba(0, 0, 0, 0)', 0.5)]);
    assert.equal(ratio(faded), '3.98:1');
    assert.equal(seenOn('rgba(0, 0, 0, 0.5)', [layer('rgb(255, 255, 255)')]).r, 127.5);
  });

  it('asks 4.5:1 of body text and 3:1 of large text (24 px, or 18.66 px bold)', () => {
    assert.equal(requiredTextContrast(16, 400), 4.5);
    assert.equal(requiredTextContrast(20, 600), 4.5);
    assert.equal(requiredTextContrast(19, 700), 3);
    assert.equal(requiredTextContrast(24, 400), 3);
  });
});

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

/** Every text below its required contrast. */
async function textProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const text of await page.evaluate(() => globalThis.__a11y.texts())) {
    const value = textContrast(text.color, text.layers);
    const need = requiredTextContrast(text.fontSize, text.fontWeight);
    if (value < need) {
      problems.push(
        `${text.what}: ${ratio(value)} < ${need}:1 (${text.color} on ${JSON.stringify(backdrop(text.layers))})`,
      );
    }
  }
  return problems;
}

/** Every control whose boundary (border, or a checked radio's colour) is below 3:1. */
async function boundaryProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const control of await page.evaluate(() => globalThis.__a11y.controls())) {
    const behind = control.layers.slice(1);
    const ground = backdrop(behind);
    if (control.type === 'radio' || control.type === 'checkbox') {
      // Native radios: the ring and dot take `accent-color` when checked, a dark grey ring
      // (Chromium's #767676, 4.54:1 on white) when not.
      const value = contrast(seenOn(control.accentColor, behind), ground);
      if (value < 3) problems.push(`${control.what}: accent ${ratio(value)} < 3:1`);
      continue;
    }
    const border = contrast(seenOn(control.borderColor, behind), ground);
    const fill = contrast(seenOn(control.background, behind), ground);
    // A boundary is visible if the border or the filled shape stands out from its surroundings.
    if (Math.max(border, fill) < 3) {
      problems.push(`${control.what}: border ${ratio(border)}, fill ${ratio(fill)} < 3:1`);
    }
  }
  return problems;
}

/** Every contrast problem on the way through every state of `mode`, on the page `options` give. */
async function walkProblems(options: PageOptions & { mode: FormMode }): Promise<string[]> {
  const context = await harness.context();
  try {
    const page = await harness.open(context, options);
    const problems: string[] = [];
    let texts = 0;
    for (const state of WALKS[options.mode]) {
      await state.reach(page, harness.server);
      texts += (await page.evaluate(() => globalThis.__a11y.texts())).length;
      for (const problem of [...(await textProblems(page)), ...(await boundaryProblems(page))]) {
        problems.push(`${state.name}: ${problem}`);
      }
    }
    assert.ok(texts > 50, `only ${texts} texts measured: the walk did not find the form`);
    return problems;
  } finally {
    await context.close();
  }
}

for (const mode of MODES) {
  for (const lang of LANGS) {
    describe(`contrast: ${mode}, ${lang}`, () => {
      it('every text and every control boundary, in every state (empty, errors, files, sending, failed, receipt)', async () => {
        assert.deepEqual(await walkProblems({ mode, lang }), []);
      });
    });
  }
  describe(`contrast on a site with a dark theme (white text on dark blue): ${mode}`, () => {
    // An editor pastes the form into a dark block of the site. The defaults are measured
    // against white, so the form brings its own ground rather than the page's white text.
    it('every text and every control boundary, in every state, with no custom property set', async () => {
      assert.deepEqual(await walkProblems({ mode, lang: 'sv', theme: 'dark' }), []);
    });
  });
}
