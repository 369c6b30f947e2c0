#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/harness/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('proofgate: dist/ is missing; run `npm run build` (npm install runs it for you)\n');
  process.exit(2);
}
await import(cli.href);
