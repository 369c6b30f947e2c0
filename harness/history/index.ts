// History: a deterministic, seeded generator of signed record histories (fixtures and benchmarks).
export {
  DEFAULT_ORIGIN,
  DEFAULT_ROTATION,
  defaultKeys,
  rotationKeys,
  resolveHistoryOptions,
  type HistoryKeySpec,
  type HistoryOptions,
  type ResolvedHistoryOptions,
} from './options.js';
export { seededBytes } from './seeded-bytes.js';
export { historyMaterial, type HistoryMaterial } from './material.js';
export { historyRecords, generateRecords, type GeneratedRecord } from './generate-records.js';
export { generateHistory, type GenerateHistoryOptions, type GeneratedHistory } from './generate-history.js';
