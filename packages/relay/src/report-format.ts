import { KINDS } from '@synpunkt/sdk';
import type { FollowUpReport } from './report.js';

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

const counts = (record: Record<string, number>): string =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

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

/** The compilation as a person reads it in a terminal. */
export function formatReportText(report: FollowUpReport): string {
  const lines = [
    `Synpunkter received ${report.from} to ${report.to} (days in Sweden): ${report.total}`,
  ];
  if (report.incompleteUntil !== undefined) {
    lines.push(
      `Not complete up to ${report.incompleteUntil}: synpunkter purged before this relay kept figures are missing.`,
    );
  }
  if (report.total > 0) {
    const header = ['area', ...KINDS, 'total'];
    const body = report.areas.map((line) => [
      terminalText(line.name === undefined ? line.area : `${line.name} (${line.area})`),
      ...KINDS.map((kind) => String(line.byKind[kind])),
      String(line.total),
    ]);
    const sum = [
      'total',
      ...KINDS.map((kind) => String(report.byKind[kind])),
      String(report.total),
    ];
    lines.push('', table([header, ...body, sum]), '');
    lines.push(`channel:  ${counts(report.byChannel)}`);
    lines.push(`reply:    ${counts(report.byReply)}`);
    lines.push(`mode:     ${counts(report.byMode)}`);
  }
  const { asked, kept, notKept } = report.replyPromise;
  const owed = report.notAskedYet;
  if (asked > 0 || owed !== undefined) {
    lines.push(
      '',
      `Asked whether the e-mail reply came by the promised day: ${asked}`,
      `promise:  kept ${kept}, not kept ${notKept}, no answer ${asked - kept - notKept}`,
    );
  }
  if (owed !== undefined) {
    lines.push(
      `Not asked yet: ${owed.senders}, the last on ${owed.lastAskOn}. Run the report again after that day for every answer.`,
    );
  }
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
 * opens the file with a double-click in columns, with å, ä and ö right.
 */
export function formatReportCsv(report: FollowUpReport, flavour: CsvFlavour = 'rfc4180'): string {
  const separator = flavour === 'excel' ? ';' : ',';
  const header = ['from', 'to', 'kind', 'area', 'area_name', 'channel', 'mode', 'reply', 'count'];
  const names = new Map(report.areas.map((line) => [line.area, line.name ?? '']));
  const rows = report.rows.map((row) => [
    report.from,
    report.to,
    row.kind,
    row.area,
    names.get(row.area) ?? '',
    row.channel,
    row.mode,
    row.reply,
    row.count,
  ]);
  const lines = [header, ...rows].map(
    (row) => `${row.map((field) => csvField(field)).join(separator)}\r\n`,
  );
  return `${flavour === 'excel' ? '\uFEFF' : ''}${lines.join('')}`;
}
