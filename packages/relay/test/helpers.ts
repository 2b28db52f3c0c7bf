import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { memoryAdapter, sampleSubmission, type MemoryAdapter } from '@synpunkt/sdk/testing';
import type { AdapterCapabilities, AdapterContext, Submission } from '@synpunkt/sdk';
import { SMTPServer } from 'smtp-server';
import { createLogger, type Logger } from '../src/log.js';
import type { RelayConfigInput, TargetConfig } from '../src/config.js';
import { createRelay, type Relay } from '../src/index.js';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(PACKAGE_DIR, 'src', 'cli.ts');
/** tsx's loader, as a URL that works from any working directory. */
export const TSX = import.meta.resolve('tsx');

/** A fresh temporary directory, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-relay-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger whose lines are kept for assertions. */
export function captureLogger(): {
  log: Logger;
  text: () => string;
  lines: () => Record<string, unknown>[];
} {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const text = () => chunks.join('');
  return {
    log: createLogger(stream),
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A config for tests: loopback, a small body limit, fast outbox. */
export function testConfig(
  storePath: string,
  overrides: Partial<RelayConfigInput> = {},
): RelayConfigInput {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    storePath,
    allowedOrigins: ['https://www.exempelkommun.se'],
    referencePrefix: 'SYN',
    replyDays: 10,
    bodyLimitBytes: 64 * 1024,
    rateLimit: { windowMs: 60_000, max: 100_000 },
    outbox: {
      maxAttempts: 5,
      baseDelayMs: 20,
      maxDelayMs: 200,
      pollIntervalMs: 50,
      concurrency: 4,
      timeoutMs: 10_000,
    },
    retentionDays: 30,
    targets: [
      { name: 'mem', type: 'rest', settings: { endpoint: 'http://127.0.0.1:9/v1/synpunkter' } },
    ],
    ...overrides,
  };
}

/** Outbox settings that give up after one quick attempt: a refusing backend is dead at once. */
export function oneTryOutbox(concurrency: number): RelayConfigInput['outbox'] {
  return {
    maxAttempts: 1,
    baseDelayMs: 5,
    maxDelayMs: 5,
    pollIntervalMs: 10,
    concurrency,
    timeoutMs: 1_000,
  };
}

/** Rest targets with these names and no settings: each gets a test adapter instead. */
export function restTargets(...names: string[]): TargetConfig[] {
  return names.map((name) => ({ name, type: 'rest', settings: {} }));
}

/** A relay whose rest targets get these adapters, in the order of the configuration. */
export function relayWithBackends(
  config: RelayConfigInput,
  backends: readonly ReturnType<typeof countingAdapter>[],
): Promise<Relay> {
  const queue = [...backends];
  return createRelay(config, {
    log: captureLogger().log,
    adapters: { rest: () => queue.shift()! },
  });
}

/** Request init for posting a submission. */
export function post(submission: unknown, headers: Record<string, string> = {}): RequestInit {
  const id = (submission as { id?: unknown }).id;
  return {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(typeof id === 'string' ? { 'Idempotency-Key': id } : {}),
      ...headers,
    },
    body: JSON.stringify(submission),
  };
}

/** A valid submission. */
export const sample = (overrides: Parameters<typeof sampleSubmission>[0] = {}): Submission =>
  sampleSubmission(overrides);

/** Polls `check` until it is true or `ms` pass (for outcomes that happen in the background). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 20_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A real SMTP server on 127.0.0.1 that counts every message by its X-Synpunkt-Id. */
export interface SmtpSink {
  readonly port: number;
  /** Every X-Synpunkt-Id received, in arrival order (duplicates kept). */
  readonly ids: string[];
  /** Raw messages, by X-Synpunkt-Id (the last one). */
  readonly raw: Map<string, string>;
  /** Every message with its envelope recipients, in arrival order. */
  readonly messages: { to: string[]; text: string }[];
  /** Connection errors, such as the reset of a client that was killed mid-mail. */
  readonly errors: Error[];
  /** Stops listening (an outage): connections are refused until `start`. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * Starts an SMTP server without auth or TLS that accepts every message, except to the
 * recipients `refuse` names (answered 550 at RCPT TO, as a mailbox that does not exist).
 */
export async function smtpSink(
  refuse: (address: string) => boolean = () => false,
  refuseSender: () => boolean = () => false,
): Promise<SmtpSink> {
  const ids: string[] = [];
  const raw = new Map<string, string>();
  const messages: { to: string[]; text: string }[] = [];
  const errors: Error[] = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 50 * 1024 * 1024,
      onMailFrom(_address, _session, callback) {
        if (!refuseSender()) return callback();
        const error = new Error('Sender address not allowed') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      },
      onRcptTo(address, _session, callback) {
        if (!refuse(address.address)) return callback();
        const error = new Error('No such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const id = /^X-Synpunkt-Id:\s*(\S+)/im.exec(text)?.[1] ?? 'missing';
          // Recorded before the 250 reply: a message the client saw accepted is counted.
          ids.push(id);
          raw.set(id, text);
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
  let server = make();
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        // smtp-server re-emits each connection's socket error on the server: a relay killed
        // mid-mail resets its connection, which must not become an uncaught exception here.
        server.on('error', (error: Error) => errors.push(error));
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    ids,
    raw,
    messages,
    errors,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
    start: async () => {
      server = make();
      await listen();
    },
  };
}

/** Settings for the e-mail adapter pointing at a sink. */
export function emailSettings(port: number): Record<string, unknown> {
  return {
    smtp: { host: '127.0.0.1', port, secure: false, ignoreTLS: true },
    from: 'synpunkt@exempelkommun.se',
    to: { default: 'registrator@exempelkommun.se' },
    timeoutMs: 5_000,
  };
}

/** A relay running as a child process (`synpunkt-relay --config …`). */
export interface ChildRelay {
  readonly process: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once it exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Writes `config` next to the store and starts the CLI on it; resolves once it listens. */
export async function startChild(
  config: RelayConfigInput,
  configPath: string,
  nodeArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ChildRelay> {
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', CLI, '--config', configPath],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /"event":"relay.listening","host":"[^"]*","port":(\d+)/.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code }) =>
      reject(new Error(`relay exited (${code}) before listening:\n${out}`)),
    );
  });
  return { process: child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Runs the CLI to completion (outbox commands); resolves with its exit code and output. */
export function runCli(
  args: string[],
  cwd = PACKAGE_DIR,
  /** A command the CLI runs under, such as `setpriv --reuid=nobody …`. */
  under: readonly string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // tsx by absolute path: a working directory outside the package cannot resolve it by name.
    const [command, ...prefix] = [...under, process.execPath];
    const child = spawn(command!, [...prefix, '--import', TSX, CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Sends `SIGKILL`/`SIGTERM` and waits for the exit. */
export async function kill(child: ChildRelay, signal: NodeJS.Signals = 'SIGKILL') {
  if (child.process.exitCode === null && child.process.signalCode === null)
    child.process.kill(signal);
  return child.exited;
}

/** A memory backend that also counts every `submit` call, with an optional delay. */
export function countingAdapter(delayMs = 0) {
  const inner = memoryAdapter();
  const calls: string[] = [];
  const adapter = {
    name: 'counting',
    calls,
    stored: inner.stored,
    get state() {
      return inner.state;
    },
    set state(value: MemoryAdapter['state']) {
      inner.state = value;
    },
    capabilities: {} as AdapterCapabilities,
    async submit(submission: Submission, context?: AdapterContext) {
      calls.push(submission.id);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      return inner.submit(submission, context);
    },
  };
  return adapter;
}
