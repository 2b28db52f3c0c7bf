/**
 * The Open311 adapter: files synpunkter as GeoReport v2 service requests. Browser and Node.
 * @packageDocumentation
 */
export {
  open311Adapter,
  OPEN311_CAPABILITIES,
  OPEN311_MAX_DESCRIPTION,
  type Open311Adapter,
} from './adapter.js';
export type { AreaServiceCodes, FetchLike, Open311Config, ServiceCodes } from './config.js';
export { ATTRIBUTES, splitName, type SplitName } from './encode.js';
export { parseSpecErrors, type Open311ErrorEntry } from './errors.js';
export { serviceCodeFor } from './routing.js';
export { listServices, type ListServicesOptions, type Open311Service } from './services.js';
