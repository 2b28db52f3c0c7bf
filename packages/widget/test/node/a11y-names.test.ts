import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axTree, type AxTree } from './support/ax-tree.js';
import { startHarness, type Harness } from './support/browser.js';
import type { Lang } from './support/server.js';
import { MODES, WALKS } from './support/states.js';

// What a screen reader is told: Chromium's own accessibility tree, read through the DevTools
// protocol (Accessibility.getFullAXTree), checked against tables of role, name and description.
// WCAG 1.3.1 Info and relationships, 2.4.6 Headings and labels, 3.3.1 Error identification,
// 3.3.2 Labels or instructions, 4.1.2 Name, role, value.

let harness: Harness;
before(async () => (harness = await startHarness()));
after(() => harness?.close());

/** One row: the role, the name, and what the description must be (or contain, for RegExp). */
type Row = [role: string, name: string, description?: string | RegExp];

/** Every row must be in the tree exactly once, with that description. */
function expectRows(tree: AxTree, rows: readonly Row[]): void {
  const problems: string[] = [];
  for (const [role, name, description = ''] of rows) {
    const found = tree.find(role, name);
    if (found.length !== 1) {
      const same = tree.find(role).map((n) => `"${n.name}"`);
      problems.push(`${role} "${name}": found ${found.length} (${role}s: ${same.join(', ')})`);
      continue;
    }
    const actual = found[0]!.description;
    const ok = typeof description === 'string' ? actual === description : description.test(actual);
    if (!ok)
      problems.push(`${role} "${name}": description "${actual}", wanted ${String(description)}`);
  }
  assert.deepEqual(problems, []);
}

/** Each radio sits in a radio group named by the question. */
function expectGroups(tree: AxTree, groups: Record<string, readonly string[]>): void {
  for (const [question, radios] of Object.entries(groups)) {
    tree.one('radiogroup', question);
    for (const radio of radios) {
      const group = tree.ancestor(tree.one('radio', radio), 'radiogroup');
      assert.equal(group?.name, question, `radio "${radio}" is not in the group "${question}"`);
    }
  }
}

/** No control a user can reach is left without a name. */
function expectAllNamed(tree: AxTree): void {
  const unnamed = tree
    .controls()
    .filter((node) => node.name === '')
    .map((node) => `${node.role} (description "${node.description}")`);
  assert.deepEqual(unnamed, [], 'controls without a name');
}

/**
 * The file picker speaks the form's language only: the browser's own file button would add its
 * status, in the browser's language ("No file chosen", also beside files just added).
 */
function expectNoBrowserFileTexts(tree: AxTree): void {
  const browsers = tree.nodes
    .filter((node) => /No files? chosen|Choose Files?\b/.test(`${node.name} ${node.value}`))
    .map((node) => `${node.role} "${node.name}" value "${node.value}"`);
  assert.deepEqual(browsers, [], "the browser's own file picker texts");
  assert.equal(tree.one('button', /^(Bifoga filer|Attach files)/).value, '');
}

