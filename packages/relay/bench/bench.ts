/**
 * The relay's throughput, beside what the disk allows: accepted submissions per second and
 * p50/p99 latency at 1, 10 and 100 concurrent clients on loopback, against a plain loop of
 * one-row SQLite transactions with the same durability (WAL, synchronous=FULL) on the same
 * machine in the same run; and the relay's peak memory. Not a test: it prints numbers.
 *
 *   pnpm --filter @synpunkt/relay bench
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Submission } from '@synpunkt/sdk';
import { sampleSubmission } from '@synpunkt/sdk/testing';
import { kill, post, startChild, tempDir, testConfig } from '../test/helpers.js';

const LEVELS = [1, 10, 100];
const REQUESTS: Record<number, number> = { 1: 500, 10: 2_000, 100: 3_000 };
const MAX_SECONDS = 20;

function sqliteBaseline(path: string): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, body) VALUES (?, ?)');
  const one = db.transaction((id: string, body: string) => insert.run(id, body));
  const body = JSON.stringify(sampleSubmission());
  const started = performance.now();
  let n = 0;
  while (n < 3_000 && performance.now() - started < MAX_SECONDS * 1000) {
    one(crypto.randomUUID(), body);
    n += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return n / seconds;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function level(url: string, clients: number, submissions: Submission[]) {
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < submissions.length && performance.now() - started < MAX_SECONDS * 1000) {
        const submission = submissions[next++]!;
        const t0 = performance.now();
        const response = await fetch(`${url}/v1/synpunkter`, post(submission));
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 201) refused += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    refused,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const tmp = tempDir();
try {
  const baseline = sqliteBaseline(join(tmp.dir, 'baseline.db'));
  const relay = await startChild(
    testConfig(join(tmp.dir, 'relay.db'), {
      bodyLimitBytes: 1024 * 1024,
      // Deliveries go to a closed loopback port and wait an hour: this measures accepting.
      outbox: {
        maxAttempts: 3,
        baseDelayMs: 3_600_000,
        maxDelayMs: 3_600_000,
        pollIntervalMs: 60_000,
        concurrency: 1,
        timeoutMs: 1_000,
      },
      targets: [
        {
          name: 'nowhere',
          type: 'rest',
          settings: { endpoint: 'http://127.0.0.1:9/v1/synpunkter' },
        },
      ],
    }),
    join(tmp.dir, 'relay.config.json'),
  );
  try {
    const rows: string[] = [];
    rows.push(
      `plain SQLite loop (WAL, synchronous=FULL, one row per transaction): ${baseline.toFixed(0)} tx/s`,
    );
    rows.push('');
    rows.push('clients  requests  accepted/s  p50 ms  p99 ms  vs SQLite loop');
    for (const clients of LEVELS) {
      const submissions = Array.from({ length: REQUESTS[clients]! }, () => sampleSubmission());
      const r = await level(relay.url, clients, submissions);
      rows.push(
        `${String(clients).padStart(7)}  ${String(r.count).padStart(8)}  ${r.rate.toFixed(0).padStart(10)}  ${r.p50.toFixed(1).padStart(6)}  ${r.p99.toFixed(1).padStart(6)}  ${(r.rate / baseline).toFixed(2).padStart(8)}×${r.refused ? `  (${r.refused} not 201!)` : ''}`,
      );
    }
    const { rss, peak } = memory(relay.process.pid!);
    rows.push('');
    rows.push(`relay memory: peak RSS ${peak.toFixed(0)} MiB (now ${rss.toFixed(0)} MiB)`);
    console.log(rows.join('\n'));
  } finally {
    await kill(relay, 'SIGTERM');
  }
} finally {
  tmp.cleanup();
}
