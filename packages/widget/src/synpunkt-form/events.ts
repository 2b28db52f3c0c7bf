import type { AdapterError, Receipt, SubmissionDraft } from '@synpunkt/sdk';

/** `synpunkt-submit`: about to send. Cancel it (`preventDefault()`) to stop the send. */
export interface SynpunktSubmitDetail {
  /** What will be sent, with the id it is sent under. */
  draft: SubmissionDraft;
}

/** `synpunkt-error`: the send failed; the form keeps the text. */
export interface SynpunktErrorDetail {
  /** What went wrong (an `AdapterError` says why, and its `status`). */
  error: AdapterError | Error;
  /** Whether sending again may work (the form then offers "Försök igen"). */
  retryable: boolean;
}

/** The form's events, all bubbling and composed, so a page can listen on `document`. */
export interface SynpunktEventMap {
  /** Valid and about to send; cancelable. */
  'synpunkt-submit': CustomEvent<SynpunktSubmitDetail>;
  /** Received; the detail is the receipt. */
  'synpunkt-success': CustomEvent<Receipt>;
  /** Not sent; the text is kept. */
  'synpunkt-error': CustomEvent<SynpunktErrorDetail>;
}

/** Dispatches one of the form's events; returns false when a listener cancelled it. */
export function emit<K extends keyof SynpunktEventMap>(
  target: EventTarget,
  type: K,
  detail: SynpunktEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }),
  );
}

declare global {
  // The events bubble and are composed, so a listener on the document gets them too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends SynpunktEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends SynpunktEventMap {}
}
