/**
 * Registers `<synpunkt-form>` and `<synpunkt-area>`. Safe to load twice (an editor who pastes
 * the script tag in two places): a name already defined is left alone.
 * @packageDocumentation
 */
import { SynpunktArea } from './synpunkt-area.js';
import { SynpunktForm } from './synpunkt-form/synpunkt-form.js';

if (!customElements.get('synpunkt-area')) customElements.define('synpunkt-area', SynpunktArea);
if (!customElements.get('synpunkt-form')) customElements.define('synpunkt-form', SynpunktForm);

export { SynpunktArea, SynpunktForm };
