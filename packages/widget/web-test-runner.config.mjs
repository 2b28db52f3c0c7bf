// @web/test-runner: the widget's tests in headless Chromium (the installed one; nothing is
// downloaded). Run from packages/widget: `pnpm exec wtr` (or `pnpm test` for everything).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createEndpoint } from './test/endpoint.mjs';
import { countReporter } from './test/reporter.mjs';

/** Flags that keep Chromium quiet on a closed network, in a container. */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

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
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
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
