import { isObject, type Json, type Resolver } from './resolve.js';

const UNIONS = ['anyOf', 'oneOf'] as const;

/** Keys a wrapper may carry beside its union and still mean just its branch. */
function isWrapperKey(k: string): boolean {
  return (
    k === 'anyOf' ||
    k === 'oneOf' ||
    k === 'nullable' ||
    k === 'title' ||
    k === 'description' ||
    k === '$comment' ||
    k === 'example' ||
    k === 'examples' ||
    k === 'externalDocs' ||
    k.startsWith('x-')
  );
}

function isNullBranch(r: Resolver, v: unknown): boolean {
  const s = r.derefObject(v);
  if (!s) return false;
  const t = s['type'];
  return (
    (t === 'null' || (Array.isArray(t) && t.length === 1 && t[0] === 'null')) && Object.keys(s).length === 1
  );
}

/** Non-null branches of a union keyword, or undefined when the schema has none. */
function branches(r: Resolver, s: Json, kw: string): unknown[] | undefined {
  const v = s[kw];
  return Array.isArray(v) ? v.filter((b) => !isNullBranch(r, b)) : undefined;
}

export interface Unwrapped {
  /** The schema that carries the meaning (the branch, possibly made nullable). */
  raw: unknown;
  /** True when the wrapper also admitted `null` (a `{type: 'null'}` branch or `nullable: true`). */
  nullable: boolean;
}

/**
 * A one-branch `anyOf`/`oneOf` validates exactly what its branch validates (JSON Schema 2020-12
 * §10.2.1.2–3), and `anyOf: [X, {type: 'null'}]` is X that also admits null. Such a wrapper is
 * compared as its branch, unless the other side of the pair is a real union of the same keyword
 * (then members are matched as alternatives, as before).
 */
export function unwrapUnion(r: Resolver, s: Json, other: Json | undefined): Unwrapped | undefined {
  for (const k of Object.keys(s)) if (!isWrapperKey(k)) return undefined;
  const present = UNIONS.filter((kw) => s[kw] !== undefined);
  if (present.length !== 1) return undefined;
  const kw = present[0]!;
  const all = s[kw] as unknown[];
  const real = branches(r, s, kw);
  if (!Array.isArray(all) || !real || real.length !== 1) return undefined;
  if (other) {
    const o = branches(r, other, kw);
    if (o && o.length > 1) return undefined;
  }
  return { raw: real[0], nullable: all.length > 1 || s['nullable'] === true };
}

const nullableCopies = new WeakMap<Json, Json>();

/**
 * The branch schema, admitting null too. Memoized per wrapper, so each wrapper is its own pair
 * (the nullability belongs to the wrapper's place, not to the shared branch).
 */
export function asNullable(s: Json, wrapper: Json): Json {
  if (s['nullable'] === true) return s;
  let hit = nullableCopies.get(wrapper);
  if (!hit || hit['__branch'] !== s) {
    hit = { ...s, nullable: true };
    Object.defineProperty(hit, '__branch', { value: s, enumerable: false });
    nullableCopies.set(wrapper, hit);
  }
  return hit;
}
