#!/usr/bin/env node
import { main } from './cli/main.js';
import { installProcessGuard } from './cli/process-guard.js';

const argv = process.argv.slice(2);
installProcessGuard(argv[0]);
// process.exitCode (not process.exit) lets stdout drain before the process ends.
process.exitCode = await main(argv);
