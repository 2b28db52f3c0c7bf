import type { Kind } from '@synpunkt/sdk';
import type { ServiceCodes } from './config.js';

/**
 * The `service_code` for a synpunkt of this area and kind. Most specific rule first:
 * `byArea[area][kind]`, then `byArea[area]` as a single code, then `byKind[kind]`, then `default`.
 */
export function serviceCodeFor(codes: ServiceCodes, area: string, kind: Kind): string {
  const forArea =
    codes.byArea && Object.hasOwn(codes.byArea, area) ? codes.byArea[area] : undefined;
  if (typeof forArea === 'string') return forArea;
  return forArea?.[kind] ?? codes.byKind?.[kind] ?? codes.default;
}
