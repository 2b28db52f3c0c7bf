import { createHash } from 'node:crypto';
import type { Attachment, AttachmentType, Submission } from '@synpunkt/sdk';
import { windowsFileName } from '../shared/file-name.js';

/** The name of the machine-readable copy attached to every clerk's mail. */
export const JSON_FILE_NAME = 'synpunkt.json';

/** Identifies the layout of `synpunkt.json` for the systems that import it. */
export const JSON_FORMAT = 'synpunkt-email';
/** Raised when the layout of `synpunkt.json` changes in a way importers must know about. */
export const JSON_FORMAT_VERSION = 1;

/** An attachment in `synpunkt.json`: the bytes are in the mail part named `attachedAs`. */
export interface JsonAttachment extends Omit<Attachment, 'data'> {
  /** The file name of the mail part that holds the bytes. */
  attachedAs: string;
  /** SHA-256 of the bytes, hex, to check the part against. */
  sha256: string;
}

/** The content of `synpunkt.json`. */
export interface JsonCopy {
  /** Always `synpunkt-email`: tells an importer what it is reading. */
  format: typeof JSON_FORMAT;
  /** The layout's version, `1`. */
  formatVersion: typeof JSON_FORMAT_VERSION;
  /** The reference in the subject (`SYN-1A2B3C4D`). */
  reference: string;
  /**
   * The day (`YYYY-MM-DD`) the sender was promised a reply by, when the relay gave one and a
   * reply is wanted. Absent otherwise (added in the same version: importers may ignore it).
   */
  replyBy?: string;
  /** Every field of the submission as sent, attachments without their bytes. */
  submission: Omit<Submission, 'attachments'> & {
    /** The attached files, in the order the sender added them. */
    attachments: JsonAttachment[];
  };
}

/** The extensions that fit each checked type; the first is given to a file without one. */
const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/pdf': ['.pdf'],
};

/**
 * The file name each attachment gets in the mail: its own, with an extension that fits the
 * type its bytes were checked to be (`bild.exe` holding a PNG goes as `bild.png`: mail gateways
 * refuse executable names, and the clerk's computer opens a file by its extension), one that
 * Windows saves as it is (`windowsFileName`: `C:karta.png` goes as `C_karta.png`), and unlike
 * every other part's (two photos called `bild.jpg` go as `bild.jpg` and `bild (2).jpg`).
 */
export function attachmentFileNames(attachments: readonly Attachment[]): string[] {
  const taken = new Set([JSON_FILE_NAME.toLowerCase()]);
  return attachments.map((file) => {
    const safe = windowsFileName(file.name);
    const dot = safe.lastIndexOf('.');
    const stem = dot > 0 ? safe.slice(0, dot) : safe;
    const own = dot > 0 ? safe.slice(dot) : '';
    const fitting = EXTENSIONS[file.type];
    const extension = fitting.includes(own.toLowerCase()) ? own : (fitting[0] ?? own);
    let name = `${stem}${extension}`;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem} (${n})${extension}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * The machine-readable copy of the whole submission, for a case system's e-mail import.
 * Attachments are listed with name, type, size, checksum and the mail part that holds them,
 * but not their bytes again: base64 inside JSON would double the mail's size.
 */
export function jsonCopyOf(
  submission: Submission,
  reference: string,
  attachedAs: readonly string[],
  replyBy?: string,
): JsonCopy {
  const attachments = submission.attachments.map(({ data, ...file }, index): JsonAttachment => ({
    ...file,
    attachedAs: attachedAs[index] ?? file.name,
    sha256: createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex'),
  }));
  return {
    format: JSON_FORMAT,
    formatVersion: JSON_FORMAT_VERSION,
    reference,
    ...(replyBy === undefined ? {} : { replyBy }),
    submission: { ...submission, attachments },
  };
}
