/**
 * `<synpunkt-form>`: the feedback form for Swedish municipalities. This entry point has no side
 * effects; import `@synpunkt/widget/define` (or load `synpunkt-form.js`) to register the elements.
 * @packageDocumentation
 */
export { SynpunktForm } from './synpunkt-form/synpunkt-form.js';
export type { Area, Status } from './synpunkt-form/synpunkt-form.js';
export { SynpunktArea } from './synpunkt-area.js';
export type {
  SynpunktEventMap,
  SynpunktErrorDetail,
  SynpunktSubmitDetail,
} from './synpunkt-form/events.js';
export type { FormValues } from './synpunkt-form/values.js';
export type {
  Catalog,
  ErrorTextParams,
  FieldKey,
  KindText,
  LattlastCatalog,
  LattlastShared,
  StepId,
  StepText,
} from './translations/catalog.js';
export { sv } from './translations/sv.js';
export { en } from './translations/en.js';
export { svLattlast } from './translations/sv-lattlast.js';
export { enLattlast } from './translations/en-lattlast.js';
export { lix, lixCounts, type LixCounts } from './lattlast/lix.js';
export { formatDate } from './synpunkt-form/format-date.js';
