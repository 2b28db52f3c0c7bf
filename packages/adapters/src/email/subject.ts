import type { Submission } from '@synpunkt/sdk';
import { oneLine } from './escape.js';
import { areaLabelOf } from './fields.js';
import { KIND_LABELS } from './texts.js';

/** `Klagomål – Äldreomsorg`: kind and area, one line. */
export function titleOf(
  submission: Submission,
  areaLabels: Readonly<Record<string, string>> | undefined,
): string {
  return `${KIND_LABELS[submission.kind]} – ${oneLine(areaLabelOf(areaLabels, submission.area))}`;
}

/**
 * The subject the registry clerk sorts by: `[Synpunkt] Klagomål – Äldreomsorg – SYN-1A2B3C4D`.
 * The area comes from the form and may be any text, so control characters are folded away
 * before it reaches the header.
 */
export function subjectOf(
  submission: Submission,
  reference: string,
  areaLabels: Readonly<Record<string, string>> | undefined,
): string {
  return `[Synpunkt] ${titleOf(submission, areaLabels)} – ${reference}`;
}
