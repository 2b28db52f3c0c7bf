import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// custom-elements.json tells editors' tools (and the README's reference table) what the element
// takes and gives. It is committed, so it must match the source.

const root = fileURLToPath(new URL('../../', import.meta.url));
const committed = `${root}custom-elements.json`;
// The analyzer resolves --outdir against the working directory, so this stays relative.
const scratch = 'node_modules/.cache/manifest-check';

interface Named {
  name: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  members?: (Named & { kind: string })[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

function load(path: string): Manifest {
  assert.ok(existsSync(path), `${path} is missing: run \`pnpm --filter @synpunkt/widget build\``);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/**
 * The manifest as git holds it (staged or committed): `npm test` builds first, and the build
 * writes the file anew, so the file on disk always matches and would hide a stale commit.
 * Outside a git checkout (an unpacked package), the file on disk.
 */
async function committedManifest(): Promise<Manifest> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', ':./custom-elements.json'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as Manifest;
  } catch {
    return load(committed);
  }
}

function element(manifest: Manifest): Declaration {
  const found = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'synpunkt-form');
  assert.ok(found, 'the manifest has no <synpunkt-form>');
  return found;
}

after(() => rmSync(`${root}${scratch}`, { recursive: true, force: true }));

describe('custom-elements.json', () => {
  it('is what the analyzer makes of the current source', async () => {
    await promisify(execFile)(
      process.execPath,
      [
        `${root}node_modules/@custom-elements-manifest/analyzer/cem.js`,
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--outdir',
        scratch,
        '--quiet',
      ],
      { cwd: root },
    );
    assert.deepEqual(
      await committedManifest(),
      load(`${root}${scratch}/custom-elements.json`),
      'custom-elements.json is stale: run `pnpm --filter @synpunkt/widget analyze` and commit it',
    );
  });

  it('lists the attributes an editor sets', () => {
    const names = (element(load(committed)).attributes ?? []).map((a) => a.name);
    for (const attribute of ['endpoint', 'privacy-url', 'reply-days', 'staff', 'lang']) {
      assert.ok(
        names.includes(attribute),
        `attribute ${attribute} missing from ${names.join(', ')}`,
      );
    }
  });

  it('lists the events, bubbling out to the page', () => {
    const names = (element(load(committed)).events ?? []).map((e) => e.name);
    for (const event of ['synpunkt-submit', 'synpunkt-success', 'synpunkt-error']) {
      assert.ok(names.includes(event), `event ${event} missing from ${names.join(', ')}`);
    }
  });

  it('lists the adapter property, the CSS parts and the CSS custom properties', () => {
    const declaration = element(load(committed));
    const members = (declaration.members ?? []).map((m) => m.name);
    assert.ok(members.includes('adapter'), `no adapter property in ${members.join(', ')}`);
    assert.ok((declaration.cssParts ?? []).length > 0, 'no CSS parts (@csspart)');
    assert.ok(
      (declaration.cssProperties ?? []).some((p) => p.name.startsWith('--')),
      'no CSS custom properties (@cssprop)',
    );
  });
});
