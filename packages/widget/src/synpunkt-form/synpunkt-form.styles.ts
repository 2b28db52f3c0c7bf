import { css } from 'lit';

/**
 * The form's look. Inherits the page's font; everything else comes from `--synpunkt-*` custom
 * properties whose defaults meet WCAG contrast (text ≥ 4.5:1, borders ≥ 3:1) on the form's own
 * white ground. The ground is the form's, not the page's: pasted into a dark block of a site,
 * the page's white text would otherwise meet the form's dark red errors and blue links there.
 * Host CSS cannot reach inside: only inherited properties and these variables.
 */
export const styles = css`
  :host {
    /*
     * A page's own !important rules on * would otherwise reach our text through inheritance.
     * Spacing (line, letter, word) is left to inherit: a reader's text-spacing stylesheet is
     * such a rule too, and WCAG 1.4.12 requires the form to follow it.
     */
    display: block !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-align: start !important;
    /*
     * Native controls (radios, checkboxes, the date picker's icon) drawn for the form's own
     * light ground: a page in dark mode would otherwise paint them dark, unchecked radios looking
     * checked and the calendar icon white on white. A page's rule on the element overrides it.
     */
    color-scheme: light;
    font: inherit;
    font-family: var(--synpunkt-font, inherit);
    color: var(--synpunkt-color-text, #1b1b1b);
    background: var(--synpunkt-color-background, #fff);
    --_primary: var(--synpunkt-color-primary, #0b5394);
    --_on-primary: var(--synpunkt-color-on-primary, #fff);
    --_error: var(--synpunkt-color-error, #b3261e);
    --_border: var(--synpunkt-color-border, #6b6b6b);
    /* A theme's own text colour stands out on its ground, so a ring in it does too. */
    --_focus: var(--synpunkt-color-focus, var(--synpunkt-color-text, #1b1b1b));
    --_field: var(--synpunkt-color-field, #fff);
    --_field-text: var(--synpunkt-color-field-text, #1b1b1b);
    --_surface: var(--synpunkt-color-surface, #f3f3f3);
    --_surface-text: var(--synpunkt-color-surface-text, #1b1b1b);
    --_radius: var(--synpunkt-radius, 4px);
    --_space: var(--synpunkt-space, 1rem);
  }
  :host([hidden]) {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  /*
   * Browsers reset spacing on controls (letter-spacing: normal); a reader's text-spacing
   * stylesheet reaches the form only by inheritance, so the controls must inherit it.
   */
  button,
  input,
  select,
  textarea {
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  .root {
    max-width: 40rem;
    line-height: 1.5;
    /* A long address or word wraps instead of widening the form (large text on a phone). */
    overflow-wrap: break-word;
  }
  h2 {
    /* No line-height of its own: a reader's 1.5 (WCAG 1.4.12) must reach headings too. */
    font-size: 1.25em;
    margin: 0 0 calc(var(--_space) / 2);
  }
  p,
  ul {
    margin: 0 0 calc(var(--_space) / 2);
  }
  [hidden] {
    display: none !important;
  }
  a {
    color: var(--_primary);
    text-decoration: underline;
  }
  /*
   * Single-column grids whose column may shrink below its content: with the reader's text at
   * 200 % on a phone, a field's natural width must not push the whole form past the screen.
   */
  form,
  .field,
  .contact {
    grid-template-columns: minmax(0, 1fr);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 600;
  }
  legend {
    padding: 0;
    margin-bottom: calc(var(--_space) / 2);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 4);
  }
  .field > label {
    display: block;
  }
  .optional {
    font-weight: 400;
  }
  .hint,
  .count {
    margin: 0;
  }
  .choice {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: calc(var(--_space) / 2);
    align-items: start;
    margin-bottom: calc(var(--_space) / 2);
  }
  .choice label {
    padding: 0.125em 0;
  }
  .choice .hint {
    grid-column: 2;
  }
  input[type='radio'],
  input[type='checkbox'] {
    /* The text's em, not the browser's 13.33 px control font: 24 px at least (WCAG 2.5.8). */
    font-size: inherit;
    width: max(24px, 1.5em);
    height: max(24px, 1.5em);
    margin: 0.125em 0 0;
    accent-color: var(--_primary);
  }
  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    font: inherit;
    color: var(--_field-text);
    background: var(--_field);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em;
    width: 100%;
    max-width: 100%;
    min-height: 2.75em;
  }
  input[type='date'] {
    width: auto;
  }
  input[name='postalCode'] {
    /* Five digits and a space, with room for the padding. */
    width: 9em;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 3px;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
    margin: 0;
  }
  .has-error {
    border-left: 4px solid var(--_error);
    padding-left: calc(var(--_space) * 0.75);
  }
  .count.over {
    color: var(--_error);
  }
  .routes,
  .receipt,
  .summary,
  .failure {
    background: var(--_surface);
    color: var(--_surface-text);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .routes ul {
    padding-left: 1.25em;
  }
  .routes > p:last-child,
  .routes > ul:last-child {
    margin-bottom: 0;
  }
  .summary,
  .failure {
    border: 4px solid var(--_error);
    background: var(--_field);
    color: var(--_field-text);
  }
  .summary a {
    color: var(--_error);
    font-weight: 600;
  }
  .files {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: center;
    justify-content: space-between;
    padding: calc(var(--_space) / 4) 0;
    border-bottom: 1px solid var(--_border);
    overflow-wrap: anywhere;
  }
  .refused {
    padding-left: 1.25em;
  }
  .contact {
    display: grid;
    gap: var(--_space);
  }
  .reference {
    font-size: 1.25em;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75em;
    padding: 0.5em 1.25em;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
    justify-self: start;
  }
  button.secondary {
    background: var(--_field);
    color: var(--_primary);
    min-height: 2.25em;
    padding: 0.25em 0.75em;
  }
  /*
   * "Skickar…" is read while it shows: full contrast, no fading (WCAG 1.4.3). aria-disabled, not
   * disabled: a disabled button would drop keyboard focus to the page mid-send; send() ignores
   * a second press.
   */
  button[aria-disabled='true'] {
    cursor: progress;
  }
  /*
   * Focus is always seen (WCAG 2.4.7, 2.4.13): 3px, at least 3:1 on the background. A date field
   * has its focus on inner parts (day, month, year, the calendar button); on the calendar button
   * the field itself is neither :focus nor :focus-visible, hence :focus-within there. The editor's slotted link gets the same ring.
   */
  :focus-visible,
  input[type='date']:focus-within,
  ::slotted(a:focus-visible),
  .summary:focus,
  .failure:focus,
  h2:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2:focus:not(:focus-visible) {
    outline: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: background-color 0.15s;
    }
  }
  /*
   * On paper: browsers leave backgrounds out unless asked, so the buttons' white text, and a
   * theme's light text on its dark boxes, would print as nothing. Black on the paper, with a
   * border where the ground gave the shape. (:host raises it over button.secondary.)
   */
  @media print {
    :host button,
    .routes,
    .receipt {
      color: #000;
      background: none;
      border: 2px solid #000;
    }
  }
  @media (forced-colors: active) {
    input:not([type='radio'], [type='checkbox']),
    select,
    textarea,
    button,
    .summary,
    .failure,
    .routes,
    .receipt {
      border: 2px solid CanvasText;
    }
    button {
      color: ButtonText;
      background: ButtonFace;
      border-color: ButtonText;
    }
    [aria-invalid='true'],
    .has-error {
      border-color: Mark;
    }
    :focus-visible,
    input[type='date']:focus-within,
    ::slotted(a:focus-visible) {
      outline-color: Highlight;
    }
  }
`;
