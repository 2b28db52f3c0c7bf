// Driving <synpunkt-form> as a user would: through its shadow DOM, labels and events.
import { fixture, oneEvent } from '@open-wc/testing';
import type { AdapterCapabilities, Receipt, Submission } from '@synpunkt/sdk';
import type { SynpunktForm } from '../../src/index.js';

/** Loads the registration module (idempotent, like a page with the script tag twice). */
export async function ensureDefined(): Promise<void> {
  await import('../../src/define.js');
}

/** The editor's snippet, with extra attributes (set before the element connects). */
export async function snippet(
  attributes: Record<string, string | boolean> = {},
): Promise<SynpunktForm> {
  await ensureDefined();
  const extra = Object.entries(attributes)
    .filter(([, value]) => value !== false)
    .map(([name, value]) => (value === true ? name : `${name}="${value}"`))
    .join(' ');
  const el = await fixture<SynpunktForm>(`<synpunkt-form endpoint="/api/synpunkter"
    privacy-url="/personuppgifter" reply-days="10" ${extra}>
    <synpunkt-area value="aldreomsorg">Äldreomsorg</synpunkt-area>
    <synpunkt-area value="skola">Förskola och skola</synpunkt-area>
    <a href="mailto:kommun@exempelkommun.se">Skicka din synpunkt med e-post</a>
  </synpunkt-form>`);
  await el.updateComplete;
  return el;
}

/** One element inside the form's shadow root; throws when missing, so tests fail clearly. */
export function $<T extends Element = HTMLElement>(el: SynpunktForm, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in <synpunkt-form>`);
  return found;
}

/** Every match inside the shadow root. */
export function $$<T extends Element = HTMLElement>(el: SynpunktForm, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** The visible text of the shadow root, whitespace collapsed. */
export function text(el: SynpunktForm | Element): string {
  const root = el instanceof Element && el.shadowRoot ? el.shadowRoot : el;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Clicks the label for a control, as a user would. */
export async function clickLabel(el: SynpunktForm, controlId: string): Promise<void> {
  $(el, `label[for="${controlId}"]`).click();
  await el.updateComplete;
}

/** Types into a field by setting its value and sending the input event a browser sends. */
export async function fill(el: SynpunktForm, controlId: string, value: string): Promise<void> {
  const control = $<HTMLInputElement>(el, `#${controlId}`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** A complete, valid complaint with a reply by e-mail. */
export async function fillValid(el: SynpunktForm): Promise<void> {
  await clickLabel(el, 'f-kind-complaint');
  await fill(el, 'f-area', 'skola');
  await fill(el, 'f-message', 'Gungan på skolgården har varit trasig i tre veckor.');
  await clickLabel(el, 'f-replyWanted');
  await fill(el, 'f-name', 'Anna Andersson');
  await fill(el, 'f-email', 'anna@example.org');
}

/** Presses the button with this visible text (the first one). */
export async function press(el: SynpunktForm, label: string): Promise<void> {
  const button = $$<HTMLButtonElement>(el, 'button').find((b) => text(b).startsWith(label));
  if (!button) throw new Error(`No button "${label}" in: ${text(el)}`);
  button.click();
  await el.updateComplete;
}

/** Presses the send button. */
export async function send(el: SynpunktForm): Promise<void> {
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await el.updateComplete;
}

/** Presses "Skicka" and waits until the form has a receipt. */
export async function sendAndWait(el: SynpunktForm): Promise<Receipt> {
  const success = oneEvent(el, 'synpunkt-success');
  await send(el);
  return (await success).detail;
}

/** Presses "Skicka" and waits until the form says it was not sent; gives the error's detail. */
export async function sendAndFail(
  el: SynpunktForm,
): Promise<{ error: unknown; retryable: boolean }> {
  const failed = oneEvent(el, 'synpunkt-error');
  await send(el);
  return (await failed).detail;
}

// The same files as @synpunkt/sdk/testing (which needs node:test, so cannot load here).
/** A 1 × 1 transparent PNG, 70 bytes. */
const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** A one-page PDF. */
const TINY_PDF_BASE64 = btoa(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** A real 1 × 1 PNG. */
export const png = (name = 'a.png') =>
  new File([bytes(TINY_PNG_BASE64)], name, { type: 'image/png' });

/** A real PDF, renamed and typed as a JPEG. */
export const pdfAsJpeg = (name = 'kvitto.jpg') =>
  new File([bytes(TINY_PDF_BASE64)], name, { type: 'image/jpeg' });

/** A file larger than the 5 MB limit (its content is never read). */
export const huge = (name = 'stor.png') =>
  new File([new Uint8Array(5 * 1024 * 1024 + 1)], name, { type: 'image/png' });

/**
 * Picks files as the system's file dialog would, which the picker's button (`#f-attachments`)
 * opens: they arrive in its hidden file input.
 */
export async function pick(el: SynpunktForm, files: File[]): Promise<void> {
  const input = $<HTMLInputElement>(el, 'input[type="file"]');
  const transfer = new DataTransfer();
  files.forEach((file) => transfer.items.add(file));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** An adapter that keeps what it gets in memory (the sdk's own needs Node). */
export function memoryAdapter(capabilities: AdapterCapabilities = {}) {
  const stored = new Map<string, Submission>();
  return {
    name: 'memory',
    capabilities,
    stored,
    async submit(submission: Submission) {
      stored.set(submission.id, submission);
      return { id: submission.id, reference: 'MEM-1', receivedAt: new Date().toISOString() };
    },
  };
}
