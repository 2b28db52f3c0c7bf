import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  capabilityIssues,
  type Adapter,
  type Kind,
  type Submission,
  type ValidationIssue,
} from '@synpunkt/sdk';
import { ConfigError, resolveSecrets, type TargetConfig } from './config.js';

/** The kinds of target a configuration may name. */
export type TargetType = TargetConfig['type'];

/** The target types whose adapter comes from `@synpunkt/adapters`. */
export type BuiltInTargetType = Exclude<TargetType, 'module'>;

/** Makes an adapter from a target's settings; throws `TypeError` for bad settings. */
export type AdapterFactory = (settings: unknown) => Adapter;

/** A configured delivery target, ready to use. */
export interface Target {
  /** The target's name from the configuration: the key of its deliveries in the outbox. */
  readonly name: string;
  readonly type: TargetType;
  /** The areas it takes; undefined for every area. */
  readonly areas: ReadonlySet<string> | undefined;
  /** The kinds it takes; undefined for every kind. */
  readonly kinds: ReadonlySet<Kind> | undefined;
  /** It takes only complaints that staff marked serious (besides its areas and kinds). */
  readonly serious: boolean;
  readonly adapter: Adapter;
}

/** What the relay wants to hear from the adapters it builds. */
export interface TargetHooks {
  /**
   * An e-mail target delivered a synpunkt but could not send the sender's confirmation mail.
   * Replaces the e-mail adapter's own plain-text warning on stderr.
   */
  onConfirmationError?(target: string, error: unknown, submissionId: string): void;
}

/** Loads `<type>Adapter` from `@synpunkt/adapters/<type>`. */
async function loadBuiltIn(type: BuiltInTargetType): Promise<AdapterFactory> {
  const module = (await import(`@synpunkt/adapters/${type}`)) as Record<string, unknown>;
  const factory = module[`${type}Adapter`];
  if (typeof factory !== 'function') {
    throw new Error(`@synpunkt/adapters/${type} has no ${type}Adapter export`);
  }
  return factory as AdapterFactory;
}

/**
 * Loads an integrator's factory: `specifier` is a file path (absolute, or relative to the
 * working directory; `loadConfig` has already made paths in a file relative to that file) or an
 * installed package's name.
 */
async function loadModule(specifier: string, name: string): Promise<AdapterFactory> {
  const isPath = /^\.\.?\//.test(specifier) || isAbsolute(specifier);
  const url = isPath ? pathToFileURL(resolve(specifier)).href : specifier;
  const module = (await import(url)) as Record<string, unknown>;
  const factory = module[name];
  if (typeof factory !== 'function') {
    const exports = Object.keys(module).filter((key) => typeof module[key] === 'function');
    throw new Error(
      `${specifier} has no function exported as ${name}` +
        (exports.length > 0 ? ` (its functions: ${exports.join(', ')})` : ''),
    );
  }
  return factory as AdapterFactory;
}

/**
 * What to do about the two load errors an integrator meets first, which Node words for itself:
 * a TypeScript file, and a file outside the relay's directory whose imports are not beside it.
 */
function loadHint(specifier: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
    return '. The relay loads JavaScript (.js, .mjs): compile your adapter first (tsc, or esbuild --bundle)';
  }
  const missing = /^Cannot find package '([^']+)'/.exec((error as Error | null)?.message ?? '');
  if (code !== 'ERR_MODULE_NOT_FOUND' || !missing) return '';
  if (/^\.\.?\//.test(specifier) || isAbsolute(specifier)) {
    return (
      `. Node looks for ${missing[1]} beside your file, not beside the relay: bundle the adapter ` +
      'into one file (esbuild --bundle --platform=node --format=esm), or install it as a package ' +
      'beside the relay and name the package'
    );
  }
  return `. Install ${missing[1]} where the relay is installed (npm install in the relay's directory)`;
}

/** What a factory returned is usable as an adapter: the two things the outbox calls on. */
function isAdapter(value: unknown): value is Adapter {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Adapter>;
  return typeof candidate.name === 'string' && typeof candidate.submit === 'function';
}

/**
 * Builds the adapters the configuration names. Secrets (`{ "env": "NAME" }`) are read from the
 * environment here, at start-up.
 *
 * @param factories replaces the adapters package for some types (embedding, tests).
 * @param hooks what the relay is told by the adapters (see {@link TargetHooks}).
 * @throws ConfigError naming the target when a secret is missing, an adapter cannot be loaded
 * or rejects its settings.
 */
