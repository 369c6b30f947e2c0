import { ledgerProblems } from './ledger-section.js';
import type { RehearsalConfigValue } from './schema/rehearsal.js';
import type { SelectionConfigValue } from './schema/selection.js';

/** Problems JSON Schema cannot state, as `[path relative to the section, message]`. */
export type Refine = (value: never) => Array<[path: string, message: string]>;

// Kept apart from the schemas (schema/*.ts, TypeBox) so that validating a config at run time loads
// neither TypeBox nor ajv: the schemas are compiled ahead of time (generated/sections.validate.ts).

/** rehearsal: one way to load the history. */
export function refineRehearsal(r: RehearsalConfigValue): Array<[string, string]> {
  if (r.history !== undefined && r.generate !== undefined)
    return [['', 'give history or generate, not both']];
  const others = (['history', 'generate', 'load'] as const).filter((k) => r[k] !== undefined);
  if (r.restore !== undefined && others.length > 0)
    return [['restore', `give restore or ${others.join(', ')}, not both: each loads the history`]];
  return [];
}

/** selection: suite names are unique and every suite can select something. */
export function refineSelection(s: SelectionConfigValue): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const seen = new Set<string>();
  (s.suites ?? []).forEach((rule, i) => {
    if (seen.has(rule.name)) problems.push([`suites[${i}]`, `suite ${rule.name} is defined twice`]);
    seen.add(rule.name);
    if (rule.match === undefined && rule.paths === undefined && rule.categories === undefined)
      problems.push([`suites[${i}]`, `(${rule.name}) never selects: give it match, paths or categories`]);
  });
  return problems;
}

/** The refine step of each section that has one (the schema files name the same functions). */
export const REFINE: Readonly<Record<string, Refine>> = {
  ledger: ledgerProblems as Refine,
  rehearsal: refineRehearsal as Refine,
  selection: refineSelection as Refine,
};
