#!/usr/bin/env node
/**
 * `synpunkt-relay --config relay.config.json` runs the relay;
 * `synpunkt-relay outbox list|retry|move|close … --config relay.config.json` inspects and replays
 * its outbox; `synpunkt-relay report …` compiles the follow-up figures by kind and area;
 * `synpunkt-relay person show|erase …` answers a data subject's request.
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { commandProblem, unexpectedOption } from './cli-options.js';
import { ConfigError, loadConfig } from './config.js';
import { EXIT_CONFIG, EXIT_IOERR, EXIT_TEMPFAIL, EXIT_USAGE } from './exit-codes.js';
import { createRelay, type Relay } from './index.js';
import { createLogger } from './log.js';
import { runOutboxCommand } from './outbox-commands.js';
import { runPersonCommand } from './person-command.js';
import { runReportCommand } from './report-command.js';
import { StoreInUseError } from './store-lock.js';
import { StoreFullError } from './store-space.js';

export { EXIT_CONFIG, EXIT_IOERR, EXIT_TEMPFAIL, EXIT_USAGE } from './exit-codes.js';

const USAGE = `Usage:
  synpunkt-relay --config relay.config.json
  synpunkt-relay outbox list [--target <name>] [--json] --config relay.config.json
  synpunkt-relay outbox retry <submission id or reference> [--target <name>] --config relay.config.json
  synpunkt-relay outbox retry --all [--target <name>] --config relay.config.json
  synpunkt-relay outbox move --from <old target> --to <new target> --config relay.config.json
  synpunkt-relay outbox close <submission id or reference> [--target <name>] --config relay.config.json
  synpunkt-relay report [--quarter 2026-Q3 | --from 2026-01-01 --to 2026-04-30] [--csv | --excel | --json] [--lang sv|en] --config relay.config.json
  synpunkt-relay person show|erase <e-mail address, phone number or reference> --config relay.config.json`;

async function serveRelay(configPath: string): Promise<void> {
  const log = createLogger();
  // The handlers come before anything else: a SIGTERM while the relay starts (waiting for the
  // store's lock, or just after it began to listen and deliver) must stop it like one at any
  // other time, not kill it with deliveries in flight.
  let relay: Relay | undefined = undefined;
  let started = false;
  let signalled = false;
  const stop = (running: Relay) => {
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('relay.stop_failed', { code: (error as Error).name });
        process.exit(1);
      },
    );
  };
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    log.info('relay.stopping', { signal });
    if (relay === undefined) {
      // Not made yet: nothing listens or delivers, and the kernel lets go of the store's lock.
      log.info('relay.stopped', {});
      process.exit(0);
    }
    // While it starts, it stops as soon as start() has returned.
    if (started) stop(relay);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  relay = await createRelay(loadConfig(configPath), { log });
  if (!signalled) await relay.start();
  started = true;
  if (signalled) stop(relay);
}

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  all: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  target: { type: 'string' },
  quarter: { type: 'string' },
  csv: { type: 'boolean', default: false },
  excel: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs the command line; resolves with an exit code for the outbox commands. */
export async function main(argv: string[]): Promise<number | undefined> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  } catch (error) {
    // A wrong option is wrong usage (64), not a crash (1): say which, and how it goes.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    const first = /^[^.]*/.exec((error as Error).message)![0];
    process.stderr.write(`synpunkt-relay: ${first}.\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals, tokens } = parsed;
  const given = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const unexpected = unexpectedOption(positionals, given);
  if (unexpected !== undefined) {
    process.stderr.write(`${unexpected}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const problem =
    commandProblem(positionals, values) ??
    (values.config === undefined ? 'synpunkt-relay: --config <file> is missing.' : undefined);
  if (problem !== undefined || values.config === undefined) {
    process.stderr.write(`${problem}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (positionals[0] === 'outbox') {
    const code = runOutboxCommand({
      positionals: positionals.slice(1),
      configPath: values.config,
      all: values.all,
      json: values.json,
      from: values.from,
      to: values.to,
      target: values.target,
    });
    if (code === EXIT_USAGE) process.stderr.write(`${USAGE}\n`);
    return code;
  }
  if (positionals[0] === 'report' && positionals.length === 1) {
    const code = runReportCommand({
      configPath: values.config,
      quarter: values.quarter,
      from: values.from,
      to: values.to,
      json: values.json,
      csv: values.csv,
      excel: values.excel,
      lang: values.lang,
    });
    if (code === EXIT_USAGE) process.stderr.write(`${USAGE}\n`);
    return code;
  }
  if (positionals[0] === 'person') {
    const code = runPersonCommand({ positionals: positionals.slice(1), configPath: values.config });
    if (code === EXIT_USAGE) process.stderr.write(`${USAGE}\n`);
    return code;
  }
  if (positionals.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT_USAGE;
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
    if (error instanceof StoreFullError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_IOERR);
    }
    process.stderr.write(`synpunkt-relay: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
