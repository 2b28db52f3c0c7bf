import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** The widget package's directory: the demo's tests run this file too, from elsewhere. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The rule sets axe runs: WCAG 2.0, 2.1 and 2.2 A and AA, and best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core's browser build. It comes with @open-wc/testing (through chai-a11y-axe), which the
 * browser tests use, so the node tests run the very same version.
 */
function axePath(): string {
  const fromWidget = createRequire(`${PACKAGE_ROOT}package.json`);
  try {
    return fromWidget.resolve('axe-core/axe.min.js');
  } catch {
    const testing = realpathSync(`${PACKAGE_ROOT}node_modules/@open-wc/testing`);
    const chaiAxe = createRequire(`${testing}/`).resolve('chai-a11y-axe');
    return createRequire(chaiAxe).resolve('axe-core/axe.min.js');
  }
}

let source: string | undefined;

/** One axe finding, short enough to read in a failed assertion. */
export interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe on the whole page (the form's shadow tree included) and returns the violations.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axe(page: Page): Promise<Finding[]> {
  source ??= readFileSync(axePath(), 'utf8');
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(source);
  return page.evaluate(async (tags) => {
    const engine = (globalThis as unknown as { axe: AxeEngine }).axe;
    const result = await engine.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    }));
  }, AXE_TAGS);
}

/** The part of axe's API used here. */
interface AxeEngine {
  run(
    context: Document,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown; failureSummary?: string }[];
    }[];
  }>;
}

/** Violations as lines for an assertion message. */
export const describeFindings = (findings: readonly Finding[]): string =>
  findings.map((f) => `${f.id} (${f.impact}): ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n');
