import { AdapterError, parseSubmission, type Submission } from '@synpunkt/sdk';

/**
 * The submission, checked against the sdk's schema before any traffic: a caller may skip the
 * client, and a backend must not get a case with no message. Throws a non-retryable `invalid`
 * `AdapterError` with the schema's issues.
 */
export function checkedSubmission(candidate: unknown): Submission {
  const parsed = parseSubmission(candidate);
  if (parsed.success) return parsed.data;
  const list = parsed.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.code}`).join(', ');
  throw new AdapterError(`The submission is not valid: ${list}`, {
    reason: 'invalid',
    issues: parsed.issues,
    retryable: false,
  });
}
