// The language a sender used, as a Swedish clerk reads it. Shared by the e-mail and Artvise
// adapters, so the clerk's mail and the case say it the same way.

/** Names of the languages a sender is likely to use, in Swedish. */
const LANGUAGE_NAMES: Record<string, string> = {
  sv: 'svenska',
  en: 'engelska',
  fi: 'finska',
  fit: 'meänkieli',
  se: 'nordsamiska',
  sma: 'sydsamiska',
  smj: 'lulesamiska',
  rom: 'romani chib',
  yi: 'jiddisch',
};

/** `engelska (en-GB)` for a locale with a known language, else the locale as it was sent. */
export function languageOf(locale: string): string {
  const base = locale.split('-')[0]?.toLowerCase() ?? '';
  const name = Object.hasOwn(LANGUAGE_NAMES, base) ? LANGUAGE_NAMES[base] : undefined;
  return name === undefined ? locale : `${name} (${locale})`;
}
