import { newSubmissionId } from '../client.js';
import { parseSubmission } from '../schema.js';
import type { Submission, SubmissionInput } from '../submission.js';
import { SCHEMA_VERSION } from '../vocabulary.js';

/** A 1 × 1 transparent PNG, 70 bytes: the smallest real attachment. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A minimal PDF (one empty page), as a scanned letter would arrive. */
export const TINY_PDF_BASE64 = btoa(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * A valid, normalised submission with a fresh id: a complaint about a playground with a reply
 * by e-mail. Override any field; the result is validated, so a test cannot start from bad data
 * by mistake.
 */
export function sampleSubmission(overrides: Partial<SubmissionInput> = {}): Submission {
  const input: SubmissionInput = {
    schemaVersion: SCHEMA_VERSION,
    id: newSubmissionId(),
    kind: 'complaint',
    area: 'gata-park',
    message:
      'Gungan på lekplatsen vid Storgatan har varit trasig i tre veckor. Barnen kan inte använda den.',
    place: 'Lekplatsen vid Storgatan 4',
    occurredAt: '2026-11-20',
    reply: { wanted: true, via: 'email', name: 'Anna Andersson', email: 'anna@example.org' },
    attachments: [],
    locale: 'sv',
    mode: 'standard',
    channel: 'web',
    submittedAt: new Date().toISOString(),
    pageUrl: 'https://www.exempelkommun.se/synpunkter',
    ...overrides,
  };
  const parsed = parseSubmission(input);
  if (!parsed.success) {
    throw new Error(
      `sampleSubmission: the overrides make it invalid: ${JSON.stringify(parsed.issues)}`,
    );
  }
  return parsed.data;
}

/** An anonymous praise, with no contact details at all. */
export function sampleAnonymous(overrides: Partial<SubmissionInput> = {}): Submission {
  return sampleSubmission({
    kind: 'praise',
    area: 'bibliotek',
    message: 'Tack för hjälpen på biblioteket i går!',
    reply: { wanted: false },
    ...overrides,
  });
}
