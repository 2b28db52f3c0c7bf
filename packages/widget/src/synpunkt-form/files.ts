import {
  ATTACHMENT_TYPES,
  LIMITS,
  mendFileName,
  sniffMediaType,
  type AdapterCapabilities,
  type Attachment,
  type AttachmentType,
} from '@synpunkt/sdk';

/** What files the form takes: the sdk's limits, tightened by the backend's. */
export interface FileLimits {
  types: readonly AttachmentType[];
  maxCount: number;
  maxBytes: number;
  maxTotalBytes: number;
}

/** Why a picked file was not added. */
export type RefusalReason =
  'type' | 'bytes' | 'size' | 'count' | 'total' | 'read' | 'empty' | 'duplicate';

/** A file the form refused, with the reason the sender is told. */
export interface Refusal {
  name: string;
  reason: RefusalReason;
}

/** The limits to show and enforce, or `undefined` when the backend takes no files. */
export function fileLimits(capabilities: AdapterCapabilities): FileLimits | undefined {
  const files = capabilities.attachments;
  // No type at all is no files at all: a hint "Du kan bifoga ." would help nobody.
  if (files === false || files?.types?.length === 0) return undefined;
  const min = (sdk: number, backend: number | undefined) => Math.min(sdk, backend ?? sdk);
  return {
    types: files?.types ?? ATTACHMENT_TYPES,
    maxCount: min(LIMITS.attachmentCountMax, files?.maxCount),
    maxBytes: min(LIMITS.attachmentBytesMax, files?.maxBytes),
    maxTotalBytes: min(LIMITS.attachmentsTotalBytesMax, files?.maxTotalBytes),
  };
}

const BY_EXTENSION: Record<string, AttachmentType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The type the file claims: the browser's, or by its extension when the browser gives none. */
function claimedType(file: File): string {
  if (file.type) return file.type;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? '';
}

/**
 * A name the sdk accepts (`isFileName`), not longer than the limit. The picked name is mended
 * here, so a file the form listed is never what stops the whole synpunkt at sending.
 */
function cleanName(name: string): string {
  const clean = mendFileName(name).trim().replace(/^\.+$/, '') || 'fil';
  if (clean.length <= LIMITS.fileNameMax) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? clean.slice(dot) : '';
  return clean.slice(0, LIMITS.fileNameMax - extension.length) + extension;
}

/** The file's content as base64 (without the `data:` prefix). */
function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * Adds picked files to those already attached, checking each before reading it (type, size,
 * count, total) and after (its bytes must be what its type claims: a PDF renamed `.jpg` is
 * refused here, as the receiver would refuse it).
 */
export async function addFiles(
  existing: readonly Attachment[],
  picked: readonly File[],
  limits: FileLimits,
): Promise<{ attachments: Attachment[]; refused: Refusal[] }> {
  const attachments = [...existing];
  const refused: Refusal[] = [];
  let total = existing.reduce((sum, file) => sum + file.size, 0);
  for (const file of picked) {
    const name = cleanName(file.name);
    const type = claimedType(file);
    const refuse = (reason: RefusalReason) => refused.push({ name, reason });
    if (!(limits.types as readonly string[]).includes(type)) refuse('type');
    else if (file.size === 0) refuse('empty');
    else if (file.size > limits.maxBytes) refuse('size');
    else {
      let data: string;
      try {
        data = await readBase64(file);
      } catch {
        refuse('read');
        continue;
      }
      if (sniffMediaType(data) !== type) refuse('bytes');
      // The same photo picked twice (easy when the picker says nothing about the first time);
      // before the limits, so "already attached" is what the person hears.
      else if (attachments.some((a) => a.data === data && sameFile(a.name, name)))
        refuse('duplicate');
      else if (attachments.length >= limits.maxCount) refuse('count');
      else if (total + file.size > limits.maxTotalBytes) refuse('total');
      else {
        const unique = numbered(name, attachments);
        attachments.push({ name: unique, type: type as AttachmentType, size: file.size, data });
        total += file.size;
      }
    }
  }
  return { attachments, refused };
}

const splitName = (name: string): [string, string] => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
};

/** True when `attached` is `picked`, or `picked` numbered when it was added: "image (2).jpg". */
function sameFile(attached: string, picked: string): boolean {
  if (attached === picked) return true;
  const [stem, extension] = splitName(picked);
  const numberedName = /^(.*) \(\d+\)(\.[^.]*)?$/.exec(attached);
  return numberedName !== null && numberedName[1] === stem && (numberedName[2] ?? '') === extension;
}

/**
 * A name no attached file has: every photo from some phones is `image.jpg`, so the second is
 * "image (2).jpg", fixed when it is added. The remove buttons, the messages and the clerk's mail
 * then all say the same name, and each button says which file.
 */
function numbered(name: string, attachments: readonly Attachment[]): string {
  const taken = new Set(attachments.map((a) => a.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  const [stem, extension] = splitName(name);
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})${extension}`;
    const candidate = `${stem.slice(0, LIMITS.fileNameMax - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
