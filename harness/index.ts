// The programmatic API. Each capability exports its own entry points from its folder's index.ts.
export * from './errors/index.js';
export * from './report/index.js';
export * from './config/index.js';
export * from './openapi/index.js';
export * from './snapshots/index.js';
export * from './db/index.js';
export * from './bundle/index.js';
export * from './ledger/index.js';
export * from './release/index.js';
export * from './selection/index.js';
export * from './runner/index.js';
export * from './release-class/index.js';
export * from './gate/index.js';
export * from './lineage/index.js';
export * from './proofs/index.js';
export * from './history/index.js';
export * from './freeze/index.js';
export * from './migrations/index.js';
export * from './verify/index.js';
export * from './rehearsal/index.js';
export * from './conformance/index.js';
export * from './rails/index.js';
// bundle/ and proofs/ both name a KeyBinding; the public one is the strict contract type.
export type { KeyBinding } from './proofs/index.js';
export { main as runCli } from './cli/main.js';
export type { CliContext, Command } from './cli/context.js';
export { VERSION } from './version.js';
