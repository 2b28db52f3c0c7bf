import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { lix, lixCounts } from '../../src/lattlast/lix.js';
import { screenText } from '../../src/lattlast/screens.js';
import type { Catalog, LattlastCatalog, StepId } from '../../src/translations/catalog.js';
import { en } from '../../src/translations/en.js';
import { enLattlast } from '../../src/translations/en-lattlast.js';
import { sv } from '../../src/translations/sv.js';
import { svLattlast } from '../../src/translations/sv-lattlast.js';

// Readability, measured. The lättläst texts must be very easy (LIX < 25 for the whole catalog,
// < 30 for each screen, no sentence over 12 words); the standard Swedish must be plain (< 40).

/**
 * Sample values for every text that is a function, by its key. A new function text without a
 * sample fails the test, so nothing escapes the measure.
 */
const SAMPLES: Record<string, unknown[]> = {
  progress: [2, 5],
  messageCount: ['120', '10 000'],
  messageOver: ['12'],
  filesHint: [5, '5 MB', '10 MB', 'JPEG, PNG eller PDF'],
  fileRemove: ['lekplats.png'],
  fileRefusedType: ['brev.txt', 'JPEG, PNG och PDF'],
  fileRefusedBytes: ['kvitto.jpg'],
  fileRefusedSize: ['stor.png', '5 MB'],
  fileRefusedCount: ['6.png', 5],
  fileRefusedTotal: ['stor.png', '10 MB'],
  fileRefusedRead: ['bild.png'],
  fileRefusedEmpty: ['tom.jpg'],
  fileRefusedDuplicate: ['kvitto.png'],
  filesAddedNote: ['kvitto.png, brev.pdf', 2],
  fileRemoved: ['kvitto.png'],
  filesNotRestored: ['foto.png'],
  publicRecord: ['kommunen'],
  publicRecordStaff: ['kommunen'],
  contactUse: ['kommunen'],
  contactUseStaff: ['kommunen'],
  summaryItem: ['Synpunkt', 'Skriv din synpunkt.'],
  receiptReplyBy: ['tisdag 8 december 2026'],
  receiptNext: ['kommunen'],
  receiptNextAnonymous: ['kommunen'],
  // The staff receipt (receiptStaff).
  replyBy: ['tisdag 8 december 2026'],
  next: ['kommunen'],
  nextAnonymous: ['kommunen'],
  errors: [{ max: '10 000', allowed: 'JPEG, PNG och PDF' }],
};
const SKIP = new Set(['locale', 'dateLocale']);

/** Every text of a catalog, functions called with their samples; one text per entry. */
function texts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SKIP.has(key) ? [] : [value];
  if (typeof value === 'function') {
    const sample = SAMPLES[key];
    assert.ok(sample, `no sample parameters for the text "${key}": add them to SAMPLES`);
    return [String(value(...sample))];
  }
  if (Array.isArray(value)) return value.flatMap((item) => texts(item, key));
  if (value && typeof value === 'object') {
    // Error texts share one sample; everything else is looked up by its own key.
    return Object.entries(value).flatMap(([k, v]) => texts(v, key === 'errors' ? key : k));
  }
  return [];
}

/** Texts read as sentences: each text on its own line, so a label is a sentence of its own. */
const asText = (list: readonly string[]) => list.join('\n');
/** For information: only the texts of four words or more, without the short labels. */
const prose = (list: readonly string[]) =>
  asText(list.filter((text) => lixCounts(text).words >= 4));

const AREAS = ['Äldreomsorg', 'Förskola och skola'];
type Merged = Catalog & LattlastCatalog;

/**
 * The screens of lättläst mode and the texts each shows (the catalog with the lättläst texts
 * laid over it, as the form uses it). Each step is `screenText` (what "Lyssna" reads) plus the
 * texts around it: the toggle, the progress, the buttons, and what the step adds.
 */
