// Keyboard-only driving: Tab until a control has focus, checking at every stop that focus can be
// seen (WCAG 2.4.7 focus visible, 2.4.11 not obscured, 2.4.13 appearance, 1.4.11 contrast).
import type { Page } from 'playwright-core';
import { contrast, parseColor, backdrop, over, ratio } from './contrast.js';
import type { FocusSample } from './in-page.js';

/** How many Tab presses may separate two controls before the walk is called lost. */
const MAX_TABS = 40;

/**
 * What is wrong with the focus indicator of the focused element, or '' when it is fine: an
 * outline (not `none`, at least 2 px) or a box-shadow, in a colour with at least 3:1 against
 * the background next to it, and the element not hidden (outside the viewport or covered).
 */
export function focusProblem(sample: FocusSample): string {
  if (sample.none) return `${sample.what}: nothing has focus`;
  const problems: string[] = [];
  const hasOutline = sample.outlineStyle !== 'none' && (sample.outlineWidth ?? 0) >= 2;
  const hasShadow = sample.boxShadow !== undefined && sample.boxShadow !== 'none';
  if (!hasOutline && !hasShadow) {
    problems.push(`no focus indicator (outline ${sample.outlineStyle} ${sample.outlineWidth}px)`);
  } else if (hasOutline) {
    // An outline outside the element is seen against what is behind the element; inside, on it.
    const layers = sample.layers ?? [];
    const behind = (sample.outlineOffset ?? 0) >= 0 ? layers.slice(1) : layers;
    const ground = backdrop(behind);
    const ink = over(parseColor(sample.outlineColor ?? 'transparent'), ground);
    const value = contrast(ink, ground);
    if (value < 3) problems.push(`outline contrast ${ratio(value)} < 3:1`);
  }
  if (sample.obscured) problems.push(sample.obscured);
  return problems.length > 0 ? `${sample.what}: ${problems.join(', ')}` : '';
}

/** Whether the deeply focused element matches a CSS selector. */
export const focusIs = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((s) => globalThis.__a11y.deepActive()?.matches(s) ?? false, selector);

/** Checks the focus indicator now; returns the problem or ''. */
export async function checkFocus(page: Page): Promise<string> {
  return focusProblem(await page.evaluate(() => globalThis.__a11y.focusIndicator()));
}

/**
 * Presses Tab (or Shift+Tab) until the element matching `selector` has focus, checking the focus
 * indicator at every stop. Collects problems in `problems`; throws when it never comes.
 */
export async function tabTo(
  page: Page,
  selector: string,
  problems: string[],
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < MAX_TABS; i += 1) {
    await page.keyboard.press(key);
    const problem = await checkFocus(page);
    if (problem) problems.push(problem);
    if (await focusIs(page, selector)) return;
    passed.push(await page.evaluate(() => globalThis.__a11y.focused()));
  }
  throw new Error(`${key} never reached ${selector}; passed ${passed.join(' → ')}`);
}

/** Presses a key and checks the focus indicator where focus is after it. */
export async function press(page: Page, key: string, problems: string[]): Promise<void> {
  await page.keyboard.press(key);
  const problem = await checkFocus(page);
  if (problem) problems.push(problem);
}
