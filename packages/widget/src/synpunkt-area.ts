/**
 * One service the synpunkt may concern, configured by the web editor inside `<synpunkt-form>`:
 * `<synpunkt-area value="skola">Förskola och skola</synpunkt-area>`. The text is the label the
 * sender sees; `value` is the area id sent. Once defined it is not displayed: the form shows
 * the areas as options.
 *
 * @tag synpunkt-area
 */
export class SynpunktArea extends HTMLElement {
  constructor() {
    super();
    // A constructed sheet, not a <style>: allowed under a CSP without 'unsafe-inline'.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host{display:none !important}');
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  /** The area id sent with the synpunkt. */
  get value(): string {
    return this.getAttribute('value') ?? '';
  }

  /** Sets the area id (the `value` attribute). */
  set value(value: string) {
    this.setAttribute('value', value);
  }

  /** The name the sender sees. */
  get label(): string {
    return (this.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
}
