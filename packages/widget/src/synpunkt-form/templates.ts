import { KINDS, type MessageLength } from '@synpunkt/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Catalog, FieldKey } from '../translations/catalog.js';
import { formatNumber } from './format-date.js';
import { live } from './live.js';

// Parts the one-page form and the lättläst steps render alike, written once for both.

/** A field's error line, `f-<key>-error`, which its control names in `aria-describedby`. */
export const errorLine = (
  key: FieldKey,
  error: string | undefined,
): TemplateResult | typeof nothing =>
  error === undefined
    ? nothing
    : html`<p class="error" part="error" id="f-${key}-error">${error}</p>`;

/**
 * The message's text area, and below it the visible character count (`f-message-count`), with
 * what is over the limit in bold. `describedBy` names the count among the rest.
 */
export function messageField(
  t: Pick<Catalog, 'dateLocale' | 'messageCount' | 'messageOver'>,
  value: string,
  { length, max }: MessageLength,
  describedBy: string,
  invalid: boolean,
  readonly: boolean,
): TemplateResult {
  const n = (value: number) => formatNumber(value, t.dateLocale);
  return html`<textarea
      id="f-message"
      name="message"
      part="input"
      rows="8"
      required
      ?readonly=${readonly}
      .value=${live(value)}
      aria-describedby=${describedBy}
      aria-invalid=${invalid ? 'true' : 'false'}
    ></textarea>
    <p id="f-message-count" class="count ${length > max ? 'over' : ''}" part="count">
      ${t.messageCount(n(length), n(max))}${
        length > max ? html` · <strong>${t.messageOver(n(length - max))}</strong>` : nothing
      }
    </p>`;
}

/**
 * Radio buttons, each with its label and its hint if it has one. The first is `f-<key>`, so the
 * error summary's link can focus it; the others are `f-<key>-<value>`. `art` puts a picture in
 * a label (lättläst's kinds).
 */
export function choices<V extends string>(
  key: FieldKey,
  options: readonly (readonly [V, string, string?])[],
  checked: string,
  art?: (value: V) => TemplateResult,
): TemplateResult[] {
  return options.map(([value, label, hint], index) => {
    const id = index === 0 ? `f-${key}` : `f-${key}-${value}`;
    return html`<div class="choice">
      <input
        type="radio"
        id=${id}
        name=${key}
        value=${value}
        .checked=${live(checked === value)}
        aria-describedby=${hint ? `${id}-hint` : nothing}
      />
      <label part="label" for=${id}>${art ? art(value) : nothing}${label}</label>
      ${hint ? html`<p class="hint" part="hint" id="${id}-hint">${hint}</p>` : nothing}
    </div>`;
  });
}

/** The kinds as choices, in the order the sdk lists them: value, label, hint. */
export const kindChoices = (t: Pick<Catalog, 'kinds'>) =>
  KINDS.map((kind) => [kind, t.kinds[kind].label, t.kinds[kind].hint] as const);

/** The public-record notice, and a link to the privacy page when there is one. */
export const notice = (
  text: string,
  privacyUrl: string | undefined,
  link: string,
): TemplateResult =>
  html`<p class="notice" part="notice">
    ${text} ${privacyUrl ? html`<a href=${privacyUrl}>${link}</a>` : nothing}
  </p>`;
