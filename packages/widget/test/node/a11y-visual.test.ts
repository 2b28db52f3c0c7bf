import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { startHarness, type Harness } from './support/browser.js';
import { parseColor } from './support/contrast.js';
import type { Box, Target } from './support/in-page.js';
import { tabTo } from './support/keyboard.js';
import { TEXT_SPACING_CSS, type FormMode, type Lang } from './support/server.js';
import { LANGS, MODES, SUBMIT, toMessage, WALKS } from './support/states.js';

// What people change about how a page looks: forced colours (Windows high contrast), reduced
// motion, text spacing (WCAG 1.4.12), a narrow window or 400 % zoom (1.4.10), and how big the
// targets are (2.5.8). Checked in every state of the walk.

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

/** Opens the form, runs `check` in every state, and returns the problems found, by state. */
async function everyState(
  mode: FormMode,
  lang: Lang,
  check: (page: Page) => Promise<string[]>,
  options: BrowserContextOptions = {},
  prepare: (page: Page) => Promise<void> = async () => {},
): Promise<string[]> {
  const context = await harness.context(options);
  try {
    const page = await harness.open(context, { mode, lang });
    await prepare(page);
    const problems: string[] = [];
    for (const state of WALKS[mode]) {
      await state.reach(page, harness.server);
      for (const problem of await check(page)) problems.push(`${state.name}: ${problem}`);
    }
    return problems;
  } finally {
    await context.close();
  }
}

const visible = (colour: string) => parseColor(colour).a > 0;

/** In forced colours: every control, box and error keeps a border the system colours paint. */
async function forcedColourProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const control of await page.evaluate(() => globalThis.__a11y.controls())) {
    if (control.type === 'radio' || control.type === 'checkbox') {
      // Native radios are drawn by the system in its colours: they must stay native.
      if (control.appearance === 'none' || control.forcedColorAdjust === 'none') {
        problems.push(`${control.what}: drawn by the page, invisible in forced colours`);
      }
      continue;
    }
    if (
      control.borderStyle === 'none' ||
      control.borderWidth < 1 ||
      !visible(control.borderColor)
    ) {
      problems.push(`${control.what}: no border (${control.borderStyle} ${control.borderColor})`);
    }
  }
  const boxes = await page.evaluate(() =>
    globalThis.__a11y.styles('.summary, .failure, .receipt, .routes, .has-error', [
      'border-top-style',
      'border-left-style',
      'border-left-color',
    ]),
  );
  for (const box of boxes) {
    if (box['border-left-style'] === 'none' || !visible(box['border-left-color'] ?? '')) {
      problems.push(`${box.what}: no border`);
    }
  }
  return problems;
}

/** Every element of the shadow root that moves. */
const moving = (page: Page) => page.evaluate(() => globalThis.__a11y.motion());

/** Text cut off, or two texts on top of each other. */
async function spacingProblems(page: Page): Promise<string[]> {
  const problems = await page.evaluate(() => globalThis.__a11y.clipped());
  const boxes: Box[] = await page.evaluate(() => globalThis.__a11y.textBoxes());
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) problems.push(`"${a.text}" overlaps "${b.text}"`);
    }
  }
  return problems;
}

/**
 * With the reader's spacing on the host, it really arrives inside: letter and word spacing are
 * inherited (as the host's computed lengths), nothing inside resets them, and every line is at
 * least 1.5 times its font size.
 */
async function followsSpacing(page: Page): Promise<string[]> {
  const [host] = await page.evaluate(() => [
    Object.fromEntries(
      ['letter-spacing', 'word-spacing'].map((p) => [
        p,
        getComputedStyle(document.querySelector('synpunkt-form')!).getPropertyValue(p),
      ]),
    ),
  ]);
  const samples = await page.evaluate(() =>
    globalThis.__a11y.styles(
      'label, legend, p, li, h2, a, button, strong, input, select, textarea',
      ['font-size', 'letter-spacing', 'word-spacing', 'line-height'],
    ),
  );
  const problems: string[] = [];
  if (host!['letter-spacing'] === 'normal' || host!['word-spacing'] === '0px') {
    problems.push("the reader's spacing did not reach the host: the check would see nothing");
  }
  for (const sample of samples) {
    for (const property of ['letter-spacing', 'word-spacing'] as const) {
      if (sample[property] !== host![property]) {
        problems.push(`${sample.what}: ${property} ${sample[property]}, not ${host![property]}`);
      }
    }
    // One-line fields (and radios, which have no text) have no lines to space.
    if (/^<(input|select)\b/.test(sample.what ?? '')) continue;
    const size = Number.parseFloat(sample['font-size']!);
    const lineHeight = Number.parseFloat(sample['line-height']!);
    if (!(lineHeight >= 1.5 * size - 0.05)) {
      problems.push(`${sample.what}: line-height ${sample['line-height']} < 1.5 × ${size}px`);
    }
  }
  return problems;
}

