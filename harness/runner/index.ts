export { runProofSuites } from './run-proof-suites.js';
export { runnerReport } from './runner-report.js';
export { runnerSection, type RunnerConfig } from './runner-config.js';
export { proofRunnerStage } from './proof-runner-stage.js';
export { DEFAULT_SEEDS } from './seeds.js';
export type { Outcome, RunRecord, RunnerOptions, RunnerResult, TestVerdict } from './types.js';