const EMPTY: Record<Lang, { rows: Row[]; groups: Record<string, string[]> }> = {
  sv: {
    rows: [
      ['heading', 'Innan du börjar'],
      ['link', 'Ring 112'],
      ['link', 'Så överklagar du'],
      ['link', 'Gör en felanmälan'],
      ['link', 'Kontakta Inspektionen för vård och omsorg (IVO)'],
      ['link', 'Skicka din synpunkt med e-post'],
      ['radiogroup', 'Vad vill du lämna?', 'Det påverkar inte hur du blir bemött om du klagar.'],
      ['radio', 'Beröm', 'Något som fungerar bra.'],
      ['radio', 'Förslag', 'En idé om hur något kan bli bättre.'],
      ['radio', 'Klagomål', 'En tjänst eller ett bemötande som inte var bra.'],
      ['combobox', 'Vad gäller det?'],
      [
        'textbox',
        'Skriv din synpunkt',
        'Berätta vad som hänt och vad du tycker. 0 av 10 000 tecken',
      ],
      ['Date', 'När hände det? (frivilligt)', 'Om du vet.'],
      [
        'textbox',
        'Var hände det? (frivilligt)',
        'En adress eller en plats, till exempel lekplatsen vid Storgatan.',
      ],
      [
        'button',
        'Bifoga filer (frivilligt) Välj filer',
        'Du kan bifoga JPEG, PNG eller PDF. Högst 5 filer, högst 5 MB per fil och 10 MB tillsammans.',
      ],
      ['radiogroup', 'Vill du ha svar?'],
      ['radio', 'Ja, jag vill ha svar'],
      [
        'radio',
        'Nej, jag vill vara anonym',
        'Då kan vi inte svara dig eller ställa frågor om din synpunkt.',
      ],
      ['link', 'Så hanterar vi dina personuppgifter'],
      ['button', 'Skicka'],
    ],
    groups: {
      'Vad vill du lämna?': ['Beröm', 'Förslag', 'Klagomål'],
      'Vill du ha svar?': ['Ja, jag vill ha svar', 'Nej, jag vill vara anonym'],
    },
  },
  en: {
    rows: [
      ['heading', 'Before you start'],
      ['link', 'Call 112'],
      ['link', 'How to appeal'],
      ['link', 'Report a fault'],
      ['link', 'Contact the Health and Social Care Inspectorate (IVO)'],
      ['link', 'Send your feedback by e-mail'],
      [
        'radiogroup',
        'What kind of feedback is it?',
        'Making a complaint will not affect how you are treated.',
      ],
      ['radio', 'Praise', 'Something that works well.'],
      ['radio', 'Suggestion', 'An idea for how something could be better.'],
      ['radio', 'Complaint', 'Service or treatment by staff that was not good enough.'],
      ['combobox', 'What is it about?'],
      [
        'textbox',
        'Write your feedback',
        'Tell us what happened and what you think. 0 of 10,000 characters',
      ],
      ['Date', 'When did it happen? (optional)', 'If you know.'],
      [
        'textbox',
        'Where did it happen? (optional)',
        'An address or a place, for example the playground on Storgatan.',
      ],
      [
        'button',
        'Attach files (optional) Choose files',
        'You can attach JPEG, PNG or PDF. At most 5 files, at most 5 MB each and 10 MB in total.',
      ],
      ['radiogroup', 'Would you like a reply?'],
      ['radio', 'Yes, I would like a reply'],
      [
        'radio',
        'No, I want to stay anonymous',
        'Then we cannot reply to you or ask you about your feedback.',
      ],
      ['button', 'Send'],
    ],
    groups: {
      'What kind of feedback is it?': ['Praise', 'Suggestion', 'Complaint'],
      'Would you like a reply?': ['Yes, I would like a reply', 'No, I want to stay anonymous'],
    },
  },
};

async function page(lang: Lang): Promise<Page> {
  const context = await harness.context();
  return harness.open(context, { lang });
}

