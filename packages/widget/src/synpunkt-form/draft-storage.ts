import { emptyValues, type FormValues } from './values.js';

/** What survives a reload in the same tab. */
export interface StoredDraft {
  values: FormValues;
  /** The submission id and first send time, once a send was tried: a retry after a reload must reuse them. */
  attempt?: Attempt;
  /**
   * Names of attached files. Their content is never stored: photos are megabytes, session
   * storage holds about five, and the sender is told to add them again.
   */
  files: string[];
  /** Lättläst, when the sender chose it: a reload must not drop them back into the long form. */
  mode?: 'lattlast';
}

/**
 * What a send fixes besides the values: the id, the first send time, the mode and language it
 * went in, and the page it was sent from. A retry reuses them all, so it is the same submission
 * byte for byte even if the person has switched to lättläst or the page's language since, or
 * gone to another page with the same `draft-key` (the relay refuses the same id with a
 * different body as a conflict).
 */
export interface Attempt {
  id: string;
  submittedAt: string;
  /** Missing only in a draft saved by an earlier version: then the current ones are used. */
  mode?: 'standard' | 'lattlast';
  locale?: string;
  pageUrl?: string;
}

const PREFIX = 'synpunkt-draft:';

/** One key per page and form, so two forms on a page or two pages in a tab keep apart. */
export const pageDraftKey = (path: string, elementId: string): string =>
  `${PREFIX}${path}#${elementId}`;

/**
 * One key for one form on several pages (its Swedish and English versions), by the name the
 * web editor gave it in `draft-key`: the draft follows the person between the pages. The
 * endpoint and staff mode are part of the key, so the same name on a different form (another
 * endpoint, the staff form) still keeps a draft of its own. Never the same as a page's key,
 * which has a path (`/…`) where this has `[`.
 */
export const sharedDraftKey = (name: string, endpoint: string, staff: boolean): string =>
  `${PREFIX}${JSON.stringify([name, endpoint, staff])}`;

/** Session storage, or nothing where it is blocked (private modes, sandboxed frames). */
function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The draft saved under `key`, if any and readable. A damaged entry is ignored, not thrown. */
export function loadDraft(key: string): StoredDraft | undefined {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    const base = emptyValues();
    const values = { ...base };
    const saved = (parsed.values ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(base) as (keyof FormValues)[]) {
      if (typeof saved[name] === 'string') (values as Record<string, string>)[name] = saved[name];
    }
    const draft: StoredDraft = {
      values,
      files: Array.isArray(parsed.files) ? parsed.files.filter((f) => typeof f === 'string') : [],
    };
    if (parsed.mode === 'lattlast') draft.mode = 'lattlast';
    const attempt = parsed.attempt as Partial<Attempt> | undefined;
    if (typeof attempt?.id === 'string' && typeof attempt.submittedAt === 'string') {
      const { id, submittedAt, mode, locale, pageUrl } = attempt;
      draft.attempt = {
        id,
        submittedAt,
        ...(mode === 'standard' || mode === 'lattlast' ? { mode } : {}),
        ...(typeof locale === 'string' ? { locale } : {}),
        ...(typeof pageUrl === 'string' ? { pageUrl } : {}),
      };
    }
    return draft;
  } catch {
    return undefined;
  }
}

/** Saves the draft; a full or blocked storage loses the draft, never the page. */
export function saveDraft(key: string, draft: StoredDraft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota exceeded or storage blocked: the form keeps working without a saved draft.
  }
}

/** Forgets the draft (after a successful send, or when the sender starts over). */
export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
