// `npm run demo`: set up what is missing, build, and start the demo on its embedded default.
// Zero dependencies: it runs before anything is installed.
import { ensureDependencies, fail, log, runPnpm } from './lib/setup.mjs';

ensureDependencies();
log('Building…');
if (runPnpm(['-r', '--workspace-concurrency=1', 'run', 'build']) !== 0)
  fail('The build failed; see above.');
const code = runPnpm(['--filter', '@synpunkt/demo', 'run', 'start']);
process.exit(code);
