// The words of the follow-up report, one set per language. Staff and the committee read the
// report, so it is Swedish unless asked otherwise; the English set is the report as it was
// first written, word for word, with the ids a program knows (`praise`, `web`, `none`), and
// the line of serious complaints that came later.
// The Swedish words are those the clerk already sees in the mail (adapters' email texts) and on
// the demo's compilation: "Verksamhet", "Beröm", "Kanal", "Vill ha svar", "Formulär".

import type { Channel, Kind, Mode, PlainDate } from '@synpunkt/sdk';
import type { Figures } from './figures.js';

/** The languages the report is written in. */
export const REPORT_LANGUAGES = ['sv', 'en'] as const;

/** One of `REPORT_LANGUAGES`: `sv` (Swedish) or `en` (English). */
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

type Reply = Figures['reply'];

/** A line under the table: what is counted, and the name of each value. */
interface CountLine<K extends string> {
  label: string;
  values: Record<K, string>;
}

/** The words of the report in one language. */
export interface ReportTexts {
  /** The first line: the period (both days counted, dates in Sweden) and how many came in. */
  received: (from: PlainDate, to: PlainDate, total: number) => string;
  /** Synpunkter purged before the relay kept figures, up to and including `until`, are missing. */
  incomplete: (until: PlainDate) => string;
  /** The table's first column, each kind's column, and the last column and row. */
  table: { area: string; kind: Record<Kind, string>; total: string };
  /** The name of the area `unknown` (the sender did not know) when no target names it. */
  unknownArea: string | undefined;
  channel: CountLine<Channel>;
  reply: CountLine<Reply>;
  mode: CountLine<Mode>;
  /** The line under the table: how many complaints staff marked serious. */
  serious: (count: number) => string;
  /**
   * Complaints staff registered up to and including `until` and purged before the relay kept
   * the serious mark are not counted as serious: the count may be too low.
   */
  seriousIncomplete: (until: PlainDate) => string;
  /** How many senders were asked whether the promised e-mail reply came in time. */
  asked: (asked: number) => string;
  /** Their answers; `noAnswer` did not answer. */
  promise: { label: string; answers: (kept: number, notKept: number, noAnswer: number) => string };
  /** Senders still to be asked, and the day the last of them is asked. */
  notAskedYet: (senders: number, lastAskOn: PlainDate) => string;
  /** The same on its own, on stderr beside a CSV or JSON file. */
  notAskedYetNote: (senders: number, lastAskOn: PlainDate) => string;
  /**
   * The CSV: its header (from, to, kind, area, area name, channel, mode, reply, serious, count)
   * and values.
   */
  csv: {
    header: readonly string[];
    kind: Record<Kind, string>;
    channel: Record<Channel, string>;
    mode: Record<Mode, string>;
    reply: Record<Reply, string>;
    /** A complaint staff marked serious, and every other row. */
    serious: { yes: string; no: string };
  };
}

