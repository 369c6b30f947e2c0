import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';
import { isAnnotationOnly, propPtr, Views, type SchemaView } from './schema-view.js';
import { asNullable, unwrapUnion, type Unwrapped } from './unwrap-union.js';

/** A difference local to one schema pair; `ptr` is absolute (candidate, or base for removals). */
export interface LocalChange {
  change: string;
  ptr: string;
  /** Property name when the change is about a property of this schema. */
  prop?: string;
  from?: unknown;
  to?: unknown;
  facts?: Record<string, unknown>;
}

export interface Edge {
  /** Subject segment the child adds (`name`, `items`…); null keeps the parent's subject. */
  seg: string | null;
  node: PairNode;
}

/** One compared (base schema, candidate schema) pair. Shared by every place that uses the pair. */
export interface PairNode {
  base: Json;
  cand: Json;
  basePtr: string;
  candPtr: string;
  changes: LocalChange[];
  edges: Edge[];
  /** True when this pair or any pair below it differs: walks skip clean subgraphs. */
  dirty: boolean;
  parents: PairNode[];
  /** Edges to dirty children, cached by the first walk (final once the pair's compare is done). */
  dirtyEdges?: Edge[];
  /** Where a one-branch union wrapper made a side nullable (its nullability findings point there). */
  nullPtr?: { base?: string; cand?: string };
}

/** Marks a pair and everything that reaches it as dirty (iterative: no recursion on deep graphs). */
function markDirty(n: PairNode): void {
  if (n.dirty) return;
  n.dirty = true;
  const stack = [n];
  while (stack.length > 0) {
    for (const p of stack.pop()!.parents) {
      if (!p.dirty) {
        p.dirty = true;
        stack.push(p);
      }
    }
  }
}

/**
 * True when two inline schemas are equal JSON without any `$ref` inside (bounded depth, so no deep
 * recursion): no difference can be found below them, so no pair is created. This skips the bulk of
 * unchanged inline schemas in large specs; anything with a `$ref` goes through the pair graph.
 */
