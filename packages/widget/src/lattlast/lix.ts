/** The counts behind a LIX score. */
export interface LixCounts {
  /** Words: runs of letters and digits (see {@link lix}). */
  words: number;
  /** Sentences that hold at least one word. */
  sentences: number;
  /** Words with more than six letters. */
  longWords: number;
  /** The score: words / sentences + 100 × long words / words; 0 for a text without words. */
  lix: number;
}

// A word: letters or digits, joined by an inner hyphen or apostrophe ("e-post", "don't").
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// A sentence ends at . ! ? : or … followed by white space or the end, and at every line break
// (each item of a list is its own sentence). "namn@exempel.se", "12:30" and "1.5" do not end one.
const SENTENCE_END = /[.!?:…]+(?=\s|$)|\n/u;
const LETTER = /\p{L}/gu;

/** The words, sentences and long words of a text, and its LIX. */
export function lixCounts(text: string): LixCounts {
  let words = 0;
  let sentences = 0;
  let longWords = 0;
  for (const sentence of text.split(SENTENCE_END)) {
    const found = sentence.match(WORD) ?? [];
    if (found.length === 0) continue;
    sentences += 1;
    words += found.length;
    longWords += found.filter((word) => (word.match(LETTER)?.length ?? 0) > 6).length;
  }
  const lix = words === 0 ? 0 : words / sentences + (100 * longWords) / words;
  return { words, sentences, longWords, lix };
}

/**
 * LIX (läsbarhetsindex), the common measure of how hard a Swedish text is to read:
 * words / sentences + 100 × long words / words. Under 25 is very easy, 25–30 easy, 30–40
 * normal, over 50 hard.
 *
 * Precisely: a **word** is a run of letters (any alphabet, å ä ö included) and digits, where an
 * inner hyphen or apostrophe joins ("e-post" is one word); everything else separates words, so
 * "namn@exempel.se" is three. Numbers count as words (they are read) but are never long: a word
 * is **long** when it has more than six *letters*. A **sentence** ends at `.` `!` `?` `:` or `…`
 * followed by white space or the end of the text, and at every line break, so each item of a
 * list is one sentence. A text without words scores 0.
 *
 * @example lix('Du får svar. Vi ringer till dig.') // 3.5 (7 words, 2 sentences, 0 long)
 */
export function lix(text: string): number {
  return lixCounts(text).lix;
}
