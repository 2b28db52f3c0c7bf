import { html, type TemplateResult } from 'lit';

// One line drawing per kind, in the text colour (so forced colours work too). Decorative: the
// kind's name is the label beside it, so the picture is hidden from screen readers and has no text.
const PATHS = {
  // A heart: beröm.
  praise: 'M12 20l-7.5-7.5a4.6 4.6 0 0 1 7.5-6 4.6 4.6 0 0 1 7.5 6z',
  // A light bulb: förslag.
  suggestion: 'M9 18h6m-5 3h4m-2-18a6 6 0 0 0-3.5 11v2h7v-2a6 6 0 0 0-3.5-11z',
  // A speech bubble with an exclamation mark: klagomål.
  complaint: 'M3 4h18v12H9l-5 4v-4H3zm9 3v5m0 2v1',
} as const;

/** The picture beside a kind: inline SVG, `aria-hidden`, no text. */
export const picture = (kind: keyof typeof PATHS): TemplateResult =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d=${PATHS[kind]} />
  </svg>`;
