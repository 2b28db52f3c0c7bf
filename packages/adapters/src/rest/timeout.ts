import type { Submission } from '@synpunkt/sdk';
import type { ResolvedRestConfig } from './config.js';

/**
 * The time one try may take: `timeoutMs` for the answer, plus the time the body needs at the
 * slowest upload we wait for. The body is estimated from what makes it big (the files' base64,
 * the message at up to 3 bytes a character in UTF-8), not serialised twice.
 */
export function timeoutFor(
  submission: Submission,
  options: Pick<ResolvedRestConfig, 'timeoutMs' | 'uploadBytesPerSecond'>,
): number {
  const files = submission.attachments.reduce((sum, file) => sum + file.data.length, 0);
  const bytes = files + submission.message.length * 3 + 4_096;
  return options.timeoutMs + Math.ceil((bytes / options.uploadBytesPerSecond) * 1000);
}
