import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KINDS } from '@synpunkt/sdk';
import * as z from 'zod';
import { DEFAULT_ANSWER_DAYS } from './follow-up-store.js';
import { describeJsonError } from './json-position.js';

/**
 * Request-body bytes in flight at once when `bodyBytesInFlight` is left out (32 MiB): two
 * submissions of the largest size (14 MB with files) are read and parsed together, more wait
 * for a `503` with `Retry-After`. Each costs 40–60 MB of JavaScript heap while it is decoded,
 * parsed, checked and stored: twenty at once crashed a relay with the heap of a 1 GB machine
 * (256 MB), and four at once one with the heap of a 512 MB machine (128 MB); two fit that.
 */
export const DEFAULT_BODY_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

/** A secret kept out of the file: `{ "env": "SMTP_PASSWORD" }` is read from the environment at start-up. */
export interface EnvReference {
  env: string;
}

/** What a secret written into the file is told. */
const SECRET_IN_FILE =
  'must be { "env": "NAME" }: secrets come from the environment, not from the file';

const envReference = z.strictObject(
  {
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable'),
  },
  { error: SECRET_IN_FILE },
);

/**
 * A whole number from `min` to `max`; every way of missing it gets its own message (a
 * schema-wide `error` would call -1 or 87.5 "not a number").
 */
const wholeNumber = (min: number, max: number) => {
  const range = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: 'must be a number' }).int(range).min(min, range).max(max, range);
};

/**
 * Keys in a target's settings whose value is a secret: never plain text in the file. Header
 * names too (`Authorization`, `X-Api-Key`, `Api-Key`): a rest target's key travels in one.
 */
const SECRET_NAMES =
  '(?:pass|password|passphrase|secret|clientSecret|(?:x-)?api[-_]?key|token|authorization)';
const SECRET_KEY = new RegExp(`^${SECRET_NAMES}$`, 'i');

/**
 * The file with the text of every secret-named string value (`"password": "…"`, also one not
 * closed yet, also one on the line after its key) blanked out, same length: the line a JSON
 * error shows goes to the terminal and the journal, and a secret pasted into the file must not
 * go with it. A secret pasted with a `"` in it (the likely reason the file is not JSON) ends
 * only at a quote that JSON would follow with `,`, `}`, `]`, the next key or the end of the line.
 */
function hideSecretValues(text: string): string {
  const secret = new RegExp(
    `("${SECRET_NAMES}"\\s*:\\s*")((?:[^"\\\\\\r\\n]|\\\\.?|"(?!\\s*(?:[,}\\]]|$|"[^"\\r\\n]*"\\s*:)))*)`,
    'gim',
  );
  return text.replace(secret, (_, key: string, value: string) => key + '•'.repeat(value.length));
}

/** Paths in `settings` where a secret is written as plain text instead of `{ "env": … }`. */
function plainSecrets(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => plainSecrets(item, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    SECRET_KEY.test(key) && typeof item === 'string' && item !== ''
      ? [[...path, key]]
      : plainSecrets(item, [...path, key]),
  );
}

