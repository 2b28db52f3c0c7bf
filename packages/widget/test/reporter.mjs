// A @web/test-runner reporter that ends the output with one line CI can count:
// `N passed, N failed`, summing every test in every file of the last run.
// It prints from process.once('exit'): what a reporter prints in stop() gets swallowed.

/**
 * Counts of one session's test tree. A session that failed without any test results (the file
 * did not load, a test timed out outside a test) counts as one failure, so it cannot vanish.
 *
 * @param {import('@web/test-runner').TestSession} session
 * @returns {{ passed: number, failed: number, skipped: number }}
 */
export function countSession(session) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) counts.skipped += 1;
      else if (test.passed) counts.passed += 1;
      else counts.failed += 1;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  if (session.testResults) walk(session.testResults);
  // Errors outside any test (a failing import, an uncaught error) fail the file.
  const outside = (session.errors?.length ?? 0) > 0 || session.passed === false;
  if (outside && counts.failed === 0) counts.failed = 1;
  return counts;
}

/**
 * The reporter.
 *
 * @returns {import('@web/test-runner').Reporter}
 */
export function countReporter() {
  /** @type {import('@web/test-runner').TestSession[]} */
  let lastSessions = [];
  let printed = false;
  const print = () => {
    if (printed) return;
    printed = true;
    let passed = 0;
    let failed = 0;
    for (const session of lastSessions) {
      const counts = countSession(session);
      passed += counts.passed;
      failed += counts.failed;
    }
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  };
  return {
    start() {
      process.once('exit', print);
    },
    onTestRunFinished({ sessions }) {
      lastSessions = sessions;
    },
    stop({ sessions }) {
      if (sessions?.length) lastSessions = sessions;
    },
  };
}

export default countReporter;
