import { FALSY, TRUTHY } from './matrix.js';
import type { EnvLike } from './types.js';

/** The trimmed value, or undefined when unset or blank. */
export function envString(env: EnvLike, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** true / false for a boolean flag; undefined when unset; 'invalid' for anything else. */
export function envBool(env: EnvLike, name: string): boolean | undefined | 'invalid' {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (TRUTHY.includes(v)) return true;
  if (FALSY.includes(v)) return false;
  return 'invalid';
}

/** A comma/space separated list, trimmed, blanks dropped, original order kept. */
export function envList(env: EnvLike, name: string): string[] {
  return (env[name] ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
