#!/usr/bin/env node
/**
 * `synpunkt-relay --config relay.config.json` runs the relay;
 * `synpunkt-relay outbox list|retry <id>|retry --all --config relay.config.json` inspects and
 * replays its outbox.
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { createRelay } from './index.js';
import { createLogger } from './log.js';
import { Store, type OutboxEntry } from './store.js';
import { StoreInUseError } from './store-lock.js';

/** Exit code for a configuration error (EX_CONFIG from sysexits.h; systemd shows it). */
export const EXIT_CONFIG = 78;

/**
 * Exit code when another relay uses the store (EX_TEMPFAIL): unlike 78, a restart by systemd
 * succeeds once the other one has stopped, as in a rolling deploy.
 */
export const EXIT_TEMPFAIL = 75;

const USAGE = `Usage:
  synpunkt-relay --config relay.config.json
  synpunkt-relay outbox list [--json] --config relay.config.json
  synpunkt-relay outbox retry <submission id or reference> --config relay.config.json
  synpunkt-relay outbox retry --all --config relay.config.json`;

function formatEntries(entries: readonly OutboxEntry[]): string {
  if (entries.length === 0) return 'The outbox is empty: every submission is delivered.\n';
  const header = [
    'reference',
    'submission id',
    'target',
    'status',
    'attempts',
    'next attempt',
    'last error',
  ];
  const rows = entries.map((e) => [
    e.reference,
    e.submissionId,
    e.target,
    e.status,
    String(e.attempts),
    e.status === 'pending' ? e.nextAttemptAt : '-',
    e.lastError ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

async function outbox(
  args: string[],
  configPath: string,
  all: boolean,
  json: boolean,
): Promise<number> {
  const config = loadConfig(configPath);
  const store = new Store(config.storePath, config.referencePrefix, { mustExist: true });
  try {
    // Which store was read, so a wrong one shows (on stderr with --json, to keep stdout JSON).
    (json ? process.stderr : process.stdout).write(`Store: ${config.storePath}\n`);
    const [command, id] = args;
    if (command === 'list') {
      const entries = store.list();
      process.stdout.write(json ? `${JSON.stringify(entries, null, 2)}\n` : formatEntries(entries));
      return 0;
    }
    if (command === 'retry' && all) {
      const n = store.retryAllDead();
      process.stdout.write(`${n} dead deliveries will be tried again.\n`);
      return 0;
    }
    if (command === 'retry' && id !== undefined) {
      const n = store.retry(id);
      if (n === 0) {
        process.stderr.write(`No submission ${id} with deliveries to retry.\n`);
        return 1;
      }
      process.stdout.write(`${n} deliveries of ${id} will be tried (again).\n`);
      return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 64;
  } finally {
    store.close();
  }
}

async function serveRelay(configPath: string): Promise<void> {
  const log = createLogger();
  const relay = await createRelay(loadConfig(configPath), { log });
  await relay.start();
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    log.info('relay.stopping', { signal });
    relay.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('relay.stop_failed', { code: (error as Error).name });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Runs the command line; resolves with an exit code for the outbox commands. */
export async function main(argv: string[]): Promise<number | undefined> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || values.config === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 64;
  }
  if (positionals[0] === 'outbox') {
    return outbox(positionals.slice(1), values.config, values.all, values.json);
  }
  if (positionals.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  await serveRelay(values.config);
  return undefined;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    if (error instanceof StoreInUseError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_TEMPFAIL);
    }
    process.stderr.write(`synpunkt-relay: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
