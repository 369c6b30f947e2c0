import type { Delta } from '../diff/types.js';
import type { DiffOptions } from '../types.js';
import { fromTo, rule, type RuleFamily } from './define.js';
import { removalKind, removalNote } from './removal.js';

const F = 'endpoints';

/** Operations keyed by method + path template (OAS 3.1 §4.8.8), webhooks, operation ids and tags. */
export const endpoints: RuleFamily = {
  family: F,
  rules: [
    rule(F, 'endpoint-added', 'additive', 'A new operation (also a new /v2 beside an untouched v1).'),
    rule(
      F,
      'api-path-removed-without-deprecation',
      'breaking',
      'Callers of every operation of the path get 404.',
    ),
    rule(
      F,
      'api-path-removed-with-deprecation',
      'non-breaking',
      'Removed after deprecation and after its sunset.',
    ),
    rule(F, 'api-path-removed-before-sunset', 'breaking', 'Removed before the promised sunset date.'),
    rule(F, 'api-removed-without-deprecation', 'breaking', 'Callers of the operation get 404/405.'),
    rule(
      F,
      'api-removed-with-deprecation',
      'non-breaking',
      'Removed after deprecation and after its sunset.',
    ),
    rule(F, 'api-removed-before-sunset', 'breaking', 'Removed before the promised sunset date.'),
    rule(F, 'webhook-added', 'additive', 'A new webhook subscribers may ignore.'),
    rule(F, 'webhook-removed', 'breaking', 'Subscribers stop receiving events they rely on.'),
    rule(F, 'api-operation-id-added', 'non-breaking', 'Documentation/codegen name only.'),
    rule(
      F,
      'api-operation-id-removed',
      'non-breaking',
      'Documentation/codegen name only (oasdiff: informational).',
    ),
    rule(
      F,
      'api-operation-id-changed',
      'non-breaking',
      'Documentation/codegen name only; the HTTP contract is unchanged.',
    ),
    rule(F, 'api-tag-added', 'non-breaking', 'Grouping only.'),
    rule(F, 'api-tag-removed', 'non-breaking', 'Grouping only.'),
  ],
  judge(d: Delta, options: DiffOptions) {
    if (d.scope === 'api' && (d.change === 'webhook-added' || d.change === 'webhook-removed')) {
      return {
        id: d.change,
        message: `webhook \`${d.subject}\` ${d.change === 'webhook-added' ? 'added' : 'removed'}`,
      };
    }
    if (d.scope !== 'endpoint') return undefined;
    const what = `${d.method} ${d.path}`;
    switch (d.change) {
      case 'operation-added':
        return { id: 'endpoint-added', message: `${what}: new operation` };
      case 'path-removed':
      case 'operation-removed': {
        const r = removalKind(d.facts, options);
        const pre = d.change === 'path-removed' ? 'api-path' : 'api';
        if (r.kind === 'sunset-parse')
          return { id: 'api-path-sunset-parse', message: `${what}: removed${removalNote(r)}` };
        const id = `${pre}-removed-${r.kind}`;
        return {
          id,
          message: `${what}: ${d.change === 'path-removed' ? 'path' : 'operation'} removed${removalNote(r)}`,
        };
      }
      case 'operation-id-added':
      case 'operation-id-removed':
      case 'operation-id-changed':
        return { id: `api-${d.change}`, message: `${what}: operationId ${d.change.slice(13)}${fromTo(d)}` };
      case 'tag-added':
      case 'tag-removed':
        return { id: `api-${d.change}`, message: `${what}: tag ${d.change.slice(4)}${fromTo(d)}` };
    }
    return undefined;
  },
};