const positiveInt = (what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .int('must be a whole number')
    .positive('must be greater than 0');

/**
 * Milliseconds that feed a timer: at most a day. Node fires a timer longer than 2^31 − 1 ms
 * (24.8 days) after 1 ms instead, so a longer attempt timeout would cut every delivery at once
 * and a longer poll interval would poll every millisecond.
 */
const timerMs = () =>
  positiveInt('milliseconds').max(86_400_000, 'must be at most 86400000 (a day)');

const targetSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be text' })
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits or dashes'),
    type: z.enum(['email', 'rest', 'open311', 'artvise', 'module'], {
      error: 'must be one of email, rest, open311, artvise, module',
    }),
    // For type "module": your own adapter, loaded from a file or an installed package.
    module: z.string({ error: 'must be text' }).min(1, 'must not be empty').optional(),
    export: z
      .string({ error: 'must be text' })
      .regex(/^[A-Za-z_$][\w$]*$/, 'must be the name of an export, such as casePortalAdapter')
      .optional(),
    settings: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
    areas: z
      .array(z.string({ error: 'must be text' }).min(1, 'must not be empty'), {
        error: 'must be a list of area ids',
      })
      .min(1, 'must list at least one area, or be left out to take every area')
      .optional(),
    // Complaints also to the unit's manager at once, for instance: DOMAIN's escalation.
    kinds: z
      .array(z.enum(KINDS, { error: `must list kinds: ${KINDS.join(', ')}` }), {
        error: `must be a list of kinds: ${KINDS.join(', ')}`,
      })
      .min(1, 'must list at least one kind, or be left out to take every kind')
      .optional(),
    // Serious complaints to the nearest manager at once (DOMAIN: escalation): staff mark them.
    serious: z
      .literal(true, {
        error: 'must be true (only complaints marked serious), or be left out to take every one',
      })
      .optional(),
  })
  .superRefine((target, ctx) => {
    // The built-in adapters' settings are known; an integrator's module may use these names
    // for something else, so its settings are left to its own factory.
    const settingsSecrets = target.type === 'module' ? [] : plainSecrets(target.settings);
    for (const path of settingsSecrets) {
      ctx.addIssue({ code: 'custom', path: ['settings', ...path], message: SECRET_IN_FILE });
    }
    if (target.type === 'module' && target.module === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['module'],
        message:
          'is required for type "module": the file of your adapter, such as ./adapters/case-portal.js',
      });
    }
    if (target.serious && target.kinds !== undefined && !target.kinds.includes('complaint')) {
      ctx.addIssue({
        code: 'custom',
        path: ['kinds'],
        message:
          'must include complaint for a target with `serious` (only complaints are marked serious), or be left out',
      });
    }
    if (target.type !== 'module') {
      for (const key of ['module', 'export'] as const) {
        if (target[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is only for type "module" (this target's type is ${target.type})`,
          });
        }
      }
    }
  });

/**
 * The origin as a browser sends it in `Origin` (lower case, no default port, no slash), or
 * undefined when the text is not an origin. `https://WWW.Kommun.se:443/` is
 * `https://www.kommun.se`: written the other way it would never match, and every post would
 * get 403.
 */
