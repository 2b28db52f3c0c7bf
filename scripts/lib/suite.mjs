// Running a test suite and reading its counts: shared by `npm test` and the widget's own runner,
// which both end with one `N passed, N failed` line. Zero dependencies.
import { spawn } from 'node:child_process';

/** Runs a command, echoing its output as it comes; resolves with the exit code and the output. */
export function capture(command, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => {
      text += String(error);
      resolve({ code: 1, text });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/**
 * The counts a suite printed last: a plain `N passed, N failed` line (ours, optionally after one
 * word and a colon), else node's test runner summary (spec `ℹ pass N` or TAP `# pass N`).
 */
export function countsOf(text) {
  const plain = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].at(-1);
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  const pass = [...text.matchAll(/^(?:ℹ|#) pass (\d+)/gm)].at(-1);
  const fail = [...text.matchAll(/^(?:ℹ|#) fail (\d+)/gm)].at(-1);
  if (pass && fail) return { passed: Number(pass[1]), failed: Number(fail[1]) };
  return undefined;
}

/**
 * Adds a suite's result to `totals`: its counts, plus one failure when it crashed before
 * counting or exited badly with nothing counted as failed.
 */
export function tally(totals, { code, text }) {
  const counts = countsOf(text);
  totals.passed += counts?.passed ?? 0;
  totals.failed += counts?.failed ?? 0;
  const ok = counts !== undefined && code === 0 && counts.failed === 0;
  if (!counts || (code !== 0 && counts.failed === 0)) totals.failed += 1;
  return ok;
}
