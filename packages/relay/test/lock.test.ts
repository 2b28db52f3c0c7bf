import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRelay, StoreInUseError } from '../src/index.js';
import {
  captureLogger,
  CLI,
  countingAdapter,
  eventually,
  kill,
  PACKAGE_DIR,
  post,
  runCli,
  sample,
  startChild,
  tempDir,
  testConfig,
  TSX,
  type ChildRelay,
} from './helpers.js';

describe('one relay per store', () => {
  it('refuses a second relay on the same store, and starts one once the first has stopped', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(storePath, { storeLockWaitMs: 100 });
    writeFileSync(configPath, JSON.stringify(config));
    const options = { log: captureLogger().log, adapters: { rest: () => countingAdapter() } };
    const first = await createRelay(config, options);
    try {
      await assert.rejects(createRelay(config, options), (error: Error) => {
        assert.ok(error instanceof StoreInUseError, String(error));
        assert.ok(error.message.includes(`storePath: ${storePath}`), error.message);
        assert.match(error.message, /another relay process uses the store/);
        return true;
      });
      assert.equal((await first.app.request('/v1/synpunkter', post(sample()))).status, 201);
      const list = await runCli(['outbox', 'list', '--config', configPath]);
      assert.equal(list.code, 0, `the outbox commands work beside a running relay: ${list.stderr}`);
    } finally {
      await first.stop();
    }
    const next = await createRelay(config, options);
    await next.stop();
    tmp.cleanup();
  });

  it('lets go of the store when it cannot listen, so a relay made again on another port starts', async () => {
    const tmp = tempDir();
    const options = { log: captureLogger().log, adapters: { rest: () => countingAdapter() } };
    const other = await createRelay(testConfig(join(tmp.dir, 'other.db')), options);
    const { port } = await other.start();
    try {
      const config = testConfig(join(tmp.dir, 'relay.db'), { storeLockWaitMs: 0 });
      const first = countingAdapter();
      const taken = await createRelay(
        { ...config, listen: { host: '127.0.0.1', port } },
        { ...options, adapters: { rest: () => first } },
      );
      const submission = sample();
      assert.equal((await taken.app.request('/v1/synpunkter', post(submission))).status, 201);
      await assert.rejects(taken.start(), /EADDRINUSE/);
      // A relay that could not listen never delivered: the demo's fallback to another port
      // once sent every synpunkt twice, from this one's worker and from the next relay's.
      assert.deepEqual(first.calls, []);
      const second = countingAdapter();
      const next = await createRelay(config, { ...options, adapters: { rest: () => second } });
      await next.start();
      await eventually(() => second.calls.length === 1, 10_000, 'the delivery');
      await next.stop();
      assert.deepEqual(second.calls, [submission.id]);
    } finally {
      await other.stop();
      tmp.cleanup();
    }
  });

  it('a second synpunkt-relay exits 75; after a SIGKILL, or during a quick restart, the next one starts', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const configPath = join(tmp.dir, 'relay.config.json');
    const config = testConfig(storePath, { storeLockWaitMs: 100 });
    const children: ChildRelay[] = [];
    let patient: ChildProcess | undefined;
    try {
      children.push(await startChild(config, configPath));
      const second = await runCli(['--config', configPath]);
      assert.equal(second.code, 75, second.stderr);
      assert.ok(second.stderr.includes(`storePath: ${storePath}`), second.stderr);
      assert.match(second.stderr, /another relay process uses the store/);
      assert.doesNotMatch(second.stdout, /relay\.listening/);

      // The kernel drops the lock of a killed process: nothing stale is left behind.
      await kill(children[0]!, 'SIGKILL');
      const restarted = await startChild(config, configPath);
      children.push(restarted);

      // A restart during a deploy: the new relay waits for the old one to stop, then starts.
      const patientConfig = join(tmp.dir, 'patient.config.json');
      writeFileSync(patientConfig, JSON.stringify({ ...config, storeLockWaitMs: 20_000 }));
      let output = '';
      patient = spawn(process.execPath, ['--import', TSX, CLI, '--config', patientConfig], {
        cwd: PACKAGE_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      patient.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      patient.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) =>
        patient!.once('exit', (code) => resolve(code)),
      );
      await eventually(() => output.includes('"event":"store.in_use"'), 20_000, 'the wait');
      assert.equal((await kill(restarted, 'SIGTERM')).code, 0);
      await eventually(() => output.includes('"event":"relay.listening"'), 20_000, output);
      patient.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    } finally {
      for (const child of children) await kill(child);
      if (patient && patient.exitCode === null && patient.signalCode === null) {
        patient.kill('SIGKILL');
      }
      tmp.cleanup();
    }
  });
  it('a relay waiting for the store stops on SIGTERM with exit code 0, and the other keeps serving', async () => {
    const tmp = tempDir();
    const storePath = join(tmp.dir, 'relay.db');
    const config = testConfig(storePath);
    const holder = await startChild(config, join(tmp.dir, 'relay.config.json'));
    const waitingConfig = join(tmp.dir, 'waiting.config.json');
    writeFileSync(waitingConfig, JSON.stringify({ ...config, storeLockWaitMs: 20_000 }));
    let output = '';
    const waiting = spawn(process.execPath, ['--import', TSX, CLI, '--config', waitingConfig], {
      cwd: PACKAGE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      waiting.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      waiting.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve) => waiting.once('exit', (code, signal) => resolve({ code, signal })),
      );
      await eventually(() => output.includes('"event":"store.in_use"'), 20_000, 'the wait');
      // systemctl stop during a deploy: a stop like any other, not a death by signal.
      waiting.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, output);
      assert.match(output, /"event":"relay.stopping","signal":"SIGTERM"/);
      assert.doesNotMatch(output, /relay\.listening/);
      assert.equal((await fetch(`${holder.url}/healthz`)).status, 200);
    } finally {
      if (waiting.exitCode === null && waiting.signalCode === null) waiting.kill('SIGKILL');
      await kill(holder);
      tmp.cleanup();
    }
  });
});