function originOf(text: string): string | undefined {
  if (!/^https?:\/\/[^/\s?#@]+\/?$/i.test(text.trim())) return undefined;
  try {
    return new URL(text.trim()).origin;
  } catch {
    return undefined;
  }
}

const configSchema = z
  .strictObject({
    listen: z
      .strictObject({
        host: z.string({ error: 'must be text' }).min(1, 'must not be empty').default('127.0.0.1'),
        port: wholeNumber(0, 65535).default(8787),
      })
      .default({ host: '127.0.0.1', port: 8787 }),
    storePath: z.string({ error: 'must be a file path' }).min(1, 'must not be empty'),
    // How long a starting relay waits for another one on the same store to stop (a restart).
    storeLockWaitMs: wholeNumber(0, 600_000).default(5_000),
    allowedOrigins: z
      .array(
        z.string({ error: 'must be text' }).transform((text, context) => {
          const origin = originOf(text);
          if (origin === undefined) {
            context.addIssue({
              code: 'custom',
              message: 'must be an origin such as https://www.kommun.se (no path)',
            });
            return z.NEVER;
          }
          return origin;
        }),
        { error: 'must be a list of origins' },
      )
      .default([]),
    referencePrefix: z
      .string({ error: 'must be text' })
      .regex(
        /^[A-Z][A-Z0-9]{0,9}$/,
        'must be 1–10 capital letters or digits, the first a letter, such as SYN',
      )
      .default('SYN'),
    replyDays: wholeNumber(0, 365).default(10),
    bodyLimitBytes: positiveInt('bytes').default(16 * 1024 * 1024),
    // Request bodies being received and parsed at once, across all requests (see BodyBudget).
    // Left out: DEFAULT_BODY_BYTES_IN_FLIGHT, or bodyLimitBytes when that is larger.
    bodyBytesInFlight: positiveInt('bytes').optional(),
    trustProxy: z.boolean({ error: 'must be true or false' }).default(false),
    rateLimit: z
      .strictObject({
        windowMs: positiveInt('milliseconds').default(60_000),
        max: positiveInt('requests per window').default(20),
      })
      .default({ windowMs: 60_000, max: 20 }),
    challenge: z
      .strictObject({
        enabled: z.boolean({ error: 'must be true or false' }).default(false),
        hmacKey: envReference.optional(),
        maxNumber: positiveInt('upper bound of the search').default(100_000),
        expiresMs: positiveInt('milliseconds').default(20 * 60_000),
      })
      .default({ enabled: false, maxNumber: 100_000, expiresMs: 20 * 60_000 }),
    outbox: z
      .strictObject({
        // With the default backoff, the waits before the 57th attempt add up to at least 24.2 h
        // (at most 48.4 h): a backend down for a day does not leave a synpunkt dead.
        maxAttempts: positiveInt('attempts').default(57),
        baseDelayMs: positiveInt('milliseconds').default(10_000),
        maxDelayMs: positiveInt('milliseconds').default(3_600_000),
        pollIntervalMs: timerMs().default(1_000),
        concurrency: positiveInt('deliveries at once').max(64, 'must be at most 64').default(4),
        timeoutMs: timerMs().default(60_000),
      })
      .default({
        maxAttempts: 57,
        baseDelayMs: 10_000,
        maxDelayMs: 3_600_000,
        pollIntervalMs: 1_000,
        concurrency: 4,
        timeoutMs: 60_000,
      }),
    retentionDays: wholeNumber(0, 3650).default(30),
    // DOMAIN's follow-up: the sender is asked whether the promised reply came in time.
    followUp: z
      .strictObject({
        /** The e-mail target whose SMTP server, sender and municipality name the question uses. */
        target: z.string({ error: 'must be the name of an e-mail target' }),
        /** The relay's public address, as the sender's browser reaches it: the link in the mail. */
        publicUrl: z
          .string({ error: 'must be text' })
          .regex(
            /^https?:\/\/[^/\s?#]+(?:\/[^\s?#]*)?$/,
            'must be the relay’s public address, such as https://synpunkt.kommun.se',
          ),
        /**
         * Days after the question is sent that it can be answered. After that the link records
         * nothing, and the row keeps only what the report counts (nothing that ties it to a person).
         */
        answerDays: wholeNumber(1, 365).default(DEFAULT_ANSWER_DAYS),
      })
      .optional(),
    targets: z
      .array(targetSchema, { error: 'must be a list of targets' })
      .min(1, 'must name at least one target'),
  })
  .superRefine((config, ctx) => {
    if (config.challenge.enabled && config.challenge.hmacKey === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['challenge', 'hmacKey'],
        message: 'is required when the challenge is enabled ({ "env": "NAME" })',
      });
    }
    if (
      config.bodyBytesInFlight !== undefined &&
      config.bodyBytesInFlight < config.bodyLimitBytes
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['bodyBytesInFlight'],
        message: `must be at least bodyLimitBytes (${config.bodyLimitBytes}): otherwise a submission of the largest size is refused even when it is the only one`,
      });
    }
    if (config.outbox.maxDelayMs < config.outbox.baseDelayMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['outbox', 'maxDelayMs'],
        message: 'must not be smaller than outbox.baseDelayMs',
      });
    }
    const names = new Set<string>();
    config.targets.forEach((target, index) => {
      if (names.has(target.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'name'],
          message: `"${target.name}" is used twice; every target needs its own name`,
        });
      }
      names.add(target.name);
    });
    if (config.followUp !== undefined) {
      const target = config.targets.find((t) => t.name === config.followUp?.target);
      if (target?.type !== 'email') {
        const emails = config.targets.filter((t) => t.type === 'email').map((t) => t.name);
        ctx.addIssue({
          code: 'custom',
          path: ['followUp', 'target'],
          message: `must name a target of type "email" (${emails.length > 0 ? `here: ${emails.join(', ')}` : 'there is none'}): its SMTP server sends the question`,
        });
      }
    }
    if (
      config.targets.every(
        (target) =>
          target.areas !== undefined || target.kinds !== undefined || target.serious === true,
      )
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets'],
        message:
          'at least one target must take every area and kind (leave out `areas`, `kinds` and `serious`), so no synpunkt is left without a receiver',
      });
    }
  })
  .transform((config) => ({
    ...config,
    bodyBytesInFlight:
      config.bodyBytesInFlight ?? Math.max(DEFAULT_BODY_BYTES_IN_FLIGHT, config.bodyLimitBytes),
  }));

/** The relay's configuration as written in `relay.config.json`, before defaults. */
export type RelayConfigInput = z.input<typeof configSchema>;

/** The relay's configuration after validation, with defaults filled in. */
export type RelayConfig = z.output<typeof configSchema>;

/** One delivery target as configured. */
export type TargetConfig = RelayConfig['targets'][number];

