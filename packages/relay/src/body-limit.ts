import { LIMITS, type Adapter } from '@synpunkt/sdk';
import type { Logger } from './log.js';

/**
 * Room for a synpunkt without files: 10 000 characters of four-byte UTF-8 (40 000 bytes), the
 * other fields, JSON's escapes and quotes, with some to spare.
 */
export const TEXT_ONLY_BODY_BYTES = 64 * 1024;

/**
 * The largest body a valid synpunkt for these targets can need: the text, and the most files
 * any of them takes (the sdk's 10 MB, or a target's lower `maxTotalBytes`) in base64.
 */
export function largestBodyBytes(targets: readonly { adapter: Adapter }[]): number {
  let files = 0;
  for (const { adapter } of targets) {
    const attachments = adapter.capabilities?.attachments;
    if (attachments === false) continue;
    const total = Math.min(
      LIMITS.attachmentsTotalBytesMax,
      attachments?.maxTotalBytes ?? LIMITS.attachmentsTotalBytesMax,
    );
    files = Math.max(files, total);
  }
  return TEXT_ONLY_BODY_BYTES + Math.ceil(files / 3) * 4;
}

/**
 * A `bodyLimitBytes` below what the form lets a person send means a 413 after they wrote it
 * all: the form says "up to 10 MB" and the relay stops reading before that.
 */
export function warnOfSmallBodyLimit(
  bodyLimitBytes: number,
  targets: readonly { adapter: Adapter }[],
  log: Logger,
): void {
  const needed = largestBodyBytes(targets);
  if (bodyLimitBytes >= needed) return;
  log.warn('config.body_limit_too_small', {
    bodyLimitBytes,
    fix:
      `set bodyLimitBytes to at least ${needed}: the form lets a person send a message of ` +
      `${LIMITS.messageMax} characters` +
      (needed > TEXT_ONLY_BODY_BYTES ? ' and files, which travel in base64' : '') +
      ', and a larger body gets 413 after they wrote it all',
  });
}
