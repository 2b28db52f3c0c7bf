import { LIMITS, type AdapterCapabilities, type ReceiverLimits } from '@synpunkt/sdk';
import { TEXT_ONLY_BODY_BYTES } from './body-limit.js';
import type { Target } from './targets.js';

/** The most file bytes a body of this size carries beside the text, base64 making 3 bytes 4. */
export function fileBytesWithin(bodyLimitBytes: number): number {
  return Math.max(0, Math.floor((bodyLimitBytes - TEXT_ONLY_BODY_BYTES) / 4) * 3);
}

/** A target's capabilities, with the files the relay's own body limit lets through. */
function withinBody(capabilities: AdapterCapabilities, fileBytes: number): AdapterCapabilities {
  const files = capabilities.attachments;
  if (files === false) return capabilities;
  if (fileBytes === 0) return { ...capabilities, attachments: false };
  const maxTotalBytes = Math.min(
    fileBytes,
    files?.maxTotalBytes ?? LIMITS.attachmentsTotalBytesMax,
  );
  return { ...capabilities, attachments: { ...files, maxTotalBytes } };
}

/**
 * What `GET /v1/limits` answers: for each target, the synpunkter it takes and what it can
 * carry, so the form shows the right limits before a person writes or picks a file. Target
 * names and settings stay in the relay.
 */
export function receiverLimits(targets: readonly Target[], bodyLimitBytes: number): ReceiverLimits {
  const fileBytes = fileBytesWithin(bodyLimitBytes);
  return {
    routes: targets.map((target) => ({
      ...(target.areas ? { areas: [...target.areas] } : {}),
      ...(target.kinds ? { kinds: [...target.kinds] } : {}),
      ...(target.serious ? { serious: true as const } : {}),
      capabilities: withinBody(target.adapter.capabilities ?? {}, fileBytes),
    })),
  };
}
