/**
 * The reference the sender quotes and the clerk searches for: the prefix and the first eight
 * hex digits of the submission id (`SYN-1A2B3C4D`). Derived, so every retry, and a restarted
 * relay, gives the same one without keeping any state.
 */
export function referenceOf(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The Message-ID of the clerk's mail: the same for every retry, so mail systems can dedupe. */
export function messageIdOf(id: string): string {
  return `<${id}@synpunkt>`;
}

/** The Message-ID of the confirmation mail to the sender. */
export function confirmationMessageIdOf(id: string): string {
  return `<${id}.kvitto@synpunkt>`;
}
