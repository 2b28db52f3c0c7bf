import { createHash } from 'node:crypto';
import { escapeHtml, type FollowUpLanguage } from '@synpunkt/adapters/email';
import { formatPlainDate } from '@synpunkt/sdk';
import type { FollowUpAnswer, FollowUpRecord } from './follow-up-store.js';

/** The texts of the answer page, one set per language. */
interface PageTexts {
  lang: string;
  locale: string;
  title: string;
  promised: (reference: string, date: string) => string;
  question: (date: string) => string;
  yes: string;
  no: string;
  answered: Record<FollowUpAnswer, string>;
  change: string;
  chooseOne: string;
  thanks: string;
  thanksKept: string;
  thanksNotKept: (municipality: string, reference: string) => string;
  changeLink: string;
  notSaved: string;
  notSavedText: string;
  tryAgain: string;
  closed: string;
  closedText: string;
  closedThanks: string;
  stillWaiting: (municipality: string) => string;
  municipality: string;
}

/** Swedish first, plain, "du"; the lättläst set in short sentences with one idea each. */
const TEXTS: Record<FollowUpLanguage, PageTexts> = {
  sv: {
    lang: 'sv',
    locale: 'sv-SE',
    title: 'Fick du svar i tid?',
    promised: (reference, date) =>
      `Du skickade en synpunkt med ärendenummer ${reference}. Vi lovade att svara dig senast ${date}.`,
    question: (date) => `Fick du svar senast ${date}?`,
    yes: 'Ja, jag fick svar i tid',
    no: 'Nej, jag fick inte svar i tid',
    answered: {
      kept: 'Du har svarat att du fick svar i tid.',
      'not-kept': 'Du har svarat att du inte fick svar i tid.',
    },
    change: 'Du kan ändra ditt svar.',
    chooseOne: 'Välj ja eller nej.',
    thanks: 'Tack för ditt svar!',
    thanksKept: 'Vad bra att du fick svar i tid. Ditt svar hjälper oss att hålla det vi lovar.',
    thanksNotKept: (municipality, reference) =>
      `Förlåt att du inte fick svar i tid. Vi har sparat ditt svar, och ${municipality} följer upp det. Väntar du fortfarande på svar? Kontakta ${municipality} och uppge ärendenummer ${reference}.`,
    changeLink: 'Ändra ditt svar',
    notSaved: 'Ditt svar sparades inte',
    notSavedText:
      'Något gick fel hos oss, så vi kunde inte spara ditt svar just nu. Försök igen om en stund.',
    tryAgain: 'Försök igen',
    closed: 'Frågan är stängd',
    closedText: 'Tiden för att svara på frågan är slut, så det går inte att svara längre.',
    closedThanks: 'Tack för att du ville hjälpa oss!',
    stillWaiting: (municipality) =>
      `Väntar du fortfarande på svar på din synpunkt? Kontakta ${municipality} och uppge ärendenumret från mejlet.`,
    municipality: 'kommunen',
  },
  'sv-lattlast': {
    lang: 'sv',
    locale: 'sv-SE',
    title: 'Fick du svar i tid?',
    promised: (reference, date) =>
      `Du skrev till oss. Din synpunkt har numret ${reference}. Vi lovade att svara dig senast ${date}.`,
    question: (date) => `Fick du ett svar senast ${date}?`,
    yes: 'Ja, jag fick svar i tid',
    no: 'Nej, jag fick inte svar i tid',
    answered: {
      kept: 'Du har svarat ja. Du fick svar i tid.',
      'not-kept': 'Du har svarat nej. Du fick inte svar i tid.',
    },
    change: 'Du kan ändra ditt svar.',
    chooseOne: 'Välj ja eller nej.',
    thanks: 'Tack för ditt svar!',
    thanksKept: 'Bra att du fick svar i tid. Ditt svar hjälper oss.',
    thanksNotKept: (municipality, reference) =>
      `Förlåt att du inte fick svar i tid. Vi har sparat ditt svar. Väntar du fortfarande på svar? Ring eller mejla ${municipality}. Säg numret ${reference}.`,
    changeLink: 'Ändra ditt svar',
    notSaved: 'Vi kunde inte spara ditt svar',
    notSavedText: 'Något gick fel hos oss. Försök igen om en stund.',
    tryAgain: 'Försök igen',
    closed: 'Frågan är stängd',
    closedText: 'Du kan inte svara på frågan nu. Tiden för att svara är slut.',
    closedThanks: 'Tack för att du ville hjälpa oss!',
    stillWaiting: (municipality) =>
      `Väntar du fortfarande på svar? Ring eller mejla ${municipality}. Säg numret som står i mejlet.`,
    municipality: 'kommunen',
  },
  en: {
    lang: 'en',
    locale: 'en-GB',
    title: 'Did you get a reply in time?',
    promised: (reference, date) =>
      `You sent feedback with case number ${reference}. We promised to reply to you by ${date}.`,
    question: (date) => `Did you get a reply by ${date}?`,
    yes: 'Yes, I got a reply in time',
    no: 'No, I did not get a reply in time',
    answered: {
      kept: 'You answered that you got a reply in time.',
      'not-kept': 'You answered that you did not get a reply in time.',
    },
    change: 'You can change your answer.',
    chooseOne: 'Choose yes or no.',
    thanks: 'Thank you for your answer!',
    thanksKept: 'We are glad you got a reply in time. Your answer helps us keep our promises.',
    thanksNotKept: (municipality, reference) =>
      `We are sorry you did not get a reply in time. We have saved your answer, and ${municipality} will follow it up. Still waiting for a reply? Contact ${municipality} and give the case number ${reference}.`,
    changeLink: 'Change your answer',
    notSaved: 'Your answer was not saved',
    notSavedText:
      'Something went wrong on our side, so we could not save your answer just now. Please try again in a while.',
    tryAgain: 'Try again',
    closed: 'This question is closed',
    closedText: 'The time for answering this question is over, so you can no longer answer it.',
    closedThanks: 'Thank you for wanting to help us!',
    stillWaiting: (municipality) =>
      `Still waiting for a reply to your feedback? Contact ${municipality} and give the case number from the e-mail.`,
    municipality: 'the municipality',
  },
};

