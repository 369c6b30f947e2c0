export { GATE_STAGES, GATE_STAGE_IDS } from './stages.js';
export { commandStage } from './command-stage.js';
export { runGate, type RunGateOptions } from './run-gate.js';
export { gateReport, MAX_FINDINGS_PER_STAGE } from './gate-report.js';
export { selectStages, stageList } from './select-stages.js';
export {
  writeReleaseFolder,
  verifyReleaseFolder,
  RELEASE_FOLDER_FORMAT,
  type GateArtifacts,
} from './write-release-folder.js';
export { appendChangelog, changelogEntry, type ChangelogEntry } from './append-changelog.js';
export { gateSection, type GateConfig } from './gate-config.js';
export { runProdGate, type ProdGateOptions, type ProdGateResult } from './run-prod-gate.js';
export type { Stage, StageContext, StageOutcome, StageSpec, StageStatus } from './types.js';
