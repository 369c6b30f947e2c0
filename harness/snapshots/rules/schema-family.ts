import type { Delta } from '../diff/types.js';
import type { ChangeClass, RuleInfo } from '../types.js';
import { fromTo, rule, type Judgement } from './define.js';
import { CLASS_OVERRIDES, SCHEMA_CHANGES, schemaRuleId, type SchemaChangeSpec } from './schema-table.js';

const LABEL: Record<string, string> = {
  'request-body': 'request body',
  'request-property': 'request property',
  'request-parameter': 'request parameter',
  'request-parameter-property': 'request parameter property',
  'request-header-property': 'request header property',
  'response-body': 'response body',
  'response-property': 'response property',
  'response-header': 'response header',
  'response-header-property': 'response header property',
};

export function scopeLabel(scope: string): string {
  return LABEL[scope] ?? scope;
}

export function describe(d: Delta, what: string): string {
  const where = d.subject ? ` \`${d.subject}\`` : '';
  const media =
    typeof d.facts?.['mediaType'] === 'string'
      ? ` (${String(d.facts['status'] ?? '')}${d.facts['status'] ? ' ' : ''}${d.facts['mediaType']})`
      : '';
  return `${scopeLabel(d.scope)}${where}${media}: ${what}`;
}

/** Rules for the generic schema differences of a set of scopes, restricted to one table family. */
export function schemaRules(
  family: string,
  scopes: readonly string[],
  direction: 'request' | 'response',
  only: SchemaChangeSpec['family'],
): RuleInfo[] {
  const out: RuleInfo[] = [];
  for (const scope of scopes) {
    for (const spec of SCHEMA_CHANGES.values()) {
      if (spec.family !== only) continue;
      const id = schemaRuleId(scope, spec.change);
      const cls: ChangeClass = CLASS_OVERRIDES[id] ?? spec[direction];
      out.push(rule(family, id, cls, spec.rationale));
    }
  }
  return out;
}

export function judgeSchema(
  d: Delta,
  scopes: readonly string[],
  only: SchemaChangeSpec['family'],
): Judgement | undefined {
  if (!scopes.includes(d.scope)) return undefined;
  const spec = SCHEMA_CHANGES.get(d.change);
  if (!spec || spec.family !== only) return undefined;
  return {
    id: schemaRuleId(d.scope, d.change),
    message: describe(d, `${d.change.replace(/-/g, ' ')}${fromTo(d)}`),
  };
}
