import type { FieldRow } from './fields.js';
import { CLERK_TEXTS } from './texts.js';

/** Facts around the rows: the heading and whether a reply to the mail reaches the sender. */
export interface BodyOptions {
  /** `Klagomål – Äldreomsorg`. */
  title: string;
  /** What a reply to this mail does: reaches the sender, or must not be sent (and why). */
  hint: string;
}

/**
 * The plain-text body for the registry clerk: every row as `Label: value`; values that span
 * lines (the message, an address, the attachments) start on the line after their label.
 * User text is kept as written, but for one thing: a line that is exactly `-- ` (a pasted
 * e-mail signature) loses its space. Mail clients take that line as the start of a signature,
 * dim everything after it (the sender's contact details) and leave it out of a reply's quote.
 * The HTML part and `synpunkt.json` keep it.
 */
export function renderText(rows: readonly FieldRow[], options: BodyOptions): string {
  const lines = [`${CLERK_TEXTS.heading}: ${options.title}`, ''];
  for (const { label, value: raw } of rows) {
    const value = raw.replace(/^-- $/gm, '--');
    if (value.includes('\n')) lines.push(`${label}:`, value, '');
    else lines.push(`${label}: ${value}`);
  }
  lines.push('', '--', options.hint, CLERK_TEXTS.jsonHint, CLERK_TEXTS.publicRecord, '');
  return lines.join('\n');
}
