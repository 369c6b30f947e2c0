import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'media-types';

/** Media types of request bodies and responses (OAS 3.1 §4.8.14), matched case-insensitively. */
export const mediaTypes: RuleFamily = {
  family: F,
  rules: [
    rule(F, 'request-body-media-type-added', 'additive', 'Callers may keep using the old media types.'),
    rule(F, 'request-body-media-type-removed', 'breaking', 'Callers sending that media type are rejected.'),
    rule(
      F,
      'request-body-media-type-schema-added',
      'breaking',
      'A schema now constrains a body that was free.',
    ),
    rule(F, 'request-body-media-type-schema-removed', 'additive', 'The body is no longer constrained.'),
    rule(F, 'response-media-type-added', 'additive', 'Clients may keep asking for the old media types.'),
    rule(
      F,
      'response-media-type-removed',
      'breaking',
      'Clients that accept only that media type lose the response.',
    ),
    rule(F, 'response-body-media-type-schema-added', 'additive', 'A schema now documents the response body.'),
    rule(
      F,
      'response-body-media-type-schema-removed',
      'breaking',
      'The response body is no longer guaranteed to have a shape (oasdiff: possibly breaking).',
    ),
  ],
  judge(d: Delta) {
    const dir = d.scope === 'request-body' ? 'request' : d.scope === 'response-body' ? 'response' : undefined;
    if (!dir) return undefined;
    const mt = `\`${String(d.facts?.['mediaType'] ?? d.subject)}\``;
    const where = dir === 'request' ? 'request body' : `response ${String(d.facts?.['status'] ?? '')}`;
    switch (d.change) {
      case 'media-type-added':
        return {
          id: dir === 'request' ? 'request-body-media-type-added' : 'response-media-type-added',
          message: `${where}: media type ${mt} added`,
        };
      case 'media-type-removed':
        return {
          id: dir === 'request' ? 'request-body-media-type-removed' : 'response-media-type-removed',
          message: `${where}: media type ${mt} removed`,
        };
      case 'media-type-schema-added':
        return {
          id: `${dir === 'request' ? 'request' : 'response'}-body-media-type-schema-added`,
          message: `${where}: schema added for ${mt}`,
        };
      case 'media-type-schema-removed':
        return {
          id: `${dir === 'request' ? 'request' : 'response'}-body-media-type-schema-removed`,
          message: `${where}: schema removed for ${mt}`,
        };
    }
    return undefined;
  },
};