describe('names, roles and descriptions (standard mode)', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`the empty form: every question and control (${lang})`, async () => {
      const p = await page(lang);
      try {
        const tree = await axTree(p);
        expectRows(tree, EMPTY[lang].rows);
        expectGroups(tree, EMPTY[lang].groups);
        expectAllNamed(tree);
        expectNoBrowserFileTexts(tree);
      } finally {
        await p.context().close();
      }
    });
  }

  it('errors: each invalid field is invalid, described by its error; the summary links name them (sv)', async () => {
    const p = await page('sv');
    try {
      await WALKS.standard[1]!.reach(p, harness.server); // errors
      const tree = await axTree(p);
      expectRows(tree, [
        ['heading', 'Något behöver rättas'],
        ['link', 'Vad vill du lämna: Välj beröm, förslag eller klagomål.'],
        ['link', 'Vad gäller det: Välj vad det gäller. Välj ”Vet inte” om du inte vet.'],
        ['link', 'Synpunkt: Skriv din synpunkt.'],
        ['link', 'Vill du ha svar: Välj om du vill ha svar.'],
        [
          'radiogroup',
          'Vad vill du lämna?',
          'Det påverkar inte hur du blir bemött om du klagar. Välj beröm, förslag eller klagomål.',
        ],
        ['combobox', 'Vad gäller det?', 'Välj vad det gäller. Välj ”Vet inte” om du inte vet.'],
        [
          'textbox',
          'Skriv din synpunkt',
          'Berätta vad som hänt och vad du tycker. Skriv din synpunkt. 0 av 10 000 tecken',
        ],
        ['radiogroup', 'Vill du ha svar?', 'Välj om du vill ha svar.'],
      ]);
      tree.one('region', 'Något behöver rättas');
      for (const [role, name] of [
        ['radiogroup', 'Vad vill du lämna?'],
        ['combobox', 'Vad gäller det?'],
        ['textbox', 'Skriv din synpunkt'],
        ['radiogroup', 'Vill du ha svar?'],
      ] as const) {
        assert.equal(
          tree.one(role, name).props.invalid,
          'true',
          `${role} "${name}" is not invalid`,
        );
      }
      assert.equal(tree.one('textbox', 'Var hände det? (frivilligt)').props.invalid, 'false');
      expectAllNamed(tree);
    } finally {
      await p.context().close();
    }
  });

  it('reply wanted: name, the way to reply and each contact field; a wrong e-mail is named (sv)', async () => {
    const p = await page('sv');
    try {
      await WALKS.standard[1]!.reach(p, harness.server);
      await WALKS.standard[2]!.reach(p, harness.server); // reply by e-mail, e-mail wrong
      let tree = await axTree(p);
      expectRows(tree, [
        // Asked once the kind is a complaint (or a suggestion), optional, with its hint.
        [
          'textbox',
          'Ärendenummer från tidigare kontakt (frivilligt)',
          'Har du redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret, så hittar vi det.',
        ],
        ['textbox', 'Namn', 'Obligatoriskt om du vill få svar'],
        ['radiogroup', 'Hur vill du få svar?'],
        [
          'textbox',
          'E-postadress',
          'Skriv en e-postadress, till exempel namn@exempel.se. Obligatoriskt om du vill få svar',
        ],
        ['link', 'E-postadress: Skriv en e-postadress, till exempel namn@exempel.se.'],
      ]);
      expectGroups(tree, { 'Hur vill du få svar?': ['E-post', 'Telefon', 'Brev'] });
      // A complaint, but from a citizen: only staff judge one serious.
      assert.deepEqual(tree.find('checkbox'), []);
      assert.equal(tree.one('textbox', 'E-postadress').props.invalid, 'true');
      assert.equal(tree.one('textbox', 'E-postadress').props.required, 'true');

      await p.locator('synpunkt-form #f-via-phone').check();
      tree = await axTree(p);
      expectRows(tree, [['textbox', 'Telefonnummer', 'Obligatoriskt om du vill få svar']]);

      await WALKS.standard[3]!.reach(p, harness.server); // reply by letter
      tree = await axTree(p);
      expectRows(tree, [
        ['textbox', 'Gatuadress', 'Obligatoriskt om du vill få svar'],
        ['textbox', 'Postnummer', 'Obligatoriskt om du vill få svar'],
        ['textbox', 'Ort', 'Obligatoriskt om du vill få svar'],
      ]);
      expectAllNamed(tree);
    } finally {
      await p.context().close();
    }
  });

  it('files, failure and receipt: the remove button, the retry button, the receipt heading (sv)', async () => {
    const p = await page('sv');
    try {
      const walk = WALKS.standard;
      for (const state of walk.slice(1, 5)) await state.reach(p, harness.server); // …files
      let tree = await axTree(p);
      expectRows(tree, [
        ['list', 'Bifogade filer'],
        ['button', 'Ta bort lekplats.png'],
        [
          'button',
          'Bifoga filer (frivilligt) Lägg till fler filer',
          /^Du kan bifoga JPEG, PNG eller PDF\. .* brev\.txt kan inte bifogas\./,
        ],
      ]);
      expectNoBrowserFileTexts(tree);
      await walk[5]!.reach(p, harness.server); // sending
      tree = await axTree(p);
      const busy = tree.one('button', 'Skickar…');
      assert.ok(
        ['true', '1'].includes(busy.props.busy ?? ''),
        'the send button is not busy while sending',
      );
      await walk[6]!.reach(p, harness.server); // failed
      tree = await axTree(p);
      tree.one('region', 'Synpunkten skickades inte');
      tree.one('heading', 'Synpunkten skickades inte');
      tree.one('button', 'Försök igen');
      await walk[7]!.reach(p, harness.server); // receipt
      tree = await axTree(p);
      const heading = tree.one('heading', 'Tack för din synpunkt!');
      assert.equal(heading.props.level, '2');
      assert.equal(heading.props.focused, 'true', 'the receipt heading does not have focus');
      tree.one('region', 'Tack för din synpunkt!');
      tree.one('button', 'Skicka en ny synpunkt');
      expectAllNamed(tree);
    } finally {
      await p.context().close();
    }
  });

  it('staff mode: the channel question, the serious mark and the staff texts (sv)', async () => {
    const context = await harness.context();
    try {
      const p = await harness.open(context, { staff: true });
      await p.locator('synpunkt-form #f-kind-complaint').check();
      const tree = await axTree(p);
      expectRows(tree, [
        ['combobox', 'Hur kom synpunkten in?'],
        ['radiogroup', 'Vad vill personen lämna?'],
        // Staff only, with a complaint: their judgement, with a hint that speaks to them.
        [
          'checkbox',
          'Allvarligt klagomål',
          'Kryssa i om du bedömer att klagomålet är allvarligt. Ett allvarligt klagomål ska alltid gå direkt till närmaste chef.',
        ],
        ['textbox', 'Skriv vad personen sa', /^Skriv med personens egna ord så långt det går\./],
        [
          'textbox',
          'Ärendenummer från tidigare kontakt (frivilligt)',
          'Har personen redan fått svar i samma fråga och vill ta den vidare? Skriv ärendenumret.',
        ],
        ['radiogroup', 'Vill personen ha svar?'],
      ]);
      expectAllNamed(tree);
    } finally {
      await context.close();
    }
  });
});

