const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes any text safe as HTML element content or a quoted attribute value: `<`, `>`, `&` and
 * both quotes become character references, so user text can never become markup.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Bidirectional embeddings, overrides and isolates: they reorder what follows on the line. */
const REORDERING = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text fit for a mail header: every control character (CR and LF among them) and every
 * line or paragraph separator becomes a space, runs of spaces shrink to one. A name with CR/LF
 * can then never start a header line of its own (`Bcc: …`). Bidirectional overrides are
 * dropped: U+202E in the area would show the rest of the subject, the reference too, backwards.
 * Nodemailer encodes what remains.
 */
export function oneLine(text: string): string {
  return text.replace(BREAKING, ' ').replace(REORDERING, '').replace(/ {2,}/g, ' ').trim();
}

/**
 * A display name for an address header (`Reply-To`, `From`): {@link oneLine}, and every `=?`
 * written `= ?`. Nodemailer leaves an ASCII name as it is, in quotes, and mail programs decode
 * an RFC 2047 encoded word even there: a sender who typed `=?utf-8?B?VkQgPHZkQGtvbW11bi5zZT4=?=`
 * as their name would show to the clerk as `VD <vd@kommun.se>`. The body and `synpunkt.json`
 * keep the name as typed.
 */
export function displayName(text: string): string {
  return oneLine(text).replace(/=\?/g, '= ?');
}
