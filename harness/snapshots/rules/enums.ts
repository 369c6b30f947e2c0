import type { Delta } from '../diff/types.js';
import type { RuleFamily } from './define.js';
import { judgeSchema, schemaRules } from './schema-family.js';
import { REQUEST_SCOPES, RESPONSE_SCOPES } from './schema-table.js';

const F = 'enums';

/** Enumerations, x-extensible-enum and const, in every request and response scope. */
export const enums: RuleFamily = {
  family: F,
  rules: [
    ...schemaRules(F, REQUEST_SCOPES, 'request', 'enums'),
    ...schemaRules(F, RESPONSE_SCOPES, 'response', 'enums'),
  ],
  judge(d: Delta) {
    return judgeSchema(d, [...REQUEST_SCOPES, ...RESPONSE_SCOPES], 'enums');
  },
};