describe('names, roles and descriptions (lättläst)', () => {
  const walk = WALKS.lattlast;
  let done = 1; // the first state is where the page opens
  /** Walks on from the last state reached to the one with this name. */
  const reach = async (p: Page, name: string) => {
    const until = walk.findIndex((s) => s.name === name) + 1;
    for (const state of walk.slice(done, until)) await state.reach(p, harness.server);
    done = until;
  };

  it('each step: the toggle, the step heading with its number, the question and its choices (sv)', async () => {
    const context = await harness.context();
    try {
      const p = await harness.open(context, { mode: 'lattlast' });
      let tree = await axTree(p);
      assert.equal(
        tree.one('button', 'Lättläst').props.pressed,
        'true',
        'the toggle is not pressed',
      );
      expectRows(tree, [
        ['heading', 'Steg 1 av 5 Vilken sorts synpunkt har du?'],
        ['button', 'Lyssna'],
        ['radio', 'Beröm', 'Du tycker att något är bra.'],
        ['radio', 'Förslag', 'Du har en idé om hur något kan bli bättre.'],
        ['radio', 'Klagomål', 'Du tycker att något är fel.'],
        ['button', 'Nästa'],
      ]);
      // A radio group, named by the step heading, as in the standard form.
      const group = tree.ancestor(tree.one('radio', 'Beröm'), 'radiogroup');
      assert.equal(group?.name, 'Steg 1 av 5 Vilken sorts synpunkt har du?');
      assert.equal(
        group?.description,
        'Välj det som passar bäst. Du får klaga. Det blir inte sämre för dig.',
      );
      expectAllNamed(tree);

      await reach(p, 'errors on step 1');
      tree = await axTree(p);
      expectRows(tree, [['link', 'Vilken sorts synpunkt: Välj beröm, förslag eller klagomål.']]);
      const invalid = tree.ancestor(tree.one('radio', 'Beröm'), 'radiogroup');
      assert.equal(invalid?.props.invalid, 'true', 'the question is marked invalid');
      assert.match(invalid?.description ?? '', /Välj beröm, förslag eller klagomål\./);

      await reach(p, 'step 3: message');
      tree = await axTree(p);
      expectRows(tree, [
        ['heading', 'Steg 3 av 5 Skriv din synpunkt'],
        [
          'textbox',
          'Skriv din synpunkt',
          'Berätta vad som hände. Skriv gärna var och när det hände. 0 av 10 000 tecken',
        ],
        ['button', 'Tillbaka'],
        ['button', 'Nästa'],
      ]);

      await reach(p, 'step 5: read-back');
      tree = await axTree(p);
      expectRows(tree, [
        ['heading', 'Steg 5 av 5 Stämmer allt?'],
        // The lättläst words of the steps' questions, not the standard form's labels.
        ['button', 'Ändra Vilken sorts synpunkt'],
        ['button', 'Ändra Din synpunkt'],
        ['button', 'Ändra Vill du få svar'],
        ['button', 'Skicka'],
      ]);
      assert.equal(tree.one('heading', 'Steg 5 av 5 Stämmer allt?').props.focused, 'true');
      expectAllNamed(tree);
    } finally {
      await context.close();
    }
  });

  it('covers every mode', () => {
    assert.deepEqual([...MODES].sort(), ['lattlast', 'standard']);
  });
});
