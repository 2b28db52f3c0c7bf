import { escapeHtml } from './escape.js';
import type { FieldRow } from './fields.js';
import type { BodyOptions } from './render-text.js';
import { CLERK_TEXTS } from './texts.js';

const CELL = 'padding:6px 10px;border:1px solid #c8c8c8;vertical-align:top;text-align:left;';
const LABEL = `${CELL}background:#f2f2f2;font-weight:bold;white-space:nowrap;`;
const VALUE = `${CELL}white-space:pre-wrap;word-break:break-word;`;

/**
 * Escaped text whose line breaks are `<br>` elements. `white-space:pre-wrap` alone is not
 * enough: Outlook for Windows renders mail with Word, which ignores it, and so do sanitisers
 * that drop style attributes (a case system's e-mail import, a forward): the pasted list and
 * the paragraphs would run together into one block. Under `pre-wrap` a `<br>` in place of the
 * line break gives the same single break, so other clients show it as before.
 */
export function htmlLines(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * The HTML body for the registry clerk: the same rows as the text body in a simple table with
 * inline styles (mail clients drop style sheets), no scripts, images or links. Every value is
 * escaped, so nothing a sender typed can become markup; line breaks are `<br>` elements.
 * The page address is shown as text, not as a link the clerk might follow.
 */
export function renderHtml(rows: readonly FieldRow[], options: BodyOptions): string {
  const body = rows
    .map(
      ({ key, label, value }) =>
        `<tr><th scope="row" style="${LABEL}">${escapeHtml(label)}</th>` +
        `<td style="${VALUE}" data-field="${key}">${htmlLines(value)}</td></tr>`,
    )
    .join('\n');
  const title = `${CLERK_TEXTS.heading}: ${options.title}`;
  return [
    '<!doctype html>',
    '<html lang="sv">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1a1a1a;background:#ffffff;">',
    `<h1 style="font-size:20px;margin:0 0 12px;">${escapeHtml(title)}</h1>`,
    '<table style="border-collapse:collapse;max-width:800px;">',
    body,
    '</table>',
    `<p style="margin:16px 0 0;font-size:13px;color:#444444;">${escapeHtml(options.hint)}<br>` +
      `${escapeHtml(CLERK_TEXTS.jsonHint)}<br>${escapeHtml(CLERK_TEXTS.publicRecord)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