/** The report's words, by language. */
export const REPORT_TEXTS: Record<ReportLanguage, ReportTexts> = {
  sv: {
    received: (from, to, total) =>
      `Synpunkter som kom in från ${from} till och med ${to} (svensk tid): ${total}`,
    incomplete: (until) =>
      `Siffrorna är inte kompletta till och med ${until}: synpunkter som raderades innan reläet började spara siffror saknas.`,
    table: {
      area: 'Verksamhet',
      kind: { praise: 'Beröm', suggestion: 'Förslag', complaint: 'Klagomål' },
      total: 'Totalt',
    },
    unknownArea: 'Okänd verksamhet',
    channel: {
      label: 'Kanal',
      values: {
        web: 'webbformulär',
        phone: 'telefon',
        visit: 'besök',
        letter: 'brev',
        email: 'e-post',
      },
    },
    reply: {
      label: 'Vill ha svar',
      values: { email: 'e-post', phone: 'telefon', letter: 'brev', none: 'nej' },
    },
    mode: { label: 'Formulär', values: { standard: 'vanligt', lattlast: 'lättläst' } },
    serious: (count) => `Allvarliga klagomål (markerade av personal): ${count}`,
    seriousIncomplete: (until) =>
      `Allvarliga klagomål kan saknas till och med ${until}: klagomål som raderades innan reläet började spara om de var allvarliga räknas inte som allvarliga.`,
    asked: (asked) => `Avsändare som har fått frågan om svaret med e-post kom i tid: ${asked}`,
    promise: {
      label: 'Fick svar i tid',
      answers: (kept, notKept, noAnswer) =>
        `ja ${kept}, nej ${notKept}, har inte svarat ${noAnswer}`,
    },
    notAskedYet: (senders, lastAskOn) =>
      `Har inte fått frågan än: ${senders}. Den sista får frågan ${lastAskOn}. Ta fram rapporten igen efter den dagen, så kommer alla svar med.`,
    notAskedYetNote: (senders, lastAskOn) =>
      `Har inte fått frågan om svaret kom i tid än: ${senders}. Den sista får frågan ${lastAskOn}.`,
    csv: {
      header: [
        'Från',
        'Till och med',
        'Typ',
        'Verksamhet',
        'Verksamhetens namn',
        'Kanal',
        'Formulär',
        'Vill ha svar',
        'Allvarligt',
        'Antal',
      ],
      kind: { praise: 'Beröm', suggestion: 'Förslag', complaint: 'Klagomål' },
      channel: {
        web: 'Webbformulär',
        phone: 'Telefon',
        visit: 'Besök',
        letter: 'Brev',
        email: 'E-post',
      },
      mode: { standard: 'Vanligt', lattlast: 'Lättläst' },
      reply: { email: 'E-post', phone: 'Telefon', letter: 'Brev', none: 'Nej' },
      serious: { yes: 'Ja', no: 'Nej' },
    },
  },
  en: {
    received: (from, to, total) =>
      `Synpunkter received ${from} to ${to} (days in Sweden): ${total}`,
    incomplete: (until) =>
      `Not complete up to ${until}: synpunkter purged before this relay kept figures are missing.`,
    table: {
      area: 'area',
      kind: { praise: 'praise', suggestion: 'suggestion', complaint: 'complaint' },
      total: 'total',
    },
    unknownArea: undefined,
    channel: {
      label: 'channel',
      values: { web: 'web', phone: 'phone', visit: 'visit', letter: 'letter', email: 'email' },
    },
    reply: {
      label: 'reply',
      values: { email: 'email', phone: 'phone', letter: 'letter', none: 'none' },
    },
    mode: { label: 'mode', values: { standard: 'standard', lattlast: 'lattlast' } },
    serious: (count) => `Serious complaints (marked by staff): ${count}`,
    seriousIncomplete: (until) =>
      `Serious complaints may be missing up to ${until}: complaints purged before this relay kept whether they were serious are not counted as serious.`,
    asked: (asked) => `Asked whether the e-mail reply came by the promised day: ${asked}`,
    promise: {
      label: 'promise',
      answers: (kept, notKept, noAnswer) =>
        `kept ${kept}, not kept ${notKept}, no answer ${noAnswer}`,
    },
    notAskedYet: (senders, lastAskOn) =>
      `Not asked yet: ${senders}, the last on ${lastAskOn}. Run the report again after that day for every answer.`,
    notAskedYetNote: (senders, lastAskOn) =>
      `Not asked yet whether the reply came in time: ${senders}, the last on ${lastAskOn}.`,
    csv: {
      header: [
        'from',
        'to',
        'kind',
        'area',
        'area_name',
        'channel',
        'mode',
        'reply',
        'serious',
        'count',
      ],
      kind: { praise: 'praise', suggestion: 'suggestion', complaint: 'complaint' },
      channel: { web: 'web', phone: 'phone', visit: 'visit', letter: 'letter', email: 'email' },
      mode: { standard: 'standard', lattlast: 'lattlast' },
      reply: { email: 'email', phone: 'phone', letter: 'letter', none: 'none' },
      serious: { yes: 'true', no: 'false' },
    },
  },
};

/** The language `text` (given with `--lang`) names, or undefined: `sv` or `en`, in any case. */
export function reportLanguage(text: string): ReportLanguage | undefined {
  const lang = text.trim().toLowerCase();
  return REPORT_LANGUAGES.find((known) => known === lang);
}
