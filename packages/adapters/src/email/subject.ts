import type { Submission } from '@synpunkt/sdk';
import { oneLine } from './escape.js';
import { areaLabelOf } from './fields.js';
import { KIND_LABELS, SERIOUS_COMPLAINT, SUBJECT_TEXTS } from './texts.js';

/**
 * `Klagomål – Äldreomsorg`: kind and area, one line; `Allvarligt klagomål – Äldreomsorg` when
 * staff marked it serious, so it stands out in the clerk's and the manager's inbox.
 */
export function titleOf(
  submission: Submission,
  areaLabels: Readonly<Record<string, string>> | undefined,
): string {
  const kind = submission.serious ? SERIOUS_COMPLAINT : KIND_LABELS[submission.kind];
  return `${kind} – ${oneLine(areaLabelOf(areaLabels, submission.area))}`;
}

/**
 * The subject the registry clerk sorts by: `[Synpunkt] Klagomål – Äldreomsorg – SYN-1A2B3C4D`,
 * and when the sender takes an earlier case further, its number after this one's
 * (`… – SYN-1A2B3C4D – tidigare ärende KS 2026/123`), so a search of the mailbox for the earlier
 * case finds this mail too. The area and the earlier case number come from the form and may be
 * any text, so control characters are folded away before they reach the header.
 */
export function subjectOf(
  submission: Submission,
  reference: string,
  areaLabels: Readonly<Record<string, string>> | undefined,
): string {
  const subject = `[Synpunkt] ${titleOf(submission, areaLabels)} – ${reference}`;
  const earlier =
    submission.earlierReference === undefined ? '' : oneLine(submission.earlierReference);
  return earlier === '' ? subject : `${subject} – ${SUBJECT_TEXTS.earlier} ${earlier}`;
}
