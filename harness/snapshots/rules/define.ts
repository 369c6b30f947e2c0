import type { Delta } from '../diff/types.js';
import type { ChangeClass, DiffOptions, RuleInfo } from '../types.js';

/** What a rule family says about one delta: the rule id and a specific human message. */
export interface Judgement {
  id: string;
  message: string;
}

/**
 * A family of rules (one file each). `judge` returns a judgement, `null` when the delta is already
 * covered by another finding of the same family, or `undefined` when the family does not apply.
 */
export interface RuleFamily {
  family: string;
  rules: readonly RuleInfo[];
  judge?: (d: Delta, options: DiffOptions) => Judgement | null | undefined;
  /** Seed-policy families: extra findings naming a category, given the base judgement's class. */
  policy?: (
    d: Delta,
    base: { id: string; class: ChangeClass },
    options: DiffOptions,
  ) => Judgement | undefined;
}

export function rule(family: string, id: string, cls: ChangeClass, rationale: string): RuleInfo {
  return { id, class: cls, family, rationale };
}

export const code = (v: unknown): string => (typeof v === 'string' ? `\`${v}\`` : `\`${JSON.stringify(v)}\``);

/** `from X to Y` / `X` fragments for messages. */
export function fromTo(d: Delta): string {
  const has = (v: unknown) => v !== undefined;
  if (has(d.from) && has(d.to)) return ` from ${code(d.from)} to ${code(d.to)}`;
  if (has(d.to)) return ` (${code(d.to)})`;
  if (has(d.from)) return ` (was ${code(d.from)})`;
  return '';
}
