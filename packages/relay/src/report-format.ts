import { AREA_UNKNOWN, KINDS } from '@synpunkt/sdk';
import type { FollowUpReport } from './report.js';
import { REPORT_TEXTS, type ReportLanguage, type ReportTexts } from './report-texts.js';

const table = (rows: string[][]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

const counts = <K extends string>(record: Record<K, number>, names: Record<K, string>): string =>
  (Object.entries(record) as [K, number][]).map(([key, n]) => `${names[key]} ${n}`).join(', ');

/** Lines of `label: text`, the texts lined up after the longest label. */
const labelled = (lines: [label: string, text: string][]): string[] => {
  const width = Math.max(...lines.map(([label]) => label.length)) + 3;
  return lines.map(([label, text]) => `${`${label}:`.padEnd(width)}${text}`);
};

/** The name an area is shown by: its own from the configuration, or the language's for `unknown`. */
const areaName = (
  line: { area: string; name?: string | undefined },
  texts: ReportTexts,
): string | undefined => line.name ?? (line.area === AREA_UNKNOWN ? texts.unknownArea : undefined);

/**
 * Characters that would act on the terminal rather than show: controls (an area stored by an
 * older release), and invisible format characters such as the bidirectional overrides U+202E and
 * U+2066–U+2069, which reorder what follows them on the line (the counts, in a report).
 */
const UNSHOWABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Text a sender chose (the area), shown as it is but with those characters written out (`<U+202E>`). */
export function terminalText(text: string): string {
  return text.replace(
    UNSHOWABLE,
    (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/**
 * The compilation as a person reads it in a terminal, in Swedish unless `lang` says `en` (the
 * English has the ids a program knows: `praise`, `web`, `none`).
 */
export function formatReportText(report: FollowUpReport, lang: ReportLanguage = 'sv'): string {
  const texts = REPORT_TEXTS[lang];
  const lines = [texts.received(report.from, report.to, report.total)];
  if (report.incompleteUntil !== undefined) lines.push(texts.incomplete(report.incompleteUntil));
  if (report.total > 0) {
    const header = [
      texts.table.area,
      ...KINDS.map((kind) => texts.table.kind[kind]),
      texts.table.total,
    ];
    const body = report.areas.map((line) => {
      const name = areaName(line, texts);
      return [
        terminalText(name === undefined ? line.area : `${name} (${line.area})`),
        ...KINDS.map((kind) => String(line.byKind[kind])),
        String(line.total),
      ];
    });
    const sum = [
      texts.table.total,
      ...KINDS.map((kind) => String(report.byKind[kind])),
      String(report.total),
    ];
    lines.push('', table([header, ...body, sum]), '', texts.serious(report.seriousComplaints));
    if (report.seriousIncompleteUntil !== undefined) {
      lines.push(texts.seriousIncomplete(report.seriousIncompleteUntil));
    }
    lines.push(
      '',
      ...labelled([
        [texts.channel.label, counts(report.byChannel, texts.channel.values)],
        [texts.reply.label, counts(report.byReply, texts.reply.values)],
        [texts.mode.label, counts(report.byMode, texts.mode.values)],
      ]),
    );
  }
  const { asked, kept, notKept } = report.replyPromise;
  const owed = report.notAskedYet;
  if (asked > 0 || owed !== undefined) {
    lines.push(
      '',
      texts.asked(asked),
      ...labelled([
        [texts.promise.label, texts.promise.answers(kept, notKept, asked - kept - notKept)],
      ]),
    );
  }
  if (owed !== undefined) lines.push(texts.notAskedYet(owed.senders, owed.lastAskOn));
  return `${lines.join('\n')}\n`;
}

/**
 * One CSV field. Quoted when it holds a comma, a semicolon, a quote or a line break. A field that
 * starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`: the area is what the
 * form sent, and a spreadsheet must not run it. Both separators are quoted in either flavour:
 * a file is often opened with the other one (Swedish Excel splits a comma file on `;`), and an
 * unquoted `;=…` would then start a cell of its own with a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const quote = /[,;"\r\n]/.test(text);
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** How the CSV is written: for programs (RFC 4180), or for Excel set to Swedish. */
export type CsvFlavour = 'rfc4180' | 'excel';

/**
 * One row per combination that occurred, for a spreadsheet's pivot table, with CRLF. `excel`
 * separates with semicolons and starts with a byte order mark: Excel with Swedish settings then
 * opens the file with a double-click in columns, with å, ä and ö right. The header and the
 * values are in `lang`: by default Swedish for `excel`, which people open, and English for
 * `rfc4180`, which programs read (the ids `praise`, `web`, `none`, as in the JSON).
 */
export function formatReportCsv(
  report: FollowUpReport,
  flavour: CsvFlavour = 'rfc4180',
  lang: ReportLanguage = flavour === 'excel' ? 'sv' : 'en',
): string {
  const separator = flavour === 'excel' ? ';' : ',';
  const texts = REPORT_TEXTS[lang];
  const { csv } = texts;
  const names = new Map(report.areas.map((line) => [line.area, areaName(line, texts) ?? '']));
  const rows = report.rows.map((row) => [
    report.from,
    report.to,
    csv.kind[row.kind],
    row.area,
    names.get(row.area) ?? '',
    csv.channel[row.channel],
    csv.mode[row.mode],
    csv.reply[row.reply],
    row.serious ? csv.serious.yes : csv.serious.no,
    row.count,
  ]);
  const lines = [csv.header, ...rows].map(
    (row) => `${row.map((field) => csvField(field)).join(separator)}\r\n`,
  );
  return `${flavour === 'excel' ? '\uFEFF' : ''}${lines.join('')}`;
}
