// Live conformance (DESIGN.md §2): every operation of a frozen OpenAPI contract against a running service.
export {
  runConformance,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  type ConformanceOptions,
  type ConformanceResult,
} from './run-conformance.js';
export { conformanceReport, type ReportContext } from './to-report.js';
export { checkSubject, type CheckSubjectOptions } from './check-subject.js';
export { CHECKS, CHECK_IDS, RAIL_IDS, checkName, type CheckId, type CheckInfo } from './check-ids.js';
export { supertestClient } from './client.js';
export { listOperations, requiredScopes, responseFor, needsAuth } from './operations.js';
export { SchemaValidator } from './schema/validator.js';
export { arbitraryFor } from './schema/arbitrary.js';
export { invalidValues, type InvalidValue } from './schema/invalid.js';
export { undeclaredProperties } from './schema/undeclared.js';
export { verifyDetached, keysFrom } from './checks/signature-header.js';
export type {
  ConformanceSubject,
  Exchange,
  HttpClient,
  HttpRequest,
  HttpResponse,
  Operation,
  Principal,
  SubjectFactory,
  Violation,
} from './types.js';
