import type { Delta } from '../diff/types.js';
import { rule, type RuleFamily } from './define.js';

const F = 'pagination';
/** Cursor/page parameters and fields (Stripe-, Relay- and RFC 8288-style). */
export const PAGINATION_NAME =
  /^(cursor|next_?cursor|prev(ious)?_?cursor|page_?token|next_?page_?token|starting_after|ending_before|after|before|limit|page|per_?page|page_?size|has_?more|next|prev|previous|next_?page|page_?info|total_?count|start_?cursor|end_?cursor|has_?next_?page|has_?previous_?page)$/i;

function lastSegment(subject: string): string {
  const s = subject.split('/').pop() ?? subject;
  return s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
}

/** Seed policy: the pagination contract (cursor parameters, page size, cursor fields) is frozen. */
export const pagination: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'pagination-contract-changed',
      'breaking',
      'Seed policy: cursor parameters and pagination fields are part of the frozen contract.',
    ),
  ],
  policy(d: Delta, base) {
    const relevant =
      base.class === 'breaking' || (d.scope === 'request-parameter' && d.change === 'default-value-changed');
    if (!relevant) return undefined;
    const request =
      d.scope.startsWith('request-parameter') || d.scope === 'request-property' || d.scope === 'request-body';
    const response = d.scope === 'response-property';
    if (!request && !response) return undefined;
    if (!PAGINATION_NAME.test(lastSegment(d.subject))) return undefined;
    return {
      id: 'pagination-contract-changed',
      message: `pagination contract changed: \`${d.subject}\` (${base.id})`,
    };
  },
};
