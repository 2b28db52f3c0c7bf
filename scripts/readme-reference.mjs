// Writes the widget's reference tables (attributes, properties, methods, events, slots, CSS
// custom properties, CSS parts) into README.md, between `<!-- reference:start -->` and
// `<!-- reference:end -->`, from packages/widget/custom-elements.json. The tables are generated,
// so they cannot drift from the element: edit the source's TSDoc, rebuild the widget (which
// regenerates the manifest), then run this.
//
//   node scripts/readme-reference.mjs            rewrite the block in README.md
//   node scripts/readme-reference.mjs --check    exit 1 when the block is stale (nothing written)
//
// --readme <file> and --manifest <file> point it at other files (the tests use them).
// Exit codes: 0 fresh or written, 1 stale (--check), 2 cannot run (file or markers missing).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- reference:start -->';
const END = '<!-- reference:end -->';
const FIX = 'run node scripts/readme-reference.mjs';

/** DOM properties every element has; the analyzer lists them when a class assigns them. */
const BUILT_IN = new Set(['adoptedStyleSheets']);

/** Stops with a message on stderr. */
function fail(message, code) {
  process.stderr.write(`readme-reference: ${message}\n`);
  process.exit(code);
}

/** Text for a table cell: one line, pipes escaped, `<tag>` outside code shown, not parsed as HTML. */
function cell(text) {
  if (text === undefined || text === '') return '—';
  return text
    .replace(/\s*\n\s*/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

/** A value as code in a cell, or a dash. */
function code(text) {
  if (text === undefined || text === '') return '—';
  return cell(`\`${text.replace(/\s*\n\s*/g, ' ')}\``);
}

function table(header, rows) {
  if (rows.length === 0) return '';
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The custom elements the manifest declares, in the order it lists them. */
function elementsOf(manifest) {
  return (manifest.modules ?? [])
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => (a.tagName === 'synpunkt-form' ? -1 : b.tagName === 'synpunkt-form' ? 1 : 0));
}

function isPublic(member) {
  return (
    member.privacy !== 'private' &&
    member.privacy !== 'protected' &&
    !member.static &&
    !member.name.startsWith('#') &&
    !BUILT_IN.has(member.name)
  );
}

/** The markdown for one element. */
function elementSection(element) {
  const parts = [`### \`<${element.tagName}>\``, cell(element.description)];
  const members = (element.members ?? []).filter(isPublic);
  const attributes = element.attributes ?? [];
  const reflected = new Set(attributes.map((a) => a.fieldName).filter(Boolean));

  const attributeRows = attributes.map((a) => [
    code(a.name),
    code(a.fieldName),
    code(a.type?.text),
    code(a.default),
    cell(a.description),
  ]);
  if (attributeRows.length > 0) {
    parts.push(
      '**Attributes** (each is also the property in the second column)',
      table(['attribute', 'property', 'type', 'default', 'what it does'], attributeRows),
    );
  }

  const propertyRows = members
    .filter((m) => m.kind === 'field' && !reflected.has(m.name))
    .map((m) => [
      code(m.name),
      code(m.type?.text),
      code(m.default),
      cell(`${m.readonly ? 'Read-only. ' : ''}${m.description ?? ''}`),
    ]);
  if (propertyRows.length > 0) {
    parts.push(
      attributeRows.length > 0 ? '**Other properties** (set from script)' : '**Properties**',
      table(['property', 'type', 'default', 'what it does'], propertyRows),
    );
  }

  const methodRows = members
    .filter((m) => m.kind === 'method')
    .map((m) => [
      code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
      code(m.return?.type?.text),
      cell(m.description),
    ]);
  if (methodRows.length > 0) {
    parts.push('**Methods**', table(['method', 'returns', 'what it does'], methodRows));
  }

  const eventRows = (element.events ?? []).map((e) => [code(e.name), cell(e.description)]);
  if (eventRows.length > 0) {
    parts.push(
      '**Events** (bubbling and composed: listen on the element or on `document`)',
      table(['event', 'when, and its detail'], eventRows),
    );
  }

  const slotRows = (element.slots ?? []).map((s) => [
    s.name === '' ? '(default)' : code(s.name),
    cell(s.description),
  ]);
  if (slotRows.length > 0) {
    parts.push('**Content** (slots)', table(['slot', 'what goes there'], slotRows));
  }

  const propertyCssRows = (element.cssProperties ?? []).map((p) => [
    code(p.name),
    cell(p.description),
  ]);
  if (propertyCssRows.length > 0) {
    parts.push('**CSS custom properties**', table(['property', 'what it sets'], propertyCssRows));
  }

  const partRows = (element.cssParts ?? []).map((p) => [
    code(`::part(${p.name})`),
    cell(p.description),
  ]);
  if (partRows.length > 0) {
    parts.push('**CSS parts**', table(['part', 'what it is'], partRows));
  }
  return parts.join('\n\n');
}

/** The whole generated block, formatted as prettier would, markers included. */
async function referenceBlock(manifest) {
  const elements = elementsOf(manifest);
  if (elements.length === 0) throw new Error('the manifest declares no custom elements');
  const body = [
    '<!-- Generated from packages/widget/custom-elements.json by scripts/readme-reference.mjs. Do not edit by hand: run node scripts/readme-reference.mjs -->',
    ...elements.map(elementSection),
  ].join('\n\n');
  // The repository's prettier settings, wherever the README is (tests use a copy elsewhere).
  const options = (await prettier.resolveConfig(resolve(root, 'README.md'))) ?? {};
  const formatted = await prettier.format(body, { ...options, parser: 'markdown' });
  return `${START}\n\n${formatted}\n${END}`;
}

/** Replaces the block between the markers; throws when they are missing or out of order. */
function replaceBlock(readme, block) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`the markers ${START} and ${END} are missing or out of order`);
  }
  return readme.slice(0, start) + block + readme.slice(end + END.length);
}

async function main() {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      readme: { type: 'string', default: resolve(root, 'README.md') },
      manifest: { type: 'string', default: resolve(root, 'packages/widget/custom-elements.json') },
    },
  });
  const readmePath = resolve(values.readme);
  const manifestPath = resolve(values.manifest);
  let readme;
  let manifest;
  try {
    readme = readFileSync(readmePath, 'utf8');
  } catch (error) {
    fail(`cannot read ${readmePath}: ${error.message}`, 2);
  }
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    fail(
      `cannot read the manifest ${manifestPath} (${error.message}); build the widget: pnpm --filter @synpunkt/widget build`,
      2,
    );
  }
  let next;
  try {
    next = replaceBlock(readme, await referenceBlock(manifest));
  } catch (error) {
    fail(`${relative(process.cwd(), readmePath) || readmePath}: ${error.message}`, 2);
  }
  const name = relative(process.cwd(), readmePath) || readmePath;
  if (next === readme) {
    process.stdout.write(`${name}: the reference block is up to date.\n`);
    return;
  }
  if (values.check) {
    fail(
      `${name}: the reference block is stale (packages/widget/custom-elements.json changed): ${FIX}`,
      1,
    );
  }
  writeFileSync(readmePath, next);
  process.stdout.write(
    `${name}: reference block rewritten from ${relative(root, manifestPath)}.\n`,
  );
}

await main();
