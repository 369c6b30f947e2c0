import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'response-status';

/** Response status codes per operation (OAS 3.1 §4.8.16). Error-status changes are also named by the error-codes policy. */
export const responseStatus: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'response-success-status-removed',
      'breaking',
      'Clients handle the success status they used to get.',
    ),
    rule(F, 'response-success-status-added', 'additive', 'A new documented success status.'),
    rule(
      F,
      'response-non-success-status-removed',
      'non-breaking',
      'Documentation of an error status was removed (the error-code policy judges the mapping).',
    ),
    rule(
      F,
      'response-non-success-status-added',
      'additive',
      'A new documented error status (the error-code policy judges the mapping).',
    ),
  ],
  judge(d: Delta) {
    if (d.scope !== 'response-body' || (d.change !== 'status-added' && d.change !== 'status-removed'))
      return undefined;
    const kind = d.facts?.['success'] ? 'success' : 'non-success';
    const act = d.change === 'status-added' ? 'added' : 'removed';
    return {
      id: `response-${kind}-status-${act}`,
      message: `${kind} response status \`${d.subject}\` ${act}`,
    };
  },
};
