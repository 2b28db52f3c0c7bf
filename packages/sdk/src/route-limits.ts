import * as z from 'zod/mini';
import type { AdapterCapabilities, AttachmentCapabilities } from './adapter.js';
import { ATTACHMENT_TYPES, KINDS, type Kind } from './vocabulary.js';

/**
 * What one of a receiver's routes can carry, and which synpunkter take it: a relay target with
 * `areas` and `kinds` (absent: all), and `serious` when it takes only serious complaints. A
 * synpunkt must fit every route it goes to.
 */
export interface RouteLimits {
  /** The areas this route takes; absent means every area. */
  areas?: readonly string[];
  /** The kinds this route takes; absent means every kind. */
  kinds?: readonly Kind[];
  /** Only complaints that staff marked serious (the nearest manager's); absent means any. */
  serious?: true;
  /** What its backend can carry. */
  capabilities: AdapterCapabilities;
}

/**
 * A receiver's limits, as the relay answers `GET /v1/limits`: a form shows the right limits
 * before the person writes or picks a file, instead of learning them from a refusal.
 */
export interface ReceiverLimits {
  routes: readonly RouteLimits[];
}

/** The most of each: the smallest limit, the types all take, no files if one takes none. */
export function tightestCapabilities(list: readonly AdapterCapabilities[]): AdapterCapabilities {
  const lowest = (values: (number | undefined)[]) => {
    const given = values.filter((value) => value !== undefined);
    return given.length > 0 ? Math.min(...given) : undefined;
  };
  const result: AdapterCapabilities = {};
  const maxMessageLength = lowest(list.map((c) => c.maxMessageLength));
  if (maxMessageLength !== undefined) result.maxMessageLength = maxMessageLength;
  const files = list.map((c) => c.attachments);
  if (files.includes(false)) return { ...result, attachments: false };
  const given = files.filter((f): f is AttachmentCapabilities => f !== undefined);
  if (given.length === 0) return result;
  const attachments: AttachmentCapabilities = {};
  const typeLists = given.flatMap((f) => (f.types ? [f.types] : []));
  if (typeLists.length > 0) {
    const types = ATTACHMENT_TYPES.filter((type) => typeLists.every((l) => l.includes(type)));
    if (types.length === 0) return { ...result, attachments: false };
    attachments.types = types;
  }
  for (const key of ['maxCount', 'maxBytes', 'maxTotalBytes'] as const) {
    const max = lowest(given.map((f) => f[key]));
    if (max !== undefined) attachments[key] = max;
  }
  return { ...result, attachments };
}

/**
 * What a synpunkt about this area and of this kind must fit: the tightest of the routes it
 * would go to. An area or kind not chosen yet counts as any, so a form never promises more than
 * the choice still to come may allow. A route for serious complaints only counts when `serious`
 * is true: marking one is a choice made on the form, like any other, not one still to come.
 */
export function capabilitiesFor(
  routes: readonly RouteLimits[],
  {
    area,
    kind,
    serious,
  }: { area?: string | undefined; kind?: Kind | undefined; serious?: boolean | undefined },
): AdapterCapabilities {
  const taking = routes.filter(
    (route) =>
      (route.serious !== true || serious === true) &&
      (area === undefined || route.areas === undefined || route.areas.includes(area)) &&
      (kind === undefined || route.kinds === undefined || route.kinds.includes(kind)),
  );
  return tightestCapabilities(taking.map((route) => route.capabilities));
}

const count = z.int().check(z.positive());
const routeLimits = z.object({
  areas: z.optional(z.array(z.string())),
  kinds: z.optional(z.array(z.enum(KINDS))),
  serious: z.optional(z.literal(true)),
  capabilities: z.object({
    maxMessageLength: z.optional(count),
    attachments: z.optional(
      z.union([
        z.literal(false),
        z.object({
          types: z.optional(z.array(z.enum(ATTACHMENT_TYPES))),
          maxCount: z.optional(count),
          maxBytes: z.optional(count),
          maxTotalBytes: z.optional(count),
        }),
      ]),
    ),
  }),
});
const receiverLimits = z.object({ routes: z.array(routeLimits) });

/**
 * A `GET /v1/limits` answer, or `undefined` when it is not one (an older relay, a proxy's error
 * page): then the form keeps the limits it has. Members it does not know are ignored.
 */
export function parseReceiverLimits(value: unknown): ReceiverLimits | undefined {
  const parsed = receiverLimits.safeParse(value);
  return parsed.success ? (parsed.data as ReceiverLimits) : undefined;
}
