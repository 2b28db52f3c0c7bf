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

/**
 * Makes text fit for a mail header: every control character (CR and LF among them) and every
 * line or paragraph separator becomes a space, runs of spaces shrink to one. A name with CR/LF
 * can then never start a header line of its own (`Bcc: …`). Nodemailer encodes what remains.
 */
export function oneLine(text: string): string {
  return text.replace(BREAKING, ' ').replace(/ {2,}/g, ' ').trim();
}
