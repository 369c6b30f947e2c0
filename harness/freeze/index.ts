// The contract freeze (DESIGN.md §1): contracts/vN holds a spec, its canonical snapshot + sha256
// and openapi-typescript types; verify-freeze proves none of them moved.
export {
  FREEZE_FILES,
  DEFAULT_FREEZE_DIR,
  DEFAULT_FREEZE_SPEC,
  V2_ADVICE,
  type FreezeFileKind,
} from './files.js';
export { buildFreeze, type FreezeArtifacts } from './build-freeze.js';
export { writeFreeze, type WriteFreezeResult } from './write-freeze.js';
export { verifyFreeze, FREEZE_DRIFT_IDS, type VerifyFreezeOptions } from './verify-freeze.js';
export { generateTypes, TYPES_BANNER } from './generate-types.js';
export { formatHashLine, parseHashLine } from './hash-line.js';
