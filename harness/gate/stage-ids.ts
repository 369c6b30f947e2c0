/**
 * The prod-gate stage ids, in run order. The config schema (gate.stages) is built from this list,
 * so a misspelled stage id is a config error; gate/stages.ts must define exactly these (tested).
 */
export const GATE_STAGE_IDS = [
  'verify-freeze',
  'check-openapi',
  'conformance',
  'rehearse',
  'verify-proofs',
  'release-check',
  'rails',
  'proof-runner',
  'release-class',
] as const;

export type GateStageId = (typeof GATE_STAGE_IDS)[number];
