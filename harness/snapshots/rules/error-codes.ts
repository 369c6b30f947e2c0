import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'error-codes';
const ENUM_CHANGES = new Set([
  'enum-value-added',
  'enum-value-removed',
  'became-enum',
  'enum-removed',
  'const-changed',
  'const-added',
  'const-removed',
  'x-extensible-enum-value-removed',
  'x-extensible-enum-value-added',
  'type-changed',
]);
const CODE_FIELD = /(^|[/_-])(code|error_?code|errorcode|error|type|reason)$/i;

/**
 * Seed policy: the stable error-code mapping (which error statuses an operation returns, and the
 * enumerated machine-readable codes in error bodies) is frozen.
 */
export const errorCodes: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'error-code-mapping-changed',
      'breaking',
      'Seed policy: error statuses and error-code enums are a stable mapping clients dispatch on.',
    ),
  ],
  policy(d: Delta) {
    const status = String(d.facts?.['status'] ?? '');
    const isError = /^[45]/.test(status) || status === 'DEFAULT';
    if (
      d.scope === 'response-body' &&
      (d.change === 'status-added' || d.change === 'status-removed') &&
      isError
    ) {
      return {
        id: 'error-code-mapping-changed',
        message: `error-code mapping changed: error status \`${status}\` ${d.change === 'status-added' ? 'added' : 'removed'}`,
      };
    }
    if (
      (d.scope === 'response-body' || d.scope === 'response-property') &&
      ENUM_CHANGES.has(d.change) &&
      isError &&
      // The error envelope's own fields (`code`, `error/code`, `error/type`), not nested resources.
      (typeof d.facts?.['depth'] === 'number' ? d.facts['depth'] : 99) <= 2 &&
      CODE_FIELD.test(d.subject || 'code')
    ) {
      return {
        id: 'error-code-mapping-changed',
        message: `error-code mapping changed: ${status} \`${d.subject || 'body'}\` ${d.change.replace(/-/g, ' ')}`,
      };
    }
    return undefined;
  },
};