function screens(t: Merged): Record<string, string[]> {
  const chrome = (step: StepId, ...more: string[]) => [
    t.toggle,
    t.progress(2, 5),
    t.listen,
    ...screenText(t, step, AREAS),
    ...more,
    t.back,
    t.next,
  ];
  const routes = Object.values(t.routes).flat();
  return {
    '1 kind': chrome('kind', t.routesHeading, ...routes, t.alternatives),
    '2 area': chrome('area'),
    '3 message': chrome('message', t.messageCount('0', '10 000')),
    '4 reply, yes': chrome(
      'reply',
      t.requiredForReply,
      t.nameLabel,
      t.viaLegend,
      t.viaEmail,
      t.viaPhone,
      t.viaLetter,
      t.emailLabel,
    ),
    '4 reply, no': chrome('reply', t.anonymousNote),
    '5 review': chrome(
      'review',
      ...(['kind', 'area', 'message', 'replyWanted'] as const).map((key) => t.fields[key]),
      t.change,
      t.privacyLink,
      t.send,
    ),
    'step errors': [t.summaryHeading, ...Object.values(t.required)],
    receipt: [
      t.receiptHeading,
      t.receiptReference,
      t.receiptReplyBy('tisdag 8 december 2026'),
      t.receiptNext('kommunen'),
      t.sendAnother,
    ],
    'receipt, anonymous': [
      t.receiptHeading,
      t.receiptReference,
      t.receiptNextAnonymous('kommunen'),
    ],
    failed: [t.failedHeading, t.failedRetryable, t.retry],
  };
}

const sentencesOf = (text: string) =>
  text
    .split(/[.!?:…]+(?=\s|$)|\n/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => lixCounts(sentence).words > 0);

/** Prints a small table of scores in the test output. */
function table(t: TestContext, title: string, rows: [string, string][]): void {
  t.diagnostic(title);
  for (const [name, text] of rows) {
    const c = lixCounts(text);
    t.diagnostic(
      `  ${name.padEnd(22)} LIX ${c.lix.toFixed(1).padStart(5)}  ` +
        `(${c.words} words, ${c.sentences} sentences, ${c.longWords} long)`,
    );
  }
}

describe('lix()', () => {
  it('counts words, sentences and long words as documented', () => {
    assert.deepEqual(lixCounts('Du får svar. Vi ringer till dig.'), {
      words: 7,
      sentences: 2,
      longWords: 0,
      lix: 3.5,
    });
    // "kommunen" (8 letters) and "synpunkten" (10) are long; "handläggare" too.
    assert.equal(lix('Kommunen läser synpunkten. En handläggare svarar.'), 3 + 300 / 6);
    // å, ä, ö are letters: "återkoppling" is one long word, not three short ones.
    assert.deepEqual(lixCounts('Återkoppling'), { words: 1, sentences: 1, longWords: 1, lix: 101 });
  });

  it('ends sentences at . ! ? : … and line breaks, not inside addresses, times or numbers', () => {
    assert.equal(lixCounts('Hej! Vad vill du? Skriv så här: namn@exempel.se').sentences, 4);
    assert.equal(lixCounts('Klockan 12:30 den 1.5 gången.').sentences, 1);
    assert.equal(lixCounts('Beröm\nFörslag\nKlagomål').sentences, 3);
    assert.equal(lixCounts('Skickar…').sentences, 1);
  });

  it('counts numbers as words but never as long; an inner hyphen joins a word', () => {
    // 070-123 is one word of no letters; "e-postadress" is one word of 11 letters.
    assert.deepEqual(lixCounts('Ring 070-123 45 67.'), {
      words: 4,
      sentences: 1,
      longWords: 0,
      lix: 4,
    });
    assert.deepEqual(lixCounts('Din e-postadress.'), {
      words: 2,
      sentences: 1,
      longWords: 1,
      lix: 52,
    });
  });

  it('gives known scores for sample texts, and 0 for a text without words', () => {
    // Easy to read: 10 words, 2 sentences, 2 long ("synpunkt", "skrivit"): 5 + 20 = 25.
    assert.equal(lix('Skriv din synpunkt här. Vi läser allt du har skrivit.'), 25);
    // Official prose: one sentence of 12 words, 8 of them long: 12 + 66.7 = 78.7.
    assert.equal(
      lix(
        'Handläggaren diarieför inkommande synpunkter och återkopplar skriftligen till synpunktslämnaren inom tio arbetsdagar.',
      ),
      12 + (100 * 8) / 12,
    );
    assert.equal(lix(''), 0);
    assert.equal(lix(' … \n '), 0);
  });
});

