import type { ProofgateConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import { CATEGORIES, type SelectionConfig } from './types.js';

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Validates the `selection` section of proofgate.config. */
export function selectionSection(config: ProofgateConfig): SelectionConfig {
  const s = config.selection;
  if (s === undefined) return {};
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new ConfigError('config `selection` must be an object');
  const sel = s as Record<string, unknown>;
  if (sel.categories !== undefined) {
    for (const [k, v] of Object.entries(sel.categories as Record<string, unknown>)) {
      if (!(CATEGORIES as readonly string[]).includes(k))
        throw new ConfigError(
          `config selection.categories.${k}: unknown category (use ${CATEGORIES.join(', ')})`,
        );
      if (!isStrings(v)) throw new ConfigError(`config selection.categories.${k} must be a list of globs`);
    }
  }
  if (sel.unmatched !== undefined && !['all', 'fail', 'none'].includes(sel.unmatched as string)) {
    throw new ConfigError("config selection.unmatched must be 'all', 'fail' or 'none'");
  }
  if (sel.suites !== undefined) {
    if (!Array.isArray(sel.suites)) throw new ConfigError('config selection.suites must be a list');
    const names = new Set<string>();
    sel.suites.forEach((r: unknown, i) => {
      const at = `config selection.suites[${i}]`;
      const rule = r as Record<string, unknown>;
      if (rule === null || typeof rule !== 'object') throw new ConfigError(`${at} must be an object`);
      if (typeof rule.name !== 'string' || rule.name === '')
        throw new ConfigError(`${at}.name must be a non-empty string`);
      if (names.has(rule.name)) throw new ConfigError(`${at}: suite ${rule.name} is defined twice`);
      names.add(rule.name);
      if (!isStrings(rule.files) || rule.files.length === 0)
        throw new ConfigError(`${at}.files must be a non-empty list of globs`);
      if (rule.paths !== undefined && !isStrings(rule.paths))
        throw new ConfigError(`${at}.paths must be a list of globs`);
      if (
        rule.categories !== undefined &&
        (!isStrings(rule.categories) ||
          !rule.categories.every((c) => (CATEGORIES as readonly string[]).includes(c)))
      ) {
        throw new ConfigError(`${at}.categories must list categories of ${CATEGORIES.join(', ')}`);
      }
      if (rule.match !== undefined) {
        if (typeof rule.match !== 'string')
          throw new ConfigError(`${at}.match must be a regular expression string`);
        try {
          new RegExp(rule.match, 'i');
        } catch (e) {
          throw new ConfigError(`${at}.match is not a valid regular expression: ${(e as Error).message}`);
        }
      }
      if (rule.match === undefined && rule.paths === undefined && rule.categories === undefined) {
        throw new ConfigError(`${at} (${rule.name}) never selects: give it match, paths or categories`);
      }
    });
  }
  return sel as SelectionConfig;
}