/** A configuration that cannot be used; the message names the field and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `targets.0.settings.smtp` → `targets[0].settings.smtp`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name === '' ? String(key) : `.${String(key)}`;
  }
  return name || '(configuration)';
}

/**
 * Validates a configuration object and fills in defaults.
 *
 * @throws ConfigError naming every wrong field, such as `outbox.maxAttempts: must be a whole number`.
 */
export function parseConfig(input: unknown): RelayConfig {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `${fieldName(issue.path)}: unknown field(s) ${issue.keys.join(', ')}`;
    }
    return `${fieldName(issue.path)}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid relay configuration:\n  ${lines.join('\n  ')}`);
}

/**
 * The file's text, strictly UTF-8. A file saved as Windows' "ANSI" or UTF-16 (older Notepad,
 * PowerShell 5) would otherwise be read with every å, ä and ö turned into U+FFFD, which then
 * stands in the clerk's subject and the sender's mail. Only the place is named, not the line:
 * it may hold a secret.
 */
function utf8Of(bytes: Buffer, path: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ConfigError(
      `The configuration file ${path} is not UTF-8 but UTF-16. Save it as UTF-8.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const before = bytes.toString('utf8').split('\uFFFD')[0]!.split('\n');
    throw new ConfigError(
      `The configuration file ${path} is not UTF-8: line ${before.length}, column ${before.at(-1)!.length + 1}. Save it as UTF-8.`,
    );
  }
}

/**
 * Reads and validates a JSON configuration file.
 *
 * @throws ConfigError when the file cannot be read, is not JSON, or has a wrong field.
 */
export function loadConfig(path: string): RelayConfig {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(
      `Cannot read the configuration file ${path}: ${(error as Error).message}`,
    );
  }
  let text = utf8Of(bytes, path);
  // A byte-order mark (Windows Notepad writes one) is no JSON: take off one, before parsing, so
  // the line and column of any other mistake count from the text an editor shows.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `The configuration file ${path} is not JSON: ${describeJsonError(text, error, hideSecretValues)}`,
    );
  }
  const config = parseConfig(input);
  // Like a module: a relative store is next to the configuration file, wherever the relay or an
  // `outbox` command is started. Otherwise a command run from another directory would open
  // (and create) another, empty store.
  if (config.storePath !== ':memory:') {
    const given = config.storePath;
    config.storePath = resolve(dirname(path), given);
    // Releases before 0.2 read a relative storePath from the working directory. Starting on a
    // new, empty store beside the configuration would hand out references a second time and
    // leave the old store's deliveries unsent: stop and say where the store is.
    const before = resolve(given);
    if (before !== config.storePath && !existsSync(config.storePath) && existsSync(before)) {
      throw new ConfigError(
        `Invalid relay configuration:\n  storePath: "${given}" is now read relative to the configuration file, as ${config.storePath}, which does not exist; the store is at ${before} (relative to the working directory, as earlier releases read it). Set storePath to "${before}", or move the store.`,
      );
    }
  }
  // A relative adapter module is relative to the configuration file, not to where the relay
  // happens to be started.
  for (const target of config.targets) {
    if (target.module !== undefined && /^\.\.?\//.test(target.module)) {
      target.module = resolve(dirname(path), target.module);
    }
  }
  return config;
}

function isEnvReference(value: unknown): value is EnvReference {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'env' && typeof (value as EnvReference).env === 'string';
}

/**
 * Replaces every `{ "env": "NAME" }` in `value` with the environment variable's value.
 *
 * @param field where `value` sits in the configuration, for error messages.
 * @throws ConfigError naming the field when a variable is not set or empty.
 */
export function resolveSecrets(
  value: unknown,
  field: string,
  env: NodeJS.ProcessEnv = process.env,
): unknown {
  const missing: string[] = [];
  const resolved = resolveEach(value, field, env, missing);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid relay configuration:\n  ${missing.join('\n  ')}`);
  }
  return resolved;
}

/** `resolveSecrets`, noting every variable that is not set rather than stopping at the first. */
function resolveEach(
  value: unknown,
  field: string,
  env: NodeJS.ProcessEnv,
  missing: string[],
): unknown {
  if (isEnvReference(value)) {
    const secret = env[value.env];
    if (secret === undefined || secret === '') {
      missing.push(`${field}: the environment variable ${value.env} is not set`);
    }
    return secret;
  }
  if (Array.isArray(value))
    return value.map((item, i) => resolveEach(item, `${field}[${i}]`, env, missing));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = resolveEach(item, `${field}.${key}`, env, missing);
    }
    return out;
  }
  return value;
}
