import { noChange } from 'lit';
import { Directive, directive, type PropertyPart } from 'lit/directive.js';
import { setCommittedValue } from 'lit/directive-helpers.js';

/**
 * Lit's `live` for property bindings, the only kind this package uses it on (`.value`,
 * `.checked`): sets the value whenever the control's own differs from it, not only when the
 * bound value changed, so a re-render puts back what the person typed or clicked while the form
 * takes no changes. Lit's own also handles attribute bindings and checks where it is used, code
 * the self-hosted file would carry for nothing (0.2 KB gzip). On a child binding this one fails
 * at the first render (a child part has no element).
 */
class LiveProperty extends Directive {
  render(value: unknown): unknown {
    return value;
  }

  override update(part: PropertyPart, [value]: [unknown]): unknown {
    if (value === (part.element as unknown as Record<string, unknown>)[part.name]) return noChange;
    // Lit compares with what it last set: forget that, so it sets the value.
    setCommittedValue(part);
    return value;
  }
}

export const live = directive(LiveProperty);
