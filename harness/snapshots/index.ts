// Contract freeze: the structural diff of two OpenAPI documents, the rules that judge it, the verdict.
export type { Change, ChangeClass, DiffOptions, OpenApiDocument, RuleInfo } from './types.js';
export { diffSpecs, verdictOf } from './diff-specs.js';
export { RULES } from './rules/index.js';
