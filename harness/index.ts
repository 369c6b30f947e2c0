// The programmatic API. Each capability exports its own entry points from its folder's index.ts.
export * from './errors/index.js';
export * from './report/index.js';
export * from './config/index.js';
export * from './openapi/index.js';
export * from './db/index.js';
export * from './release/index.js';
export { main as runCli } from './cli/main.js';
export type { CliContext, Command } from './cli/context.js';
export { VERSION } from './version.js';
