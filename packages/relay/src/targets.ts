import type { Adapter } from '@synpunkt/sdk';
import { ConfigError, resolveSecrets, type TargetConfig } from './config.js';

/** The kinds of target a configuration may name. */
export type TargetType = TargetConfig['type'];

/** Makes an adapter from a target's settings; throws `TypeError` for bad settings. */
export type AdapterFactory = (settings: unknown) => Adapter;

/** A configured delivery target, ready to use. */
export interface Target {
  /** The target's name from the configuration: the key of its deliveries in the outbox. */
  readonly name: string;
  readonly type: TargetType;
  /** The areas it takes; undefined for every area. */
  readonly areas: ReadonlySet<string> | undefined;
  readonly adapter: Adapter;
}

/** Loads `<type>Adapter` from `@synpunkt/adapters/<type>`. */
async function loadFactory(type: TargetType): Promise<AdapterFactory> {
  const module = (await import(`@synpunkt/adapters/${type}`)) as Record<string, unknown>;
  const factory = module[`${type}Adapter`];
  if (typeof factory !== 'function') {
    throw new Error(`@synpunkt/adapters/${type} has no ${type}Adapter export`);
  }
  return factory as AdapterFactory;
}

/**
 * Builds the adapters the configuration names. Secrets (`{ "env": "NAME" }`) are read from the
 * environment here, at start-up.
 *
 * @param factories replaces the adapters package for some types (embedding, tests).
 * @throws ConfigError naming the target when a secret is missing, an adapter cannot be loaded
 * or rejects its settings.
 */
export async function buildTargets(
  configs: readonly TargetConfig[],
  factories: Partial<Record<TargetType, AdapterFactory>> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target[]> {
  const targets: Target[] = [];
  for (const [index, config] of configs.entries()) {
    const field = `targets[${index}]`;
    const settings = resolveSecrets(config.settings, `${field}.settings`, env);
    let factory = factories[config.type];
    if (factory === undefined) {
      try {
        factory = await loadFactory(config.type);
      } catch (error) {
        throw new ConfigError(
          `Invalid relay configuration:\n  ${field}.type: the ${config.type} adapter cannot be loaded (${(error as Error).message})`,
        );
      }
    }
    let adapter: Adapter;
    try {
      adapter = factory(settings);
    } catch (error) {
      throw new ConfigError(
        `Invalid relay configuration:\n  ${field}.settings (target "${config.name}"): ${(error as Error).message}`,
      );
    }
    targets.push({
      name: config.name,
      type: config.type,
      areas: config.areas === undefined ? undefined : new Set(config.areas),
      adapter,
    });
  }
  return targets;
}

/** The targets that take a submission about `area`. */
export function targetsFor(targets: readonly Target[], area: string): Target[] {
  return targets.filter((target) => target.areas === undefined || target.areas.has(area));
}
