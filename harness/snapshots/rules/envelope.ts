import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'envelope';

/** Shape changes (not value constraints such as enums or lengths, which other rules name). */
const SHAPE = new Set([
  'property-removed',
  'property-became-optional',
  'type-changed',
  'type-generalized',
  'list-of-types-widened',
  'became-nullable',
  'wrapped-in-one-of',
  'one-of-added',
  'any-of-added',
  'all-of-removed',
  'additional-properties-allowed',
  'media-type-schema-removed',
]);

/**
 * Seed policy: the response envelope (the top-level shape every body shares, e.g. `data`, `error`,
 * `meta`) is frozen. A breaking shape change at the body root or one of its top-level members is named.
 */
export const envelope: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'response-envelope-changed',
      'breaking',
      'Seed policy: the response envelope shape is part of the frozen contract.',
    ),
  ],
  policy(d: Delta, base) {
    if (base.class !== 'breaking' || !SHAPE.has(d.change)) return undefined;
    if (d.scope !== 'response-body' && d.scope !== 'response-property') return undefined;
    const depth = typeof d.facts?.['depth'] === 'number' ? d.facts['depth'] : 99;
    if (depth > 1 || d.facts?.['mediaType'] === undefined) return undefined;
    const member = d.subject ? `top-level member \`${d.subject}\`` : 'body root';
    return {
      id: 'response-envelope-changed',
      message: `response envelope changed (${String(d.facts?.['status'] ?? '')} ${member}): ${base.id}`,
    };
  },
};
