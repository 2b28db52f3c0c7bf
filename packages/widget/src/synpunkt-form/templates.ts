import type { MessageLength } from '@synpunkt/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Catalog, FieldKey } from '../translations/catalog.js';
import { formatNumber } from './format-date.js';

// Parts the one-page form and the lättläst steps render alike, written once for both.

/** A field's error line, `f-<key>-error`, which its control names in `aria-describedby`. */
export const errorLine = (
  key: FieldKey,
  error: string | undefined,
): TemplateResult | typeof nothing =>
  error === undefined
    ? nothing
    : html`<p class="error" part="error" id="f-${key}-error">${error}</p>`;

/** The message's visible character count, `f-message-count`; what is over the limit in bold. */
export function messageCount(
  t: Pick<Catalog, 'dateLocale' | 'messageCount' | 'messageOver'>,
  { length, max }: MessageLength,
): TemplateResult {
  const n = (value: number) => formatNumber(value, t.dateLocale);
  return html`<p id="f-message-count" class="count ${length > max ? 'over' : ''}" part="count">
    ${t.messageCount(n(length), n(max))}${
      length > max ? html` · <strong>${t.messageOver(n(length - max))}</strong>` : nothing
    }
  </p>`;
}
