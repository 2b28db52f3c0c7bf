#!/usr/bin/env node
// synpunkt-artvise-discover: see discover-command.ts.
import { main } from './discover-command.js';

process.exitCode = await main(process.argv.slice(2));
