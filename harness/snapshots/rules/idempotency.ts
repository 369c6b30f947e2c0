import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'idempotency';

/**
 * Seed policy: idempotency conflict semantics. For operations that take an `Idempotency-Key`, the
 * conflict status (409, or 422 for a reused key with a different body) and its body are frozen, and
 * so is the Idempotency-Key header itself.
 */
export const idempotency: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'idempotency-conflict-status-changed',
      'breaking',
      'Seed policy: clients retry on the idempotency conflict status; changing it breaks safe retries.',
    ),
    rule(
      F,
      'idempotency-conflict-body-changed',
      'breaking',
      'Seed policy: clients read the idempotency conflict body (409/422) to decide how to retry; it is frozen with the status.',
    ),
  ],
  policy(d: Delta, base) {
    const status = String(d.facts?.['status'] ?? '');
    if (
      d.scope === 'request-parameter' &&
      /^header:idempotency-key$/i.test(d.subject) &&
      base.class !== 'additive' &&
      base.class !== 'non-breaking'
    ) {
      return {
        id: 'idempotency-conflict-status-changed',
        message: `idempotency semantics changed: Idempotency-Key header ${base.id}`,
      };
    }
    if (d.facts?.['idempotencyKey'] !== true || (status !== '409' && status !== '422')) return undefined;
    // Only a status that was added or removed is a status change; a body change is named as such.
    if (d.change === 'status-removed' || d.change === 'status-added')
      return {
        id: 'idempotency-conflict-status-changed',
        message: `idempotency conflict status changed: ${status} ${d.change === 'status-removed' ? 'removed' : 'added'}`,
      };
    if (base.class === 'breaking')
      return {
        id: 'idempotency-conflict-body-changed',
        message: `idempotency conflict response ${status} changed (${base.id})`,
      };
    return undefined;
  },
};
