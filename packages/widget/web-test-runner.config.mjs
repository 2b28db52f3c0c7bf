// @web/test-runner: the widget's tests in headless Chromium (the installed one; nothing is
// downloaded). Run from packages/widget: `pnpm exec wtr` (or `pnpm test` for everything).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createEndpoint } from './test/endpoint.mjs';
import { countReporter } from './test/reporter.mjs';
import { CHROME_FLAGS, chromeExecutable } from '../../scripts/lib/chrome.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['test/**/*.test.ts', '!test/node/**', '!test/fixtures/**'],
  // Lit's decorators need the same mode as tsc (experimentalDecorators), hence the tsconfig.
  plugins: [esbuildPlugin({ ts: true, tsconfig, target: 'es2022' })],
  nodeResolve: { exportConditions: ['browser', 'import'] },
  // The same-origin receiving endpoint: POST /api/synpunkter, /api/_control, /api/_received…
  middleware: [createEndpoint().middleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromeExecutable(),
        headless: true,
        args: CHROME_FLAGS,
      },
    }),
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), countReporter()],
};
