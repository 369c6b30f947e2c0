#!/usr/bin/env node
import { main } from './cli/main.js';

// process.exitCode (not process.exit) lets stdout drain before the process ends.
process.exitCode = await main(process.argv.slice(2));
