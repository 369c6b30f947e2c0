// Property rails (fast-check, fixed seed): scope lattice, tenant isolation, deterministic reasons.
export { runRails } from './run-rails.js';
export { railScopeMonotonic, railScopeLeastPrivilege } from './scope-lattice.js';
export { railTenantIsolation } from './tenant-isolation.js';
export { railDeterministicReason } from './deterministic-reason.js';
export { RailContext, checkProperty as checkRailProperty } from './rail-context.js';
export type { RailsOptions, RailsResult } from './types.js';
