// Live conformance (DESIGN.md §2): every operation of a frozen OpenAPI contract against a running service.
// Public names carry a conformance prefix where a bare name (CHECKS, Operation, …) could collide.
export {
  runConformance,
  DEFAULT_RUNS as CONFORMANCE_DEFAULT_RUNS,
  DEFAULT_SEED as CONFORMANCE_DEFAULT_SEED,
  type ConformanceOptions,
  type ConformanceResult,
} from './run-conformance.js';
export { conformanceReport, type ReportContext as ConformanceReportContext } from './to-report.js';
export { checkSubject, type CheckSubjectOptions } from './check-subject.js';
export {
  CHECKS as CONFORMANCE_CHECKS,
  CHECK_IDS as CONFORMANCE_CHECK_IDS,
  RAIL_IDS as CONFORMANCE_RAIL_IDS,
  type CheckId as ConformanceCheckId,
} from './check-ids.js';
export { supertestClient } from './client.js';
export { listOperations } from './operations.js';
export { SchemaValidator } from './schema/validator.js';
export { arbitraryFor as schemaArbitrary } from './schema/arbitrary.js';
export { invalidValues as schemaInvalidValues, type InvalidValue } from './schema/invalid.js';
export { undeclaredProperties } from './schema/undeclared.js';
export { verifyDetached as verifyDetachedJws, keysFrom as jwksByKid } from './checks/signature-header.js';
export { verifyRfc9421 as verifyHttpMessageSignature } from './checks/verify-rfc9421.js';
export {
  resolveConventions as resolveConformanceConventions,
  describeConventions as describeConformanceConventions,
} from './conventions/resolve-conventions.js';
export type {
  Conventions as ConformanceConventions,
  ConventionsConfig as ConformanceConventionsConfig,
} from './conventions/types.js';
export { resolveApp as resolveConformanceApp } from './resolve-app.js';
export type {
  ConformanceSubject,
  SeedArgs as ConformanceSeedArgs,
  SeedRequest as ConformanceSeedRequest,
  SeedResult as ConformanceSeedResult,
  Exchange as ConformanceExchange,
  HttpClient as ConformanceClient,
  HttpRequest as ConformanceRequest,
  HttpResponse as ConformanceResponse,
  Operation as ConformanceOperation,
  SubjectFactory as ConformanceSubjectFactory,
  Violation as ConformanceViolation,
} from './types.js';
