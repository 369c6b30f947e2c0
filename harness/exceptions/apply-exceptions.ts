import { operationOf } from './operation-of.js';
import type { AcceptedException, ChangeKey, ExceptionOutcome } from './types.js';

/**
 * Matches entries to changes on rule id + operation + pointer (exact). An entry accepts matching
 * breaking changes while `date <= expires`; an expired entry accepts nothing; an entry that matches
 * no breaking change is unused. Expired and unused entries are failures of their own, so the file
 * cannot silently go stale. Outcomes are in file order.
 */
export function applyExceptions(
  changes: readonly ChangeKey[],
  entries: readonly AcceptedException[],
  date: string,
): ExceptionOutcome[] {
  const byKey = new Map<string, number[]>();
  changes.forEach((c, i) => {
    const key = `${c.id}\n${operationOf(c)}\n${c.pointer}`;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  return entries.map((entry) => {
    const matched = byKey.get(`${entry.id}\n${entry.operation}\n${entry.pointer}`) ?? [];
    if (entry.expires < date) return { entry, status: 'expired', accepted: [] };
    const breaking = matched.filter((i) => changes[i]!.class === 'breaking');
    if (breaking.length) return { entry, status: 'applied', accepted: breaking };
    return {
      entry,
      status: 'unused',
      accepted: [],
      detail: matched.length
        ? `it matches only a ${changes[matched[0]!]!.class} change, which needs no exception`
        : 'no change in this comparison matches it',
    };
  });
}
