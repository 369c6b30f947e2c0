// Contract freeze: the structural diff of two OpenAPI documents, the rules that judge it, the verdict.
// OpenApiDocument comes from ../openapi (the loader); it is not re-exported here to keep one name.
export type { Change, ChangeClass, DiffOptions, RuleInfo } from './types.js';
export { diffSpecs, verdictOf } from './diff-specs.js';
export { RULES } from './rules/index.js';
