import { RAIL_IDS } from '../conformance/check-ids.js';
import { UsageError } from '../errors/index.js';
import { railDeterministicReason } from './deterministic-reason.js';
import { RailContext } from './rail-context.js';
import { railScopeLeastPrivilege, railScopeMonotonic } from './scope-lattice.js';
import { railTenantIsolation } from './tenant-isolation.js';
import type { RailsOptions, RailsResult } from './types.js';

/** Runs the property rails (DESIGN.md §5): scope lattice, tenant isolation, deterministic reasons. */
export async function runRails(options: RailsOptions): Promise<RailsResult> {
  if (options.tenants[0] === options.tenants[1]) throw new UsageError('the rails need two different tenants');
  if (options.scopes.length === 0)
    throw new UsageError('the rails need the list of scopes the service knows');
  const rc = new RailContext(options);
  const [tenantA] = options.tenants;
  await rc.prepare();
  await railScopeMonotonic(rc, tenantA);
  await railScopeLeastPrivilege(rc, tenantA);
  await railTenantIsolation(rc);
  await railDeterministicReason(rc, tenantA);
  const evaluated: Record<string, number> = {};
  const skipped: Record<string, string> = {};
  for (const id of RAIL_IDS) {
    evaluated[id] = rc.run.evaluated.get(id) ?? 0;
    if (evaluated[id] === 0)
      skipped[id] = rc.run.skipReasons.get(id) ?? 'nothing in this spec/service exercises it';
  }
  return { violations: rc.run.violations, evaluated, skipped };
}
