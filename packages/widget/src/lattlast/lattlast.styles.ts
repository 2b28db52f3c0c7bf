import { css } from 'lit';

/**
 * Lättläst mode: larger text; each choice a big card whose label covers it all; every control
 * at least 44 × 44 CSS pixels (WCAG 2.5.5). And the mode toggle, shown in both modes.
 */
export const lattlastStyles = css`
  .mode-toggle {
    margin-bottom: var(--_space);
    background: var(--_field);
    color: var(--_primary);
  }
  .mode-toggle[aria-pressed='true']::before {
    content: '\\2713  ' / '';
  }
  .steps {
    font-size: 1.125em;
    gap: var(--_space);
  }
  .progress {
    display: block;
    font-weight: 400;
  }
  #ll-listen {
    justify-self: start;
    margin-bottom: calc(var(--_space) / 2);
  }
  .ll button,
  .ll input:not([type='radio']),
  .mode-toggle,
  .ll a {
    /* Never below 44 px, also on a site that sets its root font to 10 px (the 62.5 % trick). */
    min-height: max(44px, 2.75rem);
    min-width: max(44px, 2.75rem);
  }
  .ll a {
    display: block;
    width: fit-content;
    padding-top: 0.6em;
  }
  .steps .choice {
    position: relative;
    align-items: center;
    min-height: max(56px, 3.5rem);
    padding: 0.5em 0.75em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .steps .choice:has(:checked) {
    outline: 2px solid var(--_primary);
  }
  .steps .choice label::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .steps .choice svg {
    width: 2.5em;
    height: 2.5em;
    margin-right: 0.5em;
    vertical-align: middle;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.75;
  }
  .reply > fieldset:first-child > legend {
    position: absolute;
    clip: rect(0 0 0 0);
  }
  .step-buttons {
    display: flex;
    gap: var(--_space);
  }
  .review div {
    padding: 0.5em 0;
    border-bottom: 1px solid var(--_border);
  }
  dt {
    font-weight: 600;
  }
  dd {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    margin: 0;
    overflow-wrap: anywhere;
  }
  dd > span {
    white-space: pre-line;
  }
  /* Files a reload dropped: the button below their names. */
  .steps > .has-error > button {
    margin-top: 0.5em;
  }
`;
