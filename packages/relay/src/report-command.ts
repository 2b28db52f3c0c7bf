import { areaNamesOf } from './area-names.js';
import { openCommandStore } from './command-store.js';
import { loadConfig } from './config.js';
import { EXIT_USAGE } from './exit-codes.js';
import { followUpReport, periodOf, PeriodError } from './report.js';
import { formatReportCsv, formatReportText } from './report-format.js';
import { REPORT_TEXTS, reportLanguage } from './report-texts.js';

/** What `synpunkt-relay report …` was given. */
export interface ReportArgs {
  configPath: string;
  quarter: string | undefined;
  from: string | undefined;
  to: string | undefined;
  json: boolean;
  csv: boolean;
  /** CSV for Excel set to Swedish: semicolons and a byte order mark. */
  excel: boolean;
  /**
   * `--lang`: `sv` or `en`. Without it, what people read (the text, `--excel`) is Swedish and
   * what programs read (`--csv`, the notes beside `--json`) English; the JSON is the same in both.
   */
  lang: string | undefined;
}

/**
 * Runs `synpunkt-relay report`: the follow-up compilation by kind and area for a quarter (the
 * last whole one by default) or for the days between `--from` and `--to`, in Swedish or English.
 * Returns the exit code.
 */
export function runReportCommand(args: ReportArgs, today = new Date()): number {
  const formats = [args.json && '--json', args.csv && '--csv', args.excel && '--excel'];
  const given = formats.filter((format) => format !== false);
  if (given.length > 1) {
    process.stderr.write(`Give one of --csv, --excel and --json, not ${given.join(' and ')}.\n`);
    return EXIT_USAGE;
  }
  const lang =
    args.lang === undefined ? (args.csv || args.json ? 'en' : 'sv') : reportLanguage(args.lang);
  if (lang === undefined) {
    process.stderr.write(
      `--lang: "${args.lang}" is not a language of the report; write sv (Swedish) or en (English).\n`,
    );
    return EXIT_USAGE;
  }
  let period;
  try {
    period = periodOf(args, today);
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    process.stderr.write(`${error.message}.\n`);
    return EXIT_USAGE;
  }
  const config = loadConfig(args.configPath);
  const store = openCommandStore(config);
  try {
    const report = followUpReport(store.db, period, areaNamesOf(config.targets), {
      followUp: config.followUp !== undefined,
      today,
    });
    // Which store was read, so a wrong one shows; on stderr, to keep stdout a clean file.
    process.stderr.write(`Store: ${config.storePath}\n`);
    if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else if (args.csv) process.stdout.write(formatReportCsv(report, 'rfc4180', lang));
    else if (args.excel) process.stdout.write(formatReportCsv(report, 'excel', lang));
    else process.stdout.write(formatReportText(report, lang));
    // The text has these lines itself; beside a file, the person who made it reads them here.
    const texts = REPORT_TEXTS[lang];
    if (report.incompleteUntil !== undefined && given.length > 0) {
      process.stderr.write(`${texts.incomplete(report.incompleteUntil)}\n`);
    }
    if (report.seriousIncompleteUntil !== undefined && given.length > 0) {
      process.stderr.write(`${texts.seriousIncomplete(report.seriousIncompleteUntil)}\n`);
    }
    if (report.notAskedYet !== undefined && given.length > 0) {
      const { senders, lastAskOn } = report.notAskedYet;
      process.stderr.write(`${texts.notAskedYetNote(senders, lastAskOn)}\n`);
    }
    return 0;
  } finally {
    store.close();
  }
}