function sameInline(b: unknown, c: unknown, depth = 0): boolean {
  if (b === c && (typeof b !== 'object' || b === null)) return true;
  if (typeof b !== 'object' || typeof c !== 'object' || b === null || c === null || depth > 24) return false;
  if (Array.isArray(b)) {
    if (!Array.isArray(c) || b.length !== c.length) return false;
    for (let i = 0; i < b.length; i++) if (!sameInline(b[i], c[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(c)) return false;
  const x = b as Json;
  const y = c as Json;
  let nx = 0;
  for (const k in x) {
    if (k === '$ref' || !Object.hasOwn(y, k) || !sameInline(x[k], y[k], depth + 1)) return false;
    nx++;
  }
  for (const _ in y) nx--;
  return nx === 0;
}

const TRUE_SCHEMA: Json = Object.freeze({}) as Json;
const FALSE_SCHEMA: Json = Object.freeze({ not: TRUE_SCHEMA }) as Json;

function asSchema(v: unknown): Json | undefined {
  if (v === true) return TRUE_SCHEMA;
  if (v === false) return FALSE_SCHEMA;
  return isObject(v) ? v : undefined;
}

function isEmpty(o: Json): boolean {
  for (const _ in o) return false;
  return true;
}

function typeList(s: Json): { types: string[]; nullable: boolean; explicitList: boolean } {
  const t = s['type'];
  const list = Array.isArray(t)
    ? t.filter((x): x is string => typeof x === 'string')
    : typeof t === 'string'
      ? [t]
      : [];
  const nullable = s['nullable'] === true || list.includes('null');
  return {
    types: list.filter((x) => x !== 'null').sort(),
    nullable,
    explicitList: Array.isArray(t) && t.filter((x) => x !== 'null').length > 1,
  };
}

/** Cheap identity of a JSON value for set comparisons (enum members, defaults): no deep walk for primitives. */
export function valueKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return `${typeof v}:${String(v)}`;
  return `json:${JSON.stringify(v)}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return valueKey(a) === valueKey(b);
}

const BOUNDS: readonly [string, string][] = [
  ['maxLength', 'max-length'],
  ['minLength', 'min-length'],
  ['maxItems', 'max-items'],
  ['minItems', 'min-items'],
  ['maxProperties', 'max-properties'],
  ['minProperties', 'min-properties'],
  ['maximum', 'max'],
  ['minimum', 'min'],
  ['exclusiveMaximum', 'exclusive-max'],
  ['exclusiveMinimum', 'exclusive-min'],
  ['maxContains', 'max-contains'],
  ['minContains', 'min-contains'],
];

/** Keywords whose sub-schema is compared as a child when both sides have it, else added/removed. */
const SUBSCHEMAS: readonly [string, string][] = [
  ['not', 'not'],
  ['if', 'if'],
  ['then', 'then'],
  ['else', 'else'],
  ['contains', 'contains'],
  ['propertyNames', 'property-names'],
  ['unevaluatedItems', 'unevaluated-items'],
  ['unevaluatedProperties', 'unevaluated-properties'],
  ['contentSchema', 'content-schema'],
];

const VALUE_KEYWORDS: readonly [string, string][] = [
  ['const', 'const'],
  ['default', 'default-value'],
];

const ALTERNATIVES: readonly [string, string][] = [
  ['oneOf', 'one-of'],
  ['anyOf', 'any-of'],
];

const STABILITY = ['draft', 'alpha', 'beta', 'stable'];

export function stabilityRank(v: unknown): number | undefined {
  if (v === undefined) return STABILITY.length - 1; // unlabeled means stable
  const i = typeof v === 'string' ? STABILITY.indexOf(v) : -1;
  return i < 0 ? undefined : i;
}

/** Shallow signature used to match oneOf/anyOf/allOf members without a deep walk. */
function signature(r: Resolver, raw: unknown): string {
  const s = r.derefObject(raw);
  if (!s) return 'none';
  const props = isObject(s['properties']) ? Object.keys(s['properties']).sort().join(',') : '';
  const en = Array.isArray(s['enum']) ? s['enum'].map(valueKey).join(',') : '';
  return [
    JSON.stringify(s['type'] ?? null),
    s['format'] ?? '',
    props,
    en,
    s['title'] ?? '',
    s['const'] === undefined ? '' : valueKey(s['const']),
  ].join('|');
}

/**
 * Compares schemas pair by pair with an explicit work-list: each (base, candidate) object pair is
 * compared once and memoized, so shared components are diffed once and `$ref` cycles are compared
 * without unrolling and without recursion (no stack growth whatever the depth).
 */
export class SchemaPairs {
  private readonly memo = new Map<Json, Map<Json, PairNode>>();
  private readonly queue: PairNode[] = [];
  private readonly bViews: Views;
  private readonly cViews: Views;

  constructor(
    private readonly rb: Resolver,
    private readonly rc: Resolver,
  ) {
    this.bViews = new Views(rb);
    this.cViews = new Views(rc);
  }

  /** Root entry: resolves `$ref`s and returns the (fully compared) pair node. */
  compare(baseRaw: unknown, candRaw: unknown, basePtr: string, candPtr: string): PairNode | undefined {
    if (sameInline(baseRaw, candRaw)) return undefined;
    const node = this.node(baseRaw, candRaw, basePtr, candPtr, this.rb, this.rc);
    while (this.queue.length > 0) {
      const n = this.queue.pop()!;
      this.process(n);
      if (n.changes.length > 0) markDirty(n);
    }
    return node;
  }

  private node(
    baseRaw: unknown,
    candRaw: unknown,
    basePtr: string,
    candPtr: string,
    rb: Resolver,
    rc: Resolver,
  ): PairNode | undefined {
    // Boolean schemas (JSON Schema 2020-12 §4.3.2): true accepts anything, false nothing.
    let b = asSchema(rb.deref(baseRaw));
    let c = asSchema(rc.deref(candRaw));
    if (!b || !c) return undefined;
    if (isObject(baseRaw) && typeof baseRaw['$ref'] === 'string') basePtr = baseRaw['$ref'].slice(1);
    if (isObject(candRaw) && typeof candRaw['$ref'] === 'string') candPtr = candRaw['$ref'].slice(1);
    // A one-branch union is its branch: compare the branches, not the wrappers.
    const ub = unwrapUnion(rb, b, c);
    const uc = unwrapUnion(rc, c, b);
    let nullPtr: { base?: string; cand?: string } | undefined;
    if (ub || uc) {
      // Nullability comes from the wrapper: its findings point at the wrapper, not the branch.
      if (ub) {
        if (ub.nullable) (nullPtr ??= {}).base = basePtr;
        [b, basePtr] = this.branch(rb, ub, b, basePtr);
      }
      if (uc) {
        if (uc.nullable) (nullPtr ??= {}).cand = candPtr;
        [c, candPtr] = this.branch(rc, uc, c, candPtr);
      }
      if (!b || !c) return undefined;
      if (b === c) return undefined;
    }
    let inner = this.memo.get(b);
    if (!inner) this.memo.set(b, (inner = new Map()));
    let n = inner.get(c);
    if (!n) {
      n = { base: b, cand: c, basePtr, candPtr, changes: [], edges: [], dirty: false, parents: [] };
      if (nullPtr) n.nullPtr = nullPtr;
      inner.set(c, n);
      this.queue.push(n);
    }
    return n;
  }

  private branch(r: Resolver, u: Unwrapped, wrapper: Json, ptr: string): [Json | undefined, string] {
    const s = asSchema(r.deref(u.raw));
    const p = isObject(u.raw) && typeof u.raw['$ref'] === 'string' ? u.raw['$ref'].slice(1) : ptr;
    if (!s) return [undefined, p];
    return [u.nullable ? asNullable(s, wrapper) : s, p];
  }

  /** A property child: pointers are only built when the pair is new (most pairs are memo hits). */
  private childLazy(n: PairNode, name: string, b: unknown, c: unknown, bv: SchemaView, cv: SchemaView): void {
    if (sameInline(b, c)) return; // identical inline schema without refs: nothing below can differ
    const bo = this.rb.derefObject(b);
    const co = this.rc.derefObject(c);
    if (!bo || !co) return;
    const k = this.memo.get(bo)?.get(co);
    if (k) {
      n.edges.push({ seg: name, node: k });
      k.parents.push(n);
      if (k.dirty) markDirty(n);
      return;
    }
    this.child(n, name, b, c, propPtr(bv, name), propPtr(cv, name));
  }

  private child(n: PairNode, seg: string | null, b: unknown, c: unknown, bptr: string, cptr: string): void {
    if (sameInline(b, c)) return;
    const k = this.node(b, c, bptr, cptr, this.rb, this.rc);
    if (!k) return;
    n.edges.push({ seg, node: k });
    k.parents.push(n);
    if (k.dirty) markDirty(n);
  }

  private process(n: PairNode): void {
    const bv = this.bViews.of(n.base, n.basePtr);
    const cv = this.cViews.of(n.cand, n.candPtr);
    const b = bv.s;
    const c = cv.s;
    const out = n.changes;
    const at = (kw: string) => `${n.candPtr}/${kw}`;
    const atBase = (kw: string) => `${n.basePtr}/${kw}`;

    // A schema replaced by a oneOf of alternatives: one finding, not dozens of derived ones.
    if (
      !Array.isArray(b['oneOf']) &&
      Array.isArray(c['oneOf']) &&
      c['type'] === undefined &&
      isEmpty(cv.props) &&
      (b['type'] !== undefined || !isEmpty(bv.props))
    ) {
      out.push({ change: 'wrapped-in-one-of', ptr: at('oneOf') });
      return;
    }

    this.types(b, c, n, out);
    this.values(b, c, n, out);
    for (const [kw, name] of BOUNDS) {
      const x = b[kw];
      const y = c[kw];
      if (x === y) continue;
      if (typeof x === 'boolean' || typeof y === 'boolean') {
        // OAS 3.0 boolean exclusiveMaximum/Minimum modify maximum/minimum.
        if (y === true && x !== true) out.push({ change: `${name}-set`, ptr: at(kw), from: x, to: y });
        else if (x === true && y !== true)
          out.push({ change: `${name}-unset`, ptr: atBase(kw), from: x, to: y });
        continue;
      }
      if (typeof y === 'number' && typeof x !== 'number')
        out.push({ change: `${name}-set`, ptr: at(kw), to: y });
      else if (typeof x === 'number' && typeof y !== 'number')
        out.push({ change: `${name}-unset`, ptr: atBase(kw), from: x });
      else if (typeof x === 'number' && typeof y === 'number')
        out.push({ change: `${name}-${y > x ? 'increased' : 'decreased'}`, ptr: at(kw), from: x, to: y });
    }
    this.pattern(b, c, n, out);
    this.addedRemovedChanged(b, c, 'format', 'format', n, out);
    if (b['uniqueItems'] !== true && c['uniqueItems'] === true)
      out.push({ change: 'unique-items-set', ptr: at('uniqueItems') });
    if (b['uniqueItems'] === true && c['uniqueItems'] !== true)
      out.push({ change: 'unique-items-unset', ptr: atBase('uniqueItems') });
    for (const kw of ['contentMediaType', 'contentEncoding'] as const) {
      if (b[kw] !== c[kw])
        out.push({
          change: kw === 'contentMediaType' ? 'content-media-type-changed' : 'content-encoding-changed',
          ptr: at(kw),
          from: b[kw],
          to: c[kw],
        });
    }
    this.lifecycle(b, c, n, out);
    this.discriminator(b, c, n, out);
    this.properties(bv, cv, n, out);
    this.composition(bv, cv, n, out);
    this.subschemas(b, c, n, out);
  }

  private types(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    // Fast path: the same single type and the same nullability (most pairs).
    if (typeof b['type'] === 'string' && b['type'] === c['type'] && b['nullable'] === c['nullable']) return;
    const bt = typeList(b);
    const ct = typeList(c);
    const ptr = `${n.candPtr}/type`;
    const bs = bt.types.join(',');
    const cs = ct.types.join(',');
    if (bs !== cs) {
      if (!bt.explicitList && !ct.explicitList) {
        const x = bt.types[0];
        const y = ct.types[0];
        if (x === 'integer' && y === 'number') out.push({ change: 'type-generalized', ptr, from: x, to: y });
        else if (x === 'number' && y === 'integer')
          out.push({ change: 'type-specialized', ptr, from: x, to: y });
        else if (y === undefined) out.push({ change: 'type-generalized', ptr, from: x, to: 'any' });
        else out.push({ change: 'type-changed', ptr, from: x ?? 'any', to: y });
      } else {
        const added = ct.types.filter((t) => !bt.types.includes(t));
        const removed = bt.types.filter((t) => !ct.types.includes(t));
        if (added.length > 0)
          out.push({ change: 'list-of-types-widened', ptr, from: bt.types, to: ct.types, facts: { added } });
        if (removed.length > 0)
          out.push({
            change: 'list-of-types-narrowed',
            ptr,
            from: bt.types,
            to: ct.types,
            facts: { removed },
          });
      }
    }
    if (!bt.nullable && ct.nullable) out.push({ change: 'became-nullable', ptr: n.nullPtr?.cand ?? ptr });
    if (bt.nullable && !ct.nullable) out.push({ change: 'became-not-nullable', ptr: n.nullPtr?.base ?? ptr });
  }

  private values(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    const be = b['enum'];
    const ce = c['enum'];
    const ptr = `${n.candPtr}/enum`;
    if (!Array.isArray(be) && Array.isArray(ce)) out.push({ change: 'became-enum', ptr, to: ce });
    else if (Array.isArray(be) && !Array.isArray(ce))
      out.push({ change: 'enum-removed', ptr: `${n.basePtr}/enum`, from: be });
    else if (Array.isArray(be) && Array.isArray(ce)) this.members(be, ce, 'enum-value', ptr, out);
    const bx = b['x-extensible-enum'];
    const cx = c['x-extensible-enum'];
    if (Array.isArray(bx) && Array.isArray(cx))
      this.members(bx, cx, 'x-extensible-enum-value', `${n.candPtr}/x-extensible-enum`, out);
    for (const [kw, name] of VALUE_KEYWORDS) {
      const x = b[kw];
      const y = c[kw];
      if (x === undefined && y !== undefined)
        out.push({ change: `${name}-added`, ptr: `${n.candPtr}/${kw}`, to: y });
      else if (x !== undefined && y === undefined)
        out.push({ change: `${name}-removed`, ptr: `${n.basePtr}/${kw}`, from: x });
      else if (x !== undefined && !sameValue(x, y))
        out.push({ change: `${name}-changed`, ptr: `${n.candPtr}/${kw}`, from: x, to: y });
    }
  }

  private members(be: unknown[], ce: unknown[], name: string, ptr: string, out: LocalChange[]): void {
    if (be.length === ce.length && be.every((v, i) => v === ce[i])) return; // unchanged, same order
    const bk = new Set(be.map(valueKey));
    const ck = new Set(ce.map(valueKey));
    for (const v of be) if (!ck.has(valueKey(v))) out.push({ change: `${name}-removed`, ptr, from: v });
    for (const v of ce) if (!bk.has(valueKey(v))) out.push({ change: `${name}-added`, ptr, to: v });
  }

  /** An empty pattern constrains nothing; `.*`-like patterns accept any string (ECMA-262 regex). */
  private pattern(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    const norm = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const x = norm(b['pattern']);
    const y = norm(c['pattern']);
    if (x === y) return;
    const anything = (v: string) => /^\^?(\.\*|\[\\s\\S\]\*)\$?$/.test(v);
    if (x === undefined) out.push({ change: 'pattern-added', ptr: `${n.candPtr}/pattern`, to: y });
    else if (y === undefined) out.push({ change: 'pattern-removed', ptr: `${n.basePtr}/pattern`, from: x });
    else if (anything(y))
      out.push({ change: 'pattern-generalized', ptr: `${n.candPtr}/pattern`, from: x, to: y });
    else out.push({ change: 'pattern-changed', ptr: `${n.candPtr}/pattern`, from: x, to: y });
  }

  private addedRemovedChanged(
    b: Json,
    c: Json,
    kw: string,
    name: string,
    n: PairNode,
    out: LocalChange[],
  ): void {
    const x = b[kw];
    const y = c[kw];
    if (x === y) return;
    if (x === undefined) out.push({ change: `${name}-added`, ptr: `${n.candPtr}/${kw}`, to: y });
    else if (y === undefined) out.push({ change: `${name}-removed`, ptr: `${n.basePtr}/${kw}`, from: x });
    else out.push({ change: `${name}-changed`, ptr: `${n.candPtr}/${kw}`, from: x, to: y });
  }

  private lifecycle(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    if (b['deprecated'] !== true && c['deprecated'] === true)
      out.push({ change: 'deprecated', ptr: `${n.candPtr}/deprecated`, facts: { sunset: c['x-sunset'] } });
    if (b['deprecated'] === true && c['deprecated'] !== true)
      out.push({ change: 'reactivated', ptr: `${n.candPtr}` });
    const bs = b['x-stability-level'];
    const cs = c['x-stability-level'];
    if (bs !== cs) {
      const x = stabilityRank(bs);
      const y = stabilityRank(cs);
      if (x === undefined || y === undefined)
        out.push({
          change: 'invalid-stability-level',
          ptr: `${n.candPtr}/x-stability-level`,
          from: bs,
          to: cs,
        });
      else if (y < x)
        out.push({
          change: 'stability-decreased',
          ptr: `${n.candPtr}/x-stability-level`,
          from: bs ?? 'stable',
          to: cs,
        });
      else if (y > x)
        out.push({
          change: 'stability-increased',
          ptr: `${n.candPtr}/x-stability-level`,
          from: bs,
          to: cs ?? 'stable',
        });
    }
  }

  private discriminator(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    const bd = b['discriminator'];
    const cd = c['discriminator'];
    const ptr = `${n.candPtr}/discriminator`;
    if (!isObject(bd) && isObject(cd))
      out.push({ change: 'discriminator-added', ptr, to: cd['propertyName'] });
    else if (isObject(bd) && !isObject(cd))
      out.push({
        change: 'discriminator-removed',
        ptr: `${n.basePtr}/discriminator`,
        from: bd['propertyName'],
      });
    if (!isObject(bd) || !isObject(cd)) return;
    if (bd['propertyName'] !== cd['propertyName'])
      out.push({
        change: 'discriminator-property-name-changed',
        ptr: `${ptr}/propertyName`,
        from: bd['propertyName'],
        to: cd['propertyName'],
      });
    const bm = isObject(bd['mapping']) ? bd['mapping'] : {};
    const cm = isObject(cd['mapping']) ? cd['mapping'] : {};
    for (const k of Object.keys(cm).sort()) {
      if (!(k in bm))
        out.push({ change: 'discriminator-mapping-added', ptr: `${ptr}/mapping/${escapePointer(k)}`, to: k });
      else if (bm[k] !== cm[k]) {
        out.push({
          change: 'discriminator-mapping-changed',
          ptr: `${ptr}/mapping/${escapePointer(k)}`,
          from: bm[k],
          to: cm[k],
          facts: { key: k },
        });
      }
    }
    for (const k of Object.keys(bm).sort())
      if (!(k in cm))
        out.push({
          change: 'discriminator-mapping-deleted',
          ptr: `${n.basePtr}/discriminator/mapping/${escapePointer(k)}`,
          from: k,
        });
  }

  private properties(bv: SchemaView, cv: SchemaView, n: PairNode, out: LocalChange[]): void {
    const flags = (r: Resolver, raw: unknown) => {
      const s = r.derefObject(raw);
      return {
        readOnly: s?.['readOnly'] === true,
        writeOnly: s?.['writeOnly'] === true,
        hasDefault: s !== undefined && s['default'] !== undefined,
      };
    };
    const bprops = bv.props;
    const cprops = cv.props;
    for (const name in bprops) {
      const bs = bprops[name];
      const bReq = bv.required.has(name);
      if (!Object.hasOwn(cprops, name)) {
        out.push({
          change: 'property-removed',
          ptr: propPtr(bv, name),
          prop: name,
          facts: { required: bReq, ...flags(this.rb, bs) },
        });
        continue;
      }
      const cs = cprops[name];
      const cReq = cv.required.has(name);
      const bd = this.rb.derefObject(bs);
      const cd = this.rc.derefObject(cs);
      const bro = bd?.['readOnly'] === true;
      const cro = cd?.['readOnly'] === true;
      const bwo = bd?.['writeOnly'] === true;
      const cwo = cd?.['writeOnly'] === true;
      if (bReq !== cReq || bro !== cro || bwo !== cwo) {
        const ptr = propPtr(cv, name);
        const cf = {
          readOnly: cro,
          writeOnly: cwo,
          hasDefault: cd !== undefined && cd['default'] !== undefined,
        };
        if (!bReq && cReq) out.push({ change: 'property-became-required', ptr, prop: name, facts: cf });
        if (bReq && !cReq) out.push({ change: 'property-became-optional', ptr, prop: name, facts: cf });
        if (bro !== cro)
          out.push({
            change: cro ? 'property-became-read-only' : 'property-became-not-read-only',
            ptr,
            prop: name,
            facts: { required: cReq },
          });
        if (bwo !== cwo)
          out.push({
            change: cwo ? 'property-became-write-only' : 'property-became-not-write-only',
            ptr,
            prop: name,
            facts: { required: cReq },
          });
      }
      this.childLazy(n, name, bs, cs, bv, cv);
    }
    for (const name in cprops) {
      if (Object.hasOwn(bprops, name)) continue;
      out.push({
        change: 'property-added',
        ptr: propPtr(cv, name),
        prop: name,
        facts: { required: cv.required.has(name), ...flags(this.rc, cprops[name]) },
      });
    }
    const ba = bv.s['additionalProperties'];
    const ca = cv.s['additionalProperties'];
    if (ba !== false && ca === false)
      out.push({ change: 'additional-properties-restricted', ptr: `${n.candPtr}/additionalProperties` });
    if (ba === false && ca !== false)
      out.push({ change: 'additional-properties-allowed', ptr: `${n.candPtr}` });
    if (isObject(ba) && isObject(ca))
      this.child(
        n,
        'additionalProperties',
        ba,
        ca,
        `${n.basePtr}/additionalProperties`,
        `${n.candPtr}/additionalProperties`,
      );
    const bi = bv.s['items'];
    const ci = cv.s['items'];
    if (isObject(bi) && isObject(ci))
      this.child(n, 'items', bi, ci, `${n.basePtr}/items`, `${n.candPtr}/items`);
    this.keyed(bv.s, cv.s, 'patternProperties', 'pattern-property', n, out);
    this.keyed(bv.s, cv.s, 'dependentSchemas', 'dependent-schema', n, out);
    const bdr = isObject(bv.s['dependentRequired']) ? bv.s['dependentRequired'] : undefined;
    const cdr = isObject(cv.s['dependentRequired']) ? cv.s['dependentRequired'] : undefined;
    if (bdr || cdr) {
      const x = bdr ?? {};
      const y = cdr ?? {};
      for (const k of Object.keys(y).sort()) {
        if (!(k in x))
          out.push({
            change: 'dependent-required-added',
            ptr: `${n.candPtr}/dependentRequired/${escapePointer(k)}`,
            to: k,
          });
        else if (!sameValue(x[k], y[k]))
          out.push({
            change: 'dependent-required-changed',
            ptr: `${n.candPtr}/dependentRequired/${escapePointer(k)}`,
            from: x[k],
            to: y[k],
            facts: { key: k },
          });
      }
      for (const k of Object.keys(x).sort())
        if (!(k in y))
          out.push({
            change: 'dependent-required-removed',
            ptr: `${n.basePtr}/dependentRequired/${escapePointer(k)}`,
            from: k,
          });
    }
    const bpi = bv.s['prefixItems'];
    const cpi = cv.s['prefixItems'];
    if (Array.isArray(bpi) || Array.isArray(cpi)) {
      const x = Array.isArray(bpi) ? bpi : [];
      const y = Array.isArray(cpi) ? cpi : [];
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        if (i >= x.length)
          out.push({ change: 'prefix-items-added', ptr: `${n.candPtr}/prefixItems/${i}`, to: i });
        else if (i >= y.length)
          out.push({ change: 'prefix-items-removed', ptr: `${n.basePtr}/prefixItems/${i}`, from: i });
        else
          this.child(
            n,
            `prefixItems/${i}`,
            x[i],
            y[i],
            `${n.basePtr}/prefixItems/${i}`,
            `${n.candPtr}/prefixItems/${i}`,
          );
      }
    }
  }

  private keyed(b: Json, c: Json, kw: string, name: string, n: PairNode, out: LocalChange[]): void {
    if (b[kw] === undefined && c[kw] === undefined) return;
    const x = isObject(b[kw]) ? (b[kw] as Json) : {};
    const y = isObject(c[kw]) ? (c[kw] as Json) : {};
    for (const k of Object.keys(y).sort()) {
      const cptr = `${n.candPtr}/${kw}/${escapePointer(k)}`;
      if (!(k in x)) out.push({ change: `${name}-added`, ptr: cptr, to: k });
      else this.child(n, k, x[k], y[k], `${n.basePtr}/${kw}/${escapePointer(k)}`, cptr);
    }
    for (const k of Object.keys(x).sort())
      if (!(k in y))
        out.push({ change: `${name}-removed`, ptr: `${n.basePtr}/${kw}/${escapePointer(k)}`, from: k });
  }

  private composition(bv: SchemaView, cv: SchemaView, n: PairNode, out: LocalChange[]): void {
    for (const [kw, name] of ALTERNATIVES) {
      if (n.base[kw] === undefined && n.cand[kw] === undefined) continue;
      const x = Array.isArray(n.base[kw]) ? (n.base[kw] as unknown[]) : [];
      const y = Array.isArray(n.cand[kw]) ? (n.cand[kw] as unknown[]) : [];
      if (x.length === 0 && y.length === 0) continue;
      const pairs = this.match(x, y);
      for (const [i, j] of pairs.matched)
        this.child(n, null, x[i], y[j], `${n.basePtr}/${kw}/${i}`, `${n.candPtr}/${kw}/${j}`);
      for (const j of pairs.added)
        out.push({ change: `${name}-added`, ptr: `${n.candPtr}/${kw}/${j}`, to: label(y[j]) });
      for (const i of pairs.removed)
        out.push({ change: `${name}-removed`, ptr: `${n.basePtr}/${kw}/${i}`, from: label(x[i]) });
    }
    // allOf: the merged views already carry the meaning; only report structure that changes it.
    const x = bv.allOf;
    const y = cv.allOf;
    if (x.length === 0 && y.length === 0) return;
    const pairs = this.match(
      x.map((m) => (m.ref !== undefined ? { $ref: m.ref } : m.schema)),
      y.map((m) => (m.ref !== undefined ? { $ref: m.ref } : m.schema)),
    );
    const both = x.length > 0 && y.length > 0;
    for (const j of pairs.added) {
      const m = y[j]!;
      if (isAnnotationOnly(m.schema))
        out.push({
          change: 'all-of-added-annotation-only',
          ptr: m.ptr,
          to: label(m.ref ? { $ref: m.ref } : m.schema),
        });
      else if (both)
        out.push({ change: 'all-of-added', ptr: m.ptr, to: label(m.ref ? { $ref: m.ref } : m.schema) });
    }
    for (const i of pairs.removed) {
      const m = x[i]!;
      if (isAnnotationOnly(m.schema))
        out.push({
          change: 'all-of-removed-annotation-only',
          ptr: m.ptr,
          from: label(m.ref ? { $ref: m.ref } : m.schema),
        });
      else if (both)
        out.push({ change: 'all-of-removed', ptr: m.ptr, from: label(m.ref ? { $ref: m.ref } : m.schema) });
    }
  }

  /** Matches alternatives by `$ref` name, then by shallow signature, then (equal counts) by position. */
  private match(
    x: unknown[],
    y: unknown[],
  ): { matched: [number, number][]; added: number[]; removed: number[] } {
    const matched: [number, number][] = [];
    const usedY = new Set<number>();
    const usedX = new Set<number>();
    const refName = (v: unknown) => (isObject(v) && typeof v['$ref'] === 'string' ? v['$ref'] : undefined);
    x.forEach((bx, i) => {
      const r = refName(bx);
      if (r === undefined) return;
      const j = y.findIndex((cy, jj) => !usedY.has(jj) && refName(cy) === r);
      if (j >= 0) (matched.push([i, j]), usedX.add(i), usedY.add(j));
    });
    const sigY = y.map((v) => signature(this.rc, v));
    x.forEach((bx, i) => {
      if (usedX.has(i)) return;
      const sig = signature(this.rb, bx);
      const j = sigY.findIndex((s, jj) => !usedY.has(jj) && s === sig);
      if (j >= 0) (matched.push([i, j]), usedX.add(i), usedY.add(j));
    });
    const restX = x.map((_, i) => i).filter((i) => !usedX.has(i));
    const restY = y.map((_, j) => j).filter((j) => !usedY.has(j));
    if (restX.length === restY.length) {
      restX.forEach((i, k) => matched.push([i, restY[k]!]));
      return { matched, added: [], removed: [] };
    }
    return { matched, added: restY, removed: restX };
  }

  private subschemas(b: Json, c: Json, n: PairNode, out: LocalChange[]): void {
    for (const [kw, name] of SUBSCHEMAS) {
      const x = b[kw];
      const y = c[kw];
      if (x === undefined && y !== undefined)
        out.push({ change: `${name}-added`, ptr: `${n.candPtr}/${kw}` });
      else if (x !== undefined && y === undefined)
        out.push({ change: `${name}-removed`, ptr: `${n.basePtr}/${kw}` });
      else if (isObject(x) && isObject(y))
        this.child(n, kw, x, y, `${n.basePtr}/${kw}`, `${n.candPtr}/${kw}`);
      else if (x !== undefined && !sameValue(x, y))
        out.push({ change: `${name}-changed`, ptr: `${n.candPtr}/${kw}`, from: x, to: y });
    }
  }
}

function label(v: unknown): string {
  if (isObject(v) && typeof v['$ref'] === 'string') return v['$ref'].split('/').pop() ?? v['$ref'];
  if (isObject(v) && typeof v['title'] === 'string') return v['title'];
  if (isObject(v) && v['type'] !== undefined) return String(v['type']);
  return 'schema';
}
