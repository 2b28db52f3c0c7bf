import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The single file web editors self-host: it must stay small and hold no Node-only code.

const bundle = fileURLToPath(new URL('../../dist/synpunkt-form.js', import.meta.url));
/**
 * The ceiling this file may not grow past. The widget issue asks for 25 KB; that is out of reach
 * with zod (7.3 KB), ky (4.2 KB) and lit (5.5 KB), which the issues name, when English (3.8 KB)
 * and lättläst (3.7 KB) aside, the standard form's own code, styles and Swedish texts are
 * 24.3 KB by themselves (`pnpm bench` prints the breakdown; the widget README, "Size", the ways
 * down). This guards against growth while the team decides; lower it with every saving.
 * Lowered from 50 KB after taking the indentation out of the html templates and importing only
 * the Lit decorators in use won back 0.4 KB, then to 49 KB when the sdk's own `isInstant`
 * replaced zod's ISO formats (0.7 KB); raised to 49.5 KB again for the sdk's fixes of a wrong
 * phone number, a hanging cancel and a receipt date that failed the form (0.3 KB), and to 50 KB
 * for lättläst's and staff mode's own failure and error texts (0.4 KB). Lowered to 49.5 KB after
 * 1.2 KB of savings (own decorators and live directive, short private names, zod checks instead
 * of a transform), of which 0.4 KB went to texts and fixes citizens were missing. Raised to
 * 49.6 KB for the relay's limits asked before anyone writes (0.7 KB: the answer's schema, the
 * tightest limits for an area and kind, files listed where none are taken) and a draft that
 * keeps only the contact details for the answer asked for (0.1 KB); then to 50 KB, the least
 * that holds it, for the earlier case number a complainant taking a matter further can give
 * (0.4 KB: the field with its label and hints to citizens and to staff in Swedish and English,
 * its names in the four catalogs, and the sdk's check of it). Raised to 50.4 KB, the least
 * that holds it, for staff marking a complaint serious (0.4 KB: the checkbox with its label and
 * hint in Swedish and English, its styles, its place in the draft and the relay's limits, and
 * the sdk's check that only a complaint staff register may be serious); the file was 17 bytes
 * under 50 KB. Lowered to 48.8 KB when terser went over esbuild's output a second time
 * (1.7 KB: the same code, compressed in two passes and with the module's top level mangled),
 * then to 48.5 KB when the parts the standard form and lättläst both draw (fields, radios, error
 * lines, the message and its count, the public-record notice) were written once (0.3 KB).
 * Held there when the reactive properties were declared in one `static properties` object
 * instead of a decorator call each (0.15 KB), which paid for the file picker's own button and
 * plainer texts. Raised to 48.8 KB, the least that holds it, for the rest adapter's hardening
 * (0.33 KB): an answer's body read within the timeout and at most 1 MiB of it (an endpoint that
 * stalled after its headers held the sender for ever in a browser), Retry-After read as Unix
 * seconds too and capped at a day, and an endpoint with a password in it refused at once.
 */
const BUDGET = 48.8 * 1024;

function read(): string {
  assert.ok(
    existsSync(bundle),
    `${bundle} is missing: run \`pnpm --filter @synpunkt/widget build\``,
  );
  return readFileSync(bundle, 'utf8');
}

describe('dist/synpunkt-form.js', () => {
  it(`is at most ${BUDGET / 1024} KB gzip (level 9)`, (t) => {
    const source = read();
    const gzip = gzipSync(source, { level: 9 }).length;
    t.diagnostic(
      `${(Buffer.byteLength(source) / 1024).toFixed(1)} KB minified, ` +
        `${(gzip / 1024).toFixed(2)} KB gzip -9 of ${BUDGET / 1024} KB`,
    );
    assert.ok(gzip <= BUDGET, `${gzip} bytes gzip is over the budget of ${BUDGET}`);
  });

  it('is one self-contained ES module: no imports of other files', () => {
    const source = read();
    // A bare or relative import left in the bundle would fail on an editor's server.
    assert.doesNotMatch(source, /\bimport\s*\(?\s*["'`][^"'`]+["'`]/);
    assert.doesNotMatch(source, /\bfrom\s*["'`][^"'`]+["'`]/);
    assert.doesNotMatch(source, /\brequire\s*\(/);
  });

  it('holds no Node-only adapter code', () => {
    const source = read();
    for (const word of ['nodemailer', 'xmldom', 'smtp-server', 'artvise', 'process.env']) {
      assert.ok(!source.includes(word), `the bundle contains "${word}"`);
    }
    // `node:fs` and the like as a string: a Node built-in the bundle would try to load.
    assert.doesNotMatch(source, /["'`]node:[a-z]/);
  });

  it('registers <synpunkt-form> and points to its source map', () => {
    const source = read();
    assert.ok(source.includes('synpunkt-form'));
    assert.match(source, /\/\/# sourceMappingURL=synpunkt-form\.js\.map\s*$/);
    assert.ok(existsSync(`${bundle}.map`), 'the source map file is missing');
    // Through both minifiers, devtools still show the TypeScript the form was written in.
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    const form = map.sources.indexOf('../src/synpunkt-form/synpunkt-form.ts');
    assert.ok(form >= 0, `the map names no form source: ${map.sources.slice(0, 5).join(', ')}…`);
    assert.match(map.sourcesContent?.[form] ?? '', /class SynpunktForm extends LitElement/);
  });
});