/** Nothing wider than the viewport: no horizontal scrolling. */
async function reflowProblems(page: Page): Promise<string[]> {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => globalThis.__a11y.reflow());
  return [
    ...(scrollWidth > innerWidth
      ? [`the page scrolls sideways: ${scrollWidth} > ${innerWidth}`]
      : []),
    ...wide,
  ];
}

/**
 * WCAG 2.5.8: each target at least 24 × 24 CSS px, or a 24 px circle around its middle that
 * touches no other target; links inside a sentence are exempt.
 */
function targetProblems(targets: readonly Target[]): string[] {
  const problems: string[] = [];
  const middle = (t: Target) => ({ x: t.left + t.width / 2, y: t.top + t.height / 2 });
  for (const target of targets) {
    if (target.inline || (target.width >= 24 && target.height >= 24)) continue;
    const c = middle(target);
    const crowded = targets.some((other) => {
      if (other === target) return false;
      // Distance from the middle to the nearest point of the other target's box.
      const dx = Math.max(other.left - c.x, 0, c.x - (other.left + other.width));
      const dy = Math.max(other.top - c.y, 0, c.y - (other.top + other.height));
      return Math.hypot(dx, dy) < 12;
    });
    if (crowded) {
      problems.push(
        `${target.what}: ${target.width.toFixed(1)}×${target.height.toFixed(1)} px, too close to another`,
      );
    }
  }
  return problems;
}

/** What one walk finds, per criterion. */
interface Findings {
  forced: string[];
  motion: string[];
  spacing: string[];
  inside: string[];
  reflow: string[];
  targets: string[];
}

/**
 * One walk through every state at 1280 × 900; in each state the page is looked at the ways
 * people change it, one at a time, and put back: reduced motion, forced colours, the reader's
 * spacing (on the host, then also inside), 320 px wide, and the target sizes.
 */
async function walkOnce(mode: FormMode, lang: Lang): Promise<Findings> {
  const found: Findings = {
    forced: [],
    motion: [],
    spacing: [],
    inside: [],
    reflow: [],
    targets: [],
  };
  const note = (key: keyof Findings, state: string, problems: string[]) =>
    found[key].push(...problems.map((problem) => `${state}: ${problem}`));
  const context = await harness.context();
  try {
    const page = await harness.open(context, { mode, lang });
    for (const state of WALKS[mode]) {
      await state.reach(page, harness.server);
      note(
        'targets',
        state.name,
        targetProblems(await page.evaluate(() => globalThis.__a11y.targets())),
      );

      await page.emulateMedia({ reducedMotion: 'reduce' });
      note('motion', state.name, await moving(page));
      await page.emulateMedia({ reducedMotion: 'no-preference' });

      await page.emulateMedia({ forcedColors: 'active' });
      note('forced', state.name, await forcedColourProblems(page));
      await page.emulateMedia({ forcedColors: 'none' });

      await readerSpacing(page, 'page', true);
      note('spacing', state.name, [
        ...(await followsSpacing(page)),
        ...(await spacingProblems(page)),
      ]);
      await readerSpacing(page, 'shadow', true);
      note('inside', state.name, await spacingProblems(page));
      await readerSpacing(page, 'shadow', false);
      await readerSpacing(page, 'page', false);

      await page.setViewportSize({ width: 320, height: 640 });
      note('reflow', state.name, await reflowProblems(page));
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    return found;
  } finally {
    await context.close();
  }
}

/**
 * Turns the reader's text-spacing stylesheet on or off: on the page (it reaches the form by
 * inheritance, as a bookmarklet's does), or also inside the shadow root (as a tool that knows
 * shadow DOM would: paragraph spacing too).
 */
async function readerSpacing(page: Page, where: 'page' | 'shadow', on: boolean): Promise<void> {
  await page.evaluate(
    ({ css, where, on }) => {
      const holder = globalThis as unknown as Record<string, CSSStyleSheet | undefined>;
      const target =
        where === 'page' ? document : document.querySelector('synpunkt-form')!.shadowRoot!;
      const key = `__spacing_${where}`;
      if (on) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        holder[key] = sheet;
        target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
      } else {
        target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== holder[key]);
      }
    },
    { css: TEXT_SPACING_CSS, where, on },
  );
}