export async function buildTargets(
  configs: readonly TargetConfig[],
  factories: Partial<Record<BuiltInTargetType, AdapterFactory>> = {},
  env: NodeJS.ProcessEnv = process.env,
  hooks: TargetHooks = {},
): Promise<Target[]> {
  const targets: Target[] = [];
  // Every target's problems at once: an operator whose relay will not restart on its own (exit
  // code 78) should not have to find them one start at a time.
  const problems: string[] = [];
  for (const [index, config] of configs.entries()) {
    try {
      targets.push(await buildTarget(config, index, factories, env, hooks));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message.replace(/^Invalid relay configuration:\n {2}/, ''));
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid relay configuration:\n  ${problems.join('\n  ')}`);
  }
  return targets;
}

/** One target of `buildTargets`, the `index`th in the configuration. */
async function buildTarget(
  config: TargetConfig,
  index: number,
  factories: Partial<Record<BuiltInTargetType, AdapterFactory>>,
  env: NodeJS.ProcessEnv,
  hooks: TargetHooks,
): Promise<Target> {
  const field = `targets[${index}]`;
  const invalid = (message: string) =>
    new ConfigError(`Invalid relay configuration:\n  ${message}`);
  let settings = resolveSecrets(config.settings, `${field}.settings`, env);
  const { onConfirmationError } = hooks;
  if (config.type === 'email' && onConfirmationError) {
    settings = {
      ...(settings as Record<string, unknown>),
      onConfirmationError: (error: unknown, id: string) =>
        onConfirmationError(config.name, error, id),
    };
  }
  let factory: AdapterFactory | undefined;
  if (config.type === 'module') {
    // parseConfig makes sure a target of type "module" names its module.
    const specifier = config.module!;
    const name = config.export ?? 'default';
    try {
      factory = await loadModule(specifier, name);
    } catch (error) {
      throw invalid(
        `${field}.module (target "${config.name}"): cannot load the adapter: ${(error as Error).message}${loadHint(specifier, error)}`,
      );
    }
  } else {
    factory = factories[config.type];
    if (factory === undefined) {
      try {
        factory = await loadBuiltIn(config.type);
      } catch (error) {
        throw invalid(
          `${field}.type: the ${config.type} adapter cannot be loaded (${(error as Error).message})`,
        );
      }
    }
  }
  let adapter: unknown;
  try {
    adapter = factory(settings);
  } catch (error) {
    throw invalid(`${field}.settings (target "${config.name}"): ${(error as Error).message}`);
  }
  if (!isAdapter(adapter)) {
    throw invalid(
      `${field} (target "${config.name}"): the factory did not return an adapter, an object with \`name\` and \`submit\`${adapter instanceof Promise ? ' (it returned a Promise: a factory must not be async)' : ''}`,
    );
  }
  return {
    name: config.name,
    type: config.type,
    areas: config.areas === undefined ? undefined : new Set(config.areas),
    kinds: config.kinds === undefined ? undefined : new Set(config.kinds),
    serious: config.serious === true,
    adapter,
  };
}

/**
 * The targets that take a submission of this kind about this area: a target for serious
 * complaints only takes it when it is marked serious.
 */
export function targetsFor(
  targets: readonly Target[],
  { area, kind, serious }: Pick<Submission, 'area' | 'kind' | 'serious'>,
): Target[] {
  return targets.filter(
    (target) =>
      (!target.serious || serious === true) &&
      (target.areas === undefined || target.areas.has(area)) &&
      (target.kinds === undefined || target.kinds.has(kind)),
  );
}

/**
 * What the targets a submission goes to cannot carry, each problem once: two targets that both
 * take no files give one `files_not_supported`, and of two `too_long` the lower `max`, which is
 * the one the sender must meet.
 */
export function issuesOfTargets(
  targets: readonly Target[],
  submission: Submission,
): ValidationIssue[] {
  const tightest = new Map<string, ValidationIssue>();
  for (const target of targets) {
    for (const issue of capabilityIssues(submission, target.adapter.capabilities ?? {})) {
      const key = `${issue.code} ${JSON.stringify(issue.path)}`;
      const seen = tightest.get(key);
      const max = issue.params?.max;
      const seenMax = seen?.params?.max;
      if (!seen || (max !== undefined && (seenMax === undefined || max < seenMax))) {
        tightest.set(key, issue);
      }
    }
  }
  return [...tightest.values()];
}
