import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'request-body';

/** The request body object itself (OAS 3.1 §4.8.13): presence and requiredness. */
export const requestBody: RuleFamily = {
  family: F,
  rules: [
    rule(F, 'request-body-added-required', 'breaking', 'Existing callers send no body.'),
    rule(F, 'request-body-added-optional', 'additive', 'Callers may keep sending no body.'),
    rule(F, 'request-body-removed', 'breaking', 'Callers still send a body the operation no longer takes.'),
    rule(F, 'request-body-became-required', 'breaking', 'Callers that sent no body are now rejected.'),
    rule(F, 'request-body-became-optional', 'additive', 'Callers may now omit the body.'),
  ],
  judge(d: Delta) {
    if (d.scope !== 'request-body') return undefined;
    switch (d.change) {
      case 'request-body-added':
        return d.facts?.['required']
          ? { id: 'request-body-added-required', message: 'new required request body' }
          : { id: 'request-body-added-optional', message: 'new optional request body' };
      case 'request-body-removed':
        return { id: 'request-body-removed', message: 'request body removed' };
      case 'became-required':
        return { id: 'request-body-became-required', message: 'request body became required' };
      case 'became-optional':
        return { id: 'request-body-became-optional', message: 'request body became optional' };
    }
    return undefined;
  },
};
