import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  memoryAdapter,
  runAdapterConformance,
  sampleAnonymous,
  sampleSubmission,
  TINY_PNG_BASE64,
  type MemoryAdapter,
  type MemoryRecord,
} from '../src/testing/index.js';

// The kit against the in-memory adapter. Every adapter the kit creates shares one store, as a
// restarted sender shares the backend; the hooks switch all of them.
const store = new Map<string, MemoryRecord>();
const adapters: MemoryAdapter[] = [];
const setState = (state: MemoryAdapter['state']) => {
  for (const adapter of adapters) adapter.state = state;
};

runAdapterConformance({
  name: 'memory',
  createAdapter: () => {
    const adapter = memoryAdapter(store);
    adapters.push(adapter);
    return adapter;
  },
  received: (id) => {
    const record = store.get(id);
    return Promise.resolve(record ? [record.submission] : []);
  },
  outage: () => {
    setState('down');
    return Promise.resolve(() => setState('up'));
  },
  refuse: () => {
    setState('refusing');
    return Promise.resolve(() => setState('up'));
  },
});

// The same adapter with fixed samples, as an author whose backend needs certain fields writes
// them: the same ids arrive again and again, and a correct adapter still passes every rule.
const fixedStore = new Map<string, MemoryRecord>();
const fixed = {
  reply: sampleSubmission(),
  anonymous: sampleAnonymous(),
  attachment: sampleSubmission({
    attachments: [{ name: 'gungan.png', type: 'image/png', size: 70, data: TINY_PNG_BASE64 }],
  }),
};
const fixedAdapters: MemoryAdapter[] = [];
runAdapterConformance({
  name: 'memory, fixed samples',
  createAdapter: () => {
    const adapter = memoryAdapter(fixedStore);
    fixedAdapters.push(adapter);
    return adapter;
  },
  received: (id) => {
    const record = fixedStore.get(id);
    return Promise.resolve(record ? [record.submission] : []);
  },
  outage: () => {
    for (const adapter of fixedAdapters) adapter.state = 'down';
    return Promise.resolve(() => fixedAdapters.forEach((adapter) => (adapter.state = 'up')));
  },
  refuse: () => {
    for (const adapter of fixedAdapters) adapter.state = 'refusing';
    return Promise.resolve(() => fixedAdapters.forEach((adapter) => (adapter.state = 'up')));
  },
  sample: (kind) => fixed[kind],
});

interface SuiteResult {
  failed: string[];
  passed: string[];
}

/** Reads node's TAP output: the tests of each top-level suite, failed and passed. */
function parseTap(tap: string): Map<string, SuiteResult> {
  const suites = new Map<string, SuiteResult>();
  let current: SuiteResult = { failed: [], passed: [] };
  for (const line of tap.split('\n')) {
    const child = /^ {4}(not )?ok \d+ - (.*)$/.exec(line);
    if (child) {
      (child[1] ? current.failed : current.passed).push(child[2] ?? '');
      continue;
    }
    const suite = /^(?:not )?ok \d+ - adapter conformance: (.*)$/.exec(line);
    if (suite) {
      suites.set(suite[1] ?? '', current);
      current = { failed: [], passed: [] };
    }
  }
  return suites;
}

function runFixture(
  file: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  // Set by the parent test runner; the child must report as a top-level run.
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=tap',
      fileURLToPath(new URL(file, import.meta.url)),
    ],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), env, timeout: 60_000 },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the conformance kit fails broken adapters', async () => {
  const { code, stdout, stderr } = await runFixture('./fixtures/broken-adapters.ts');
  const suites = parseTap(stdout);

  // Each broken adapter, and the rules (by a word from the test's name) it must fail.
  const expected: Record<string, RegExp[]> = {
    healthy: [],
    'new-reference-every-call': [/same id arrives twice/],
    'plain-error-when-down': [/retryable error while the backend is down/],
    'not-retryable-when-down': [/retryable error while the backend is down/],
    'retryable-refusal': [/non-retryable error when the backend refuses/],
    'truncates-message': [
      /accepts a valid submission/,
      /anonymous/,
      /attachments/,
      /same id arrives twice/,
      /retryable error while the backend is down/,
    ],
    'drops-attachments': [/attachments/],
    'ignores-abort': [/signal is aborted/],
    'bad-capabilities': [/capabilities/],
    'omits-attachments': [/attachments/],
    'new-received-at-on-retry': [/same id arrives twice/],
    'accepts-invalid': [/invalid submission/],
    'wraps-abort': [/signal is aborted/],
    'healthy-no-files': [],
    'healthy-few-files': [],
    'ignores-declared-limits': [/attachments/, /message longer than it declares/],
    'ignores-attachment-limits': [
      /message longer than it declares/,
      /attachments beyond the limits it declares/,
    ],
    'refuses-limits-without-issues': [
      /message longer than it declares/,
      /attachments beyond the limits it declares/,
    ],
  };

  it('the child run fails, and reports how many failed', () => {
    assert.equal(code, 1, `the child exited with ${code}: ${stderr}`);
    const fail = /^# fail (\d+)$/m.exec(stdout);
    const pass = /^# pass (\d+)$/m.exec(stdout);
    assert.ok(fail && pass, `no TAP summary in the child's output:\n${stdout}\n${stderr}`);
    const failures = Object.values(expected).reduce((sum, rules) => sum + rules.length, 0);
    assert.equal(Number(fail[1]), failures);
    assert.ok(Number(pass[1]) > 0);
  });

  it('an adapter that delivers an invalid submission is told to check it with parseSubmission', () => {
    // Without the hint the failure only said "expected the delivery to fail, but it succeeded".
    assert.match(stdout, /the adapter delivered an invalid submission .*parseSubmission/);
  });

  it('an adapter that ignores its declared limits is told to call capabilityIssues', () => {
    // The README examples declared limits, delivered what broke them and passed the kit.
    assert.match(stdout, /accepted a message of 4001 characters .*capabilityIssues\(submission/);
    assert.match(stdout, /accepted a file \(it declares attachments: false\)/);
    assert.match(stdout, /accepted 3 files \(it declares maxCount 2\)/);
    assert.match(stdout, /must be refused with reason 'invalid'/);
  });

  for (const [name, rules] of Object.entries(expected)) {
    it(`${name}: fails ${rules.length === 0 ? 'nothing' : rules.map(String).join(', ')}`, () => {
      const suite = suites.get(name);
      assert.ok(suite, `no results for ${name} in:\n${stdout}`);
      assert.ok(suite.passed.length + suite.failed.length >= 8, 'every rule of the kit ran');
      assert.equal(suite.failed.length, rules.length, `failed: ${suite.failed.join('; ')}`);
      for (const rule of rules) {
        assert.ok(
          suite.failed.some((test) => rule.test(test)),
          `expected a failure matching ${String(rule)}; failed: ${suite.failed.join('; ')}`,
        );
      }
    });
  }
});