for (const mode of MODES) {
  for (const lang of LANGS) {
    describe(`how people change the page: ${mode}, ${lang}`, () => {
      let found: Findings;
      before(async () => (found = await walkOnce(mode, lang)));

      it('forced colours: controls, boxes and errors keep borders in system colours, in every state', () => {
        assert.deepEqual(found.forced, []);
      });
      it('reduced motion: nothing in the form moves, in every state', () => {
        assert.deepEqual(found.motion, []);
      });
      it("text spacing (1.4.12): the reader's spacing reaches every text; nothing cut off or overlapping", () => {
        assert.deepEqual(found.spacing, []);
      });
      it('text spacing (1.4.12): with the spacing inside the shadow root too (paragraphs 2em apart)', () => {
        assert.deepEqual(found.inside, []);
      });
      it('reflow (1.4.10): at 320 CSS px wide nothing scrolls sideways, in every state', () => {
        assert.deepEqual(found.reflow, []);
      });
      it('target size (2.5.8): every target at least 24 × 24 px or with room around it', () => {
        assert.deepEqual(found.targets, []);
      });
    });
  }

  describe(`forced colours, focus, zoom and motion: ${mode}`, () => {
    it('forced colours: the focus indicator stays, in system colours, at every Tab stop', async () => {
      const context = await harness.context();
      try {
        const page = await harness.open(context, { mode });
        await page.emulateMedia({ forcedColors: 'active' });
        const problems: string[] = [];
        await tabTo(page, SUBMIT[mode], problems);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    it('reflow (1.4.10): at 400 % zoom of a 1280 px window (320 CSS px at 4×), in every state', async () => {
      const problems = await everyState(mode, 'sv', reflowProblems, {
        viewport: { width: 320, height: 256 },
        deviceScaleFactor: 4,
      });
      assert.deepEqual(problems, []);
    });

    it("reflow (1.4.4, 1.4.10): the browser's text size at 200 %, 320 px wide, in every state", async () => {
      const problems = await everyState(
        mode,
        'sv',
        reflowProblems,
        { viewport: { width: 320, height: 640 } },
        async (page) => {
          // The reader's own setting (Chrome's "Font size"), not zoom: only text grows.
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
          await page.reload();
          await page.waitForFunction(() => customElements.get('synpunkt-form') !== undefined);
        },
      );
      assert.deepEqual(problems, []);
    });

    it('reduced motion: (the check does see motion when it is allowed)', async () => {
      const context = await harness.context({ reducedMotion: 'no-preference' });
      try {
        const page = await harness.open(context, { mode });
        assert.notDeepEqual(await moving(page), [], 'no transition found even when allowed');
      } finally {
        await context.close();
      }
    });

    it("text spacing (1.4.12): the message label's letter spacing is the reader's 0.12em, in px", async () => {
      const context = await harness.context();
      try {
        const page = await harness.open(context, { mode });
        await toMessage(page, mode, harness.server);
        await page.addStyleTag({ url: '/text-spacing.css' });
        const [label] = await page.evaluate(() =>
          globalThis.__a11y.styles('label[for="f-message"]', ['letter-spacing']),
        );
        assert.ok(label, 'no message label');
        const size = await page.evaluate(() =>
          Number.parseFloat(getComputedStyle(document.querySelector('synpunkt-form')!).fontSize),
        );
        assert.equal(label['letter-spacing'], `${+(0.12 * size).toFixed(2)}px`);
      } finally {
        await context.close();
      }
    });
  });
}
