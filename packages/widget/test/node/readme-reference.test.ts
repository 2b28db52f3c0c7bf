import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The README at the repository root carries a reference table of <synpunkt-form> generated from
// custom-elements.json by scripts/readme-reference.mjs. When the element changes (a new
// attribute, event, part), the table must change with it: these tests fail until it does.

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const script = join(repo, 'scripts/readme-reference.mjs');
const readmePath = join(repo, 'README.md');
const manifestPath = join(repo, 'packages/widget/custom-elements.json');
const FIX = 'run node scripts/readme-reference.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'readme-reference-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Run {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The text between the markers, or fails naming what is missing. */
function block(readme: string): string {
  const start = readme.indexOf('<!-- reference:start -->');
  const end = readme.indexOf('<!-- reference:end -->');
  assert.ok(start !== -1 && end > start, 'README.md has no <!-- reference:start/end --> block');
  return readme.slice(start, end);
}

interface Named {
  name: string;
}
interface Declaration {
  tagName?: string;
  attributes?: Named[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}

function formElement(): Declaration {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    modules: { declarations?: Declaration[] }[];
  };
  const found = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'synpunkt-form');
  assert.ok(found, 'custom-elements.json has no <synpunkt-form>');
  return found;
}

describe('the README reference table', () => {
  it('matches custom-elements.json', () => {
    const result = run('--check');
    assert.equal(
      result.code,
      0,
      `README.md's reference table is stale or broken: ${FIX} (and commit README.md).\n${result.stderr}`,
    );
  });

  it('names every attribute, event, CSS part and custom property of <synpunkt-form>', () => {
    const table = block(readFileSync(readmePath, 'utf8'));
    const element = formElement();
    const missing = [
      ...(element.attributes ?? []).map((a) => `\`${a.name}\``),
      ...(element.events ?? []).map((e) => `\`${e.name}\``),
      ...(element.cssParts ?? []).map((p) => `\`::part(${p.name})\``),
      ...(element.cssProperties ?? []).map((p) => `\`${p.name}\``),
    ].filter((name) => !table.includes(name));
    assert.deepEqual(missing, [], `missing from README.md's reference table: ${FIX}`);
  });

  it('--check refuses a hand-edited table, and a run without it repairs the table', () => {
    const copy = join(scratch, 'README.md');
    const original = readFileSync(readmePath, 'utf8');
    const edited = original.replace(/^\| `privacy-url` .*\n/m, '');
    assert.notEqual(edited, original, 'the privacy-url row was not found to remove');
    writeFileSync(copy, edited);

    const check = run('--check', '--readme', copy);
    assert.equal(check.code, 1, 'a stale table must fail the check');
    assert.match(check.stderr, /stale.*run node scripts\/readme-reference\.mjs/);
    assert.equal(readFileSync(copy, 'utf8'), edited, '--check must not write');

    assert.equal(run('--readme', copy).code, 0);
    assert.match(readFileSync(copy, 'utf8'), /^\| `privacy-url` /m);
    assert.equal(run('--check', '--readme', copy).code, 0, 'the repaired table is fresh');
  });

  it('says so when the markers are missing, and leaves the file alone', () => {
    const copy = join(scratch, 'no-markers.md');
    writeFileSync(copy, '# A README without a reference block\n');
    const result = run('--readme', copy);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /<!-- reference:start --> and <!-- reference:end --> are missing/);
    assert.equal(readFileSync(copy, 'utf8'), '# A README without a reference block\n');
  });
});
