// Setting up the Artvise adapter: the installation's GUIDs looked up through MercuryAPI's
// GetInboxes, GetCaseTypes, GetMediaTypes and GetCustomProperties, against the strict peer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { isAdapterError } from '@synpunkt/sdk';
import {
  artviseAdapter,
  discoverArtvise,
  suggestArtviseSettings,
  type ArtviseCatalogue,
} from '../src/artvise/index.js';
import { startArtvisePeer, type ArtvisePeer, type PeerCatalogue } from './peers/artvise-peer.js';

const API_KEY = `key-${crypto.randomUUID()}`;
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const CLI = fileURLToPath(new URL('../src/artvise/discover-cli.ts', import.meta.url));

/** A municipality's installation: a registry inbox, a synpunkt inbox under it, and a service desk. */
const INSTALLATION: PeerCatalogue = {
  inboxes: [
    { guid: guid(1), name: 'Registratur' },
    { guid: guid(2), name: 'Synpunkter & klagomål', parentGuid: guid(1) },
    { guid: guid(3), name: 'Kontaktcenter' },
  ],
  caseTypes: {
    [guid(1)]: [{ guid: guid(11), name: 'Allmänt ärende' }],
    [guid(2)]: [
      { guid: guid(12), name: 'Beröm', fullName: 'Synpunkter/Beröm' },
      { guid: guid(13), name: 'Förslag', fullName: 'Synpunkter/Förslag' },
      { guid: guid(14), name: 'Klagomål', fullName: 'Synpunkter/Klagomål' },
    ],
    // A type of the same name in another inbox: the synpunkt inbox's own wins.
    [guid(3)]: [{ guid: guid(15), name: 'Klagomål på bemötande' }],
  },
  mediaTypes: [
    { guid: guid(21), name: 'Webb' },
    { guid: guid(22), name: 'Telefon' },
    { guid: guid(23), name: 'E-post' },
    { guid: guid(24), name: 'Brev' },
  ],
  customProperties: [{ guid: guid(31), name: 'Område', dataType: 'String' }],
};

