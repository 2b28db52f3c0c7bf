import { openCommandStore } from './command-store.js';
import { loadConfig } from './config.js';
import { EXIT_USAGE } from './exit-codes.js';
import { personOf, recordsOf, submissionsOf, type PersonRecord } from './person.js';

/** What `synpunkt-relay person …` was given. */
export interface PersonArgs {
  /** `show` or `erase`, and the e-mail address, phone number or reference. */
  positionals: readonly string[];
  configPath: string;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** The deliveries of a record that are not made: erasing it means they never will be. */
function unmade(record: PersonRecord): string[] {
  return record.deliveries
    .filter((d) => d.status !== 'delivered' && d.status !== 'closed')
    .map((d) => `"${d.target}" (${d.status})`);
}

/**
 * Runs `synpunkt-relay person show|erase <e-mail address, phone number or reference>`, for a
 * data subject's request: `show` prints, as JSON, everything the store holds about the
 * submissions sent with that address or number (or with that reference, the only way to find
 * an anonymous one), files included; `erase` removes their content at once, as retention would,
 * keeping the receipts and the report's figures. Returns the exit code.
 */
export function runPersonCommand(args: PersonArgs): number {
  const [command, given] = args.positionals;
  const config = loadConfig(args.configPath);
  const store = openCommandStore(config);
  try {
    err(`Store: ${config.storePath}`);
    const person = personOf(store.db, given ?? '');
    if (person === undefined) {
      err(
        `"${given}" is neither an e-mail address, a phone number nor the reference of a stored submission.`,
      );
      return EXIT_USAGE;
    }
    const ids = submissionsOf(store.db, person);
    if (ids.length === 0) {
      err(
        `No submission with ${given} in the store. Content already purged (retentionDays: ${config.retentionDays}) ` +
          'holds no address or number and cannot be found by one; what is left of it (a receipt, the figures) says nothing about the sender.',
      );
      return 1;
    }
    const records = recordsOf(store.db, ids);
    if (command === 'show') {
      out(JSON.stringify(records, null, 2));
      return 0;
    }
    const content = records.filter((record) => record.submission !== null);
    // An answer to the follow-up question outlives the content for a while (its answer time):
    // erased, it stays in the report's figures but no longer says whose it was.
    const answered = records.filter((record) => record.followUp !== null);
    if (content.length === 0 && answered.length === 0) {
      err(`${records.map((r) => r.reference).join(', ')}: the content is removed already.`);
      return 1;
    }
    if (content.length > 0) {
      store.purgeSubmissions(content.map((record) => record.id));
      out(
        `Removed the content of ${content.map((r) => r.reference).join(', ')} (message, place, earlier case number, name, contact details, files). ` +
          'Kept: the receipts (id, reference, dates) and the figures of the report (kind, area, channel; nothing about the sender).',
      );
    }
    if (answered.length > 0) {
      store.forgetFollowUps(answered.map((record) => record.id));
      out(
        `Untied the answer to "did you get a reply in time?" from ${answered.map((r) => r.reference).join(', ')}: ` +
          'it is still counted in the report, with the days and the language, but no longer says whose it was, and the link in the question no longer works.',
      );
    }
    for (const record of content) {
      const open = unmade(record);
      if (open.length > 0) {
        out(`${record.reference} had not reached ${open.join(', ')}: it never will now.`);
      }
    }
    out(
      'Not touched: what the targets already have (the registry, the case system) and backups of the store; see "Requests from a data subject" in the README.',
    );
    return 0;
  } finally {
    store.close();
  }
}
