/**
 * `synpunkt-artvise-discover --endpoint https://…/MercuryAPI/Service.svc` lists an Artvise
 * installation's inboxes, case types, media types and custom properties with their GUIDs, and
 * prints suggested settings for the relay's artvise target. The API key comes from the
 * environment variable `ARTVISE_API_KEY` (or the one `--key-env` names), never from the
 * command line, where it would end up in the shell's history and the process list.
 * This module holds the command; `discover-cli.ts` runs it.
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { isAdapterError } from '@synpunkt/sdk';
import {
  discoverArtvise,
  suggestArtviseSettings,
  type ArtviseCatalogue,
  type ArtviseSuggestion,
} from './discover.js';

const USAGE = `Usage:
  ARTVISE_API_KEY=… synpunkt-artvise-discover --endpoint https://artvise.kommun.se/MercuryAPI/Service.svc
Options:
  --key-env NAME   read the API key from NAME instead of ARTVISE_API_KEY
  --json           print the catalogue and the suggestion as JSON`;

/** Exit codes: 2 for wrong usage, 1 when Artvise cannot be asked (sysexits would be overkill). */
const EXIT_USAGE = 2;
const EXIT_FAILED = 1;

function table(rows: readonly [string, string][], indent = '  '): string {
  if (rows.length === 0) return `${indent}(none)\n`;
  return rows.map(([guid, name]) => `${indent}${guid}  ${name}\n`).join('');
}

/** The catalogue and the suggestion as a person reads them. */
export function formatDiscovery(
  endpoint: string,
  catalogue: ArtviseCatalogue,
  suggestion: ArtviseSuggestion,
): string {
  const inboxName = new Map(catalogue.inboxes.map((inbox) => [inbox.guid, inbox.name]));
  let out = `Artvise at ${endpoint}\n\n`;
  out += 'Inboxes (InboxGuid: inboxes.default, inboxes.byArea)\n';
  out += table(
    catalogue.inboxes.map((inbox) => [
      inbox.guid,
      inbox.parentGuid ? `${inboxName.get(inbox.parentGuid) ?? '?'} › ${inbox.name}` : inbox.name,
    ]),
  );
  out += '\nCase types (DiaryPlanItemGuid: caseCategories.*.diaryPlanItemGuid), by inbox\n';
  for (const inbox of catalogue.inboxes) {
    const types = catalogue.caseTypes.filter((type) => type.inboxGuid === inbox.guid);
    if (types.length === 0) continue;
    out += `  ${inbox.name}\n${table(
      types.map((type) => [type.guid, type.name]),
      '    ',
    )}`;
  }
  out += '\nMedia types (MediaTypeGuid: mediaTypes.web, .phone, .visit, .letter, .email)\n';
  out += table(catalogue.mediaTypes.map((type) => [type.guid, type.name]));
  out += '\nCustom properties (CustomPropertyGuid: customProperties.*, optional)\n';
  out += table(
    catalogue.customProperties.map((property) => [
      property.guid,
      property.dataType ? `${property.name} (${property.dataType})` : property.name,
    ]),
  );
  out +=
    '\nSuggested settings for the relay\'s "artvise" target, from the names above.\n' +
    'Check every choice; add inboxes.byArea and customProperties as you need:\n\n';
  out += `${JSON.stringify(suggestion.settings, null, 2)}\n`;
  if (suggestion.toChoose.length > 0) {
    out += `\nStill to choose (the relay will not start until these are GUIDs):\n${suggestion.toChoose
      .map((line) => `  - ${line}\n`)
      .join('')}`;
  }
  return out;
}

/** Runs the command; resolves with the exit code. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let values: { endpoint?: string; 'key-env'?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        endpoint: { type: 'string' },
        'key-env': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.endpoint === undefined) {
    process.stderr.write(`--endpoint is missing.\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const keyVariable = values['key-env'] ?? 'ARTVISE_API_KEY';
  const apiKey = env[keyVariable];
  if (apiKey === undefined || apiKey === '') {
    process.stderr.write(
      `The environment variable ${keyVariable} is not set: put the MercuryAPI key there.\n\n${USAGE}\n`,
    );
    return EXIT_USAGE;
  }
  try {
    const catalogue = await discoverArtvise({ endpoint: values.endpoint, apiKey });
    const suggestion = suggestArtviseSettings(catalogue, values.endpoint, keyVariable);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ catalogue, suggestion }, null, 2)}\n`
        : formatDiscovery(values.endpoint, catalogue, suggestion),
    );
    return 0;
  } catch (error) {
    if (error instanceof TypeError || isAdapterError(error)) {
      process.stderr.write(`${error.message}\n`);
      return error instanceof TypeError ? EXIT_USAGE : EXIT_FAILED;
    }
    throw error;
  }
}