describe('the lättläst texts (sv)', () => {
  const merged: Merged = { ...sv, ...svLattlast };

  it('the whole lättläst catalog scores under 25', (t) => {
    const all = texts(svLattlast);
    table(t, 'Lättläst catalog (sv-lattlast.ts, every text):', [
      ['whole catalog', asText(all)],
      ['prose only (4+ words)', prose(all)],
    ]);
    assert.ok(all.length > 50, 'the catalog was read');
    assert.ok(lix(asText(all)) < 25, `LIX ${lix(asText(all)).toFixed(1)} is 25 or more`);
  });

  it('each screen scores under 30', (t) => {
    const rows = Object.entries(screens(merged)).map(([name, list]) => [name, asText(list)]) as [
      string,
      string,
    ][];
    table(
      t,
      'Lättläst screens (sv, as shown: standard texts with the lättläst ones over them):',
      rows,
    );
    for (const [name, text] of rows) {
      assert.ok(lix(text) < 30, `screen "${name}": LIX ${lix(text).toFixed(1)} is 30 or more`);
    }
  });

  it('no sentence has more than 12 words, in the catalog or on any screen', () => {
    const all = [...texts(svLattlast), ...Object.values(screens(merged)).flat()];
    for (const sentence of all.flatMap(sentencesOf)) {
      const { words } = lixCounts(sentence);
      assert.ok(words <= 12, `${words} words: "${sentence}"`);
    }
  });

  it('writes no abbreviations and always says "synpunkt"', () => {
    const all = asText(texts(svLattlast));
    for (const abbreviation of ['t.ex.', 'bl.a.', 'o.s.v.', 'm.m.', 'dvs', 'ca ']) {
      assert.ok(!all.includes(abbreviation), `"${abbreviation}" in the lättläst catalog`);
    }
    for (const other of ['ärende', 'återkoppling', 'meddelande', 'åsikt']) {
      assert.ok(!all.toLowerCase().includes(other), `"${other}" instead of "synpunkt"`);
    }
  });
});

describe('the easy-read English texts', () => {
  it('no sentence has more than 12 words (LIX is a Swedish measure: printed, not enforced)', (t) => {
    const merged: Merged = { ...en, ...enLattlast };
    const all = texts(enLattlast);
    table(t, 'Easy-read English (for information):', [
      ['whole catalog', asText(all)],
      ...(Object.entries(screens(merged)).map(([name, list]) => [name, asText(list)]) as [
        string,
        string,
      ][]),
    ]);
    for (const sentence of [...all, ...Object.values(screens(merged)).flat()].flatMap(
      sentencesOf,
    )) {
      assert.ok(lixCounts(sentence).words <= 12, `"${sentence}"`);
    }
    assert.ok(!asText(all).includes('e.g.'), 'no abbreviations');
  });
});

describe('the standard Swedish texts (sv.ts)', () => {
  it('score under 40 (plain language, klarspråk)', (t) => {
    const all = texts(sv);
    table(t, 'Standard catalog (sv.ts, every text):', [
      ['whole catalog', asText(all)],
      ['prose only (4+ words)', prose(all)],
    ]);
    assert.ok(lix(asText(all)) < 40, `LIX ${lix(asText(all)).toFixed(1)} is 40 or more`);
  });
});