/** Runs synpunkt-artvise-discover as a command; resolves with its exit code and output. */
function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('artvise: looking up an installation’s GUIDs', () => {
  let peer: ArtvisePeer;
  before(async () => {
    peer = await startArtvisePeer({ apiKey: API_KEY, catalogue: INSTALLATION });
  });
  after(async () => {
    await peer.close();
  });

  it('lists inboxes, each inbox’s case types, media types and custom properties', async () => {
    const catalogue = await discoverArtvise({ endpoint: peer.endpoint, apiKey: API_KEY });
    assert.deepEqual(peer.rejections, [], 'every request met the contract');
    assert.deepEqual(catalogue.inboxes, [
      { guid: guid(1), name: 'Registratur' },
      { guid: guid(2), name: 'Synpunkter & klagomål', parentGuid: guid(1) },
      { guid: guid(3), name: 'Kontaktcenter' },
    ]);
    assert.deepEqual(
      catalogue.caseTypes.filter((type) => type.inboxGuid === guid(2)).map((type) => type.name),
      ['Synpunkter/Beröm', 'Synpunkter/Förslag', 'Synpunkter/Klagomål'],
      'FullName when there is one',
    );
    assert.equal(catalogue.caseTypes.length, 5, 'the case types of every inbox');
    assert.deepEqual(
      catalogue.mediaTypes.map((type) => type.name),
      ['Webb', 'Telefon', 'E-post', 'Brev'],
    );
    assert.deepEqual(catalogue.customProperties, [
      { guid: guid(31), name: 'Område', dataType: 'String' },
    ]);
    const operations = new Set(peer.requests.map((request) => request.operation));
    assert.deepEqual(
      [...operations].sort(),
      ['GetCaseTypes', 'GetCustomProperties', 'GetInboxes', 'GetMediaTypes'],
      'lookups only: nothing is created',
    );
  });

  it('suggests settings the adapter accepts, from the names', async () => {
    const catalogue = await discoverArtvise({ endpoint: peer.endpoint, apiKey: API_KEY });
    const { settings, toChoose } = suggestArtviseSettings(catalogue, peer.endpoint);
    assert.deepEqual(toChoose, []);
    assert.equal(settings.inboxes.default, guid(2), 'the inbox whose name says synpunkt');
    assert.deepEqual(settings.caseCategories.complaint, {
      diaryPlanItemGuid: guid(14),
      fullName: 'Synpunkter/Klagomål',
    });
    assert.equal(settings.caseCategories.praise.diaryPlanItemGuid, guid(12));
    assert.equal(settings.caseCategories.suggestion.diaryPlanItemGuid, guid(13));
    assert.deepEqual(settings.mediaTypes, {
      web: guid(21),
      phone: guid(22),
      letter: guid(24),
      email: guid(23),
    });
    assert.deepEqual(settings.apiKey, { env: 'ARTVISE_API_KEY' }, 'never the key itself');
    // The suggestion, with the key filled in as the relay does, is a working configuration.
    assert.doesNotThrow(() => artviseAdapter({ ...settings, apiKey: API_KEY }));
  });

  it('leaves what it cannot tell as placeholders the adapter refuses', () => {
    const sparse: ArtviseCatalogue = {
      inboxes: [
        { guid: guid(1), name: 'Socialtjänst' },
        { guid: guid(3), name: 'Kontaktcenter' },
      ],
      caseTypes: [{ guid: guid(14), name: 'Klagomål', inboxGuid: guid(3) }],
      mediaTypes: [{ guid: guid(22), name: 'Telefon' }],
      customProperties: [],
    };
    const { settings, toChoose } = suggestArtviseSettings(sparse, peer.endpoint, 'MY_KEY');
    assert.deepEqual(settings.apiKey, { env: 'MY_KEY' });
    assert.equal(settings.caseCategories.complaint.diaryPlanItemGuid, guid(14));
    assert.deepEqual(
      toChoose.map((line) => line.split(':')[0]),
      [
        'inboxes.default',
        'caseCategories.praise.diaryPlanItemGuid',
        'caseCategories.suggestion.diaryPlanItemGuid',
        'mediaTypes.web',
      ],
    );
    assert.match(settings.inboxes.default, /^CHOOSE: /);
    assert.throws(
      () => artviseAdapter({ ...settings, apiKey: API_KEY }),
      /inboxes\.default: must be a GUID/,
      'a placeholder can never reach Artvise',
    );
  });

  it('says so when the key is wrong or the endpoint is not MercuryAPI', async () => {
    await assert.rejects(
      discoverArtvise({ endpoint: peer.endpoint, apiKey: 'fel-nyckel' }),
      (error: unknown) => {
        assert.ok(isAdapterError(error));
        assert.equal(error.reason, 'configuration');
        assert.match(error.message, /GetInboxes.*Invalid API key/);
        return true;
      },
    );
    await assert.rejects(
      discoverArtvise({ endpoint: peer.endpoint.replace('Service.svc', 'x'), apiKey: API_KEY }),
      /check endpoint: it should end in Service\.svc/,
    );
    // A port nobody listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      discoverArtvise({
        endpoint: `http://127.0.0.1:${port}/MercuryAPI/Service.svc`,
        apiKey: API_KEY,
      }),
      /Artvise could not be reached for GetInboxes: fetch failed \(ECONNREFUSED\)/,
    );
    await assert.rejects(discoverArtvise({ endpoint: 'ftp://x', apiKey: API_KEY }), TypeError);
    await assert.rejects(
      discoverArtvise({
        endpoint: 'https://artvise:hemligt-ord@x.example/MercuryAPI/Service.svc',
        apiKey: API_KEY,
      }),
      (error: Error) =>
        error instanceof TypeError &&
        /endpoint: must not hold a user name or password/.test(error.message) &&
        !error.message.includes('hemligt-ord'),
    );
    await assert.rejects(discoverArtvise({ endpoint: peer.endpoint, apiKey: ' ' }), TypeError);
  });

  it('synpunkt-artvise-discover prints the names with their GUIDs and the settings to paste', async () => {
    const { code, stdout, stderr } = await runCli(['--endpoint', peer.endpoint], {
      ARTVISE_API_KEY: API_KEY,
    });
    assert.equal(code, 0, stderr);
    assert.ok(stdout.includes(`${guid(2)}  Registratur › Synpunkter & klagomål`), stdout);
    assert.ok(stdout.includes(`${guid(14)}  Synpunkter/Klagomål`));
    assert.ok(stdout.includes(`${guid(21)}  Webb`));
    assert.ok(stdout.includes(`${guid(31)}  Område (String)`));
    const json = stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1);
    const settings = JSON.parse(json) as { inboxes: { default: string }; apiKey: unknown };
    assert.equal(settings.inboxes.default, guid(2));
    assert.deepEqual(settings.apiKey, { env: 'ARTVISE_API_KEY' });
    assert.ok(!stdout.includes(API_KEY), 'the key is never printed');
    assert.ok(!stdout.includes('Still to choose'), 'nothing left to choose');
  });

  it('synpunkt-artvise-discover reads the key only from the environment, and says what is wrong', async () => {
    const missing = await runCli(['--endpoint', peer.endpoint], {});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /ARTVISE_API_KEY is not set/);

    const other = await runCli(['--endpoint', peer.endpoint, '--key-env', 'KOMMUN_KEY', '--json'], {
      KOMMUN_KEY: API_KEY,
    });
    assert.equal(other.code, 0, other.stderr);
    const parsed = JSON.parse(other.stdout) as {
      catalogue: ArtviseCatalogue;
      suggestion: { settings: { apiKey: unknown } };
    };
    assert.equal(parsed.catalogue.inboxes.length, 3);
    assert.deepEqual(parsed.suggestion.settings.apiKey, { env: 'KOMMUN_KEY' });

    const refused = await runCli(['--endpoint', peer.endpoint], { ARTVISE_API_KEY: 'fel' });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Invalid API key/);

    const usage = await runCli(['--api-key', 'x'], {});
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Unknown option '--api-key'/);
  });
});