// Readable at 200 % zoom and on a phone; targets at least 44 px; the focus ring always shows.
const STYLE = `body{font:1.125rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.75rem;line-height:1.25}
fieldset{border:0;padding:0;margin:1.5rem 0}
legend{font-weight:700;margin-bottom:.75rem;padding:0}
.reference{white-space:nowrap}
button{display:block;width:100%;min-height:2.75rem;margin:0 0 .75rem;padding:.625rem 1rem;font:inherit;font-weight:700;border:2px solid #005a9c;border-radius:.375rem;background:#005a9c;color:#fff;cursor:pointer}
button[value=nej]{background:#fff;color:#005a9c}
button:focus-visible,a:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}
a{color:#005a9c}
.error{color:#b00020;font-weight:700}`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Headers of every answer page: nothing but its own style runs, and the key in the URL stays put. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  // The link's key is in the address: no other site may see it, no cache or robot keep it.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex',
  'X-Content-Type-Options': 'nosniff',
};

/** `text`, escaped, with the reference kept on one line: people read it out on the phone. */
function withReference(text: string, reference: string): string {
  const escaped = escapeHtml(reference);
  return escapeHtml(text).replaceAll(escaped, `<span class="reference">${escaped}</span>`);
}

function page(texts: Pick<PageTexts, 'lang' | 'title'>, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${texts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The question: two buttons, posting to the same address. `error` after an empty answer. */
export function questionPage(record: FollowUpRecord, options: { error?: boolean } = {}): string {
  const texts = TEXTS[record.language];
  const date = formatPlainDate(record.replyBy, texts.locale);
  const answered =
    record.answer === null
      ? ''
      : `<p>${escapeHtml(texts.answered[record.answer])} ${escapeHtml(texts.change)}</p>\n`;
  const error = options.error
    ? `<p class="error" id="fel" role="alert">${escapeHtml(texts.chooseOne)}</p>\n`
    : '';
  return page(
    texts,
    texts.title,
    `<p>${withReference(texts.promised(record.reference, date), record.reference)}</p>
${answered}${error}<form method="post">
<fieldset${options.error ? ' aria-describedby="fel"' : ''}>
<legend>${escapeHtml(texts.question(date))}</legend>
<button type="submit" name="svar" value="ja">${escapeHtml(texts.yes)}</button>
<button type="submit" name="svar" value="nej">${escapeHtml(texts.no)}</button>
</fieldset>
</form>`,
  );
}

/** After an answer: thanks, and for a broken promise an apology and what to do now. */
export function thanksPage(
  record: FollowUpRecord,
  answer: FollowUpAnswer,
  municipalityName: string | undefined,
): string {
  const texts = TEXTS[record.language];
  const municipality = municipalityName ?? texts.municipality;
  const text =
    answer === 'kept' ? texts.thanksKept : texts.thanksNotKept(municipality, record.reference);
  return page(
    texts,
    texts.thanks,
    `<p>${withReference(text, record.reference)}</p>
<p><a href="">${escapeHtml(texts.changeLink)}</a></p>`,
  );
}

/** The answer could not be written (a full disk): say so, and offer the question again. */
export function notSavedPage(record: FollowUpRecord): string {
  const texts = TEXTS[record.language];
  return page(
    texts,
    texts.notSaved,
    `<p>${escapeHtml(texts.notSavedText)}</p>
<p><a href="">${escapeHtml(texts.tryAgain)}</a></p>`,
  );
}

/**
 * The answer time is over: say so and thank them, with no buttons. Nothing about the case
 * (neither the reference nor an earlier answer): an old link in a mailbox shows nothing more.
 */
export function closedPage(
  record: Pick<FollowUpRecord, 'language'>,
  municipalityName: string | undefined,
): string {
  const texts = TEXTS[record.language];
  const municipality = municipalityName ?? texts.municipality;
  return page(
    texts,
    texts.closed,
    `<p>${escapeHtml(texts.closedText)}</p>
<p>${escapeHtml(texts.closedThanks)}</p>
<p>${escapeHtml(texts.stillWaiting(municipality))}</p>`,
  );
}

/**
 * A link with a key nobody was given, or one whose question was closed and untied from its
 * sender (the store no longer knows it, nor the sender's language): say what to check, and
 * with `answerDays` how long a question stays open, in Swedish and in English.
 */
export function unknownLinkPage(answerDays?: number): string {
  const closed =
    answerDays === undefined
      ? ['', '']
      : [
          `\n<p>Frågan i mejlet går att svara på i ${answerDays} dagar. Är mejlet äldre än så är frågan stängd, och du behöver inte göra något mer. Tack ändå för att du ville svara!</p>`,
          ` You can answer the question in the e-mail for ${answerDays} days. If the e-mail is older than that, the question is closed and you need not do anything more. Thank you all the same for wanting to answer!`,
        ];
  return page(
    { lang: 'sv', title: '' },
    'Länken fungerar inte',
    `<p>Kontrollera att du har fått med hela länken från mejlet. Du kan också kontakta kommunen och uppge ditt ärendenummer.</p>${closed[0]}
<p lang="en">This link does not work. Check that you copied the whole link from the e-mail, or contact the municipality and give your case number.${closed[1]}</p>`,
  );
}
