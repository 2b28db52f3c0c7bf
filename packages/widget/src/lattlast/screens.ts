import { KINDS } from '@synpunkt/sdk';
import type { Catalog, LattlastCatalog, StepId } from '../translations/catalog.js';

/**
 * The texts one lättläst step shows, in reading order: its question, its instruction and its
 * choices. "Lyssna" reads exactly these (after the progress), and the LIX test measures them
 * per screen. `ll` is the catalog with the lättläst texts laid over it; `areas` are the
 * configured area names; `who` names the municipality.
 */
export function screenText(
  ll: Catalog & LattlastCatalog,
  step: StepId,
  areas: readonly string[] = [],
  who = 'kommunen',
): string[] {
  const { heading, instruction } = ll.steps[step];
  const more: string[] =
    step === 'kind'
      ? KINDS.flatMap((kind) => [ll.kinds[kind].label, ll.kinds[kind].hint])
      : step === 'area'
        ? [...areas, ll.areaUnknown]
        : step === 'reply'
          ? [ll.replyYes, ll.replyNo]
          : step === 'review'
            ? [ll.publicRecord(who)]
            : [];
  return [heading, instruction, ...more];
}

/** Texts joined for reading aloud: each ends as a sentence, so the voice pauses. */
export const asSentences = (texts: readonly string[]): string =>
  texts.map((text) => (/[.!?:…]$/.test(text) ? text : `${text}.`)).join(' ');
