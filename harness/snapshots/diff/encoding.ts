import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';

export interface EncodingEmit {
  (change: string, pointer: string, subject: string, f: Record<string, unknown>): void;
}

/** Effective serialization of one form property: explicit values or the Encoding Object defaults. */
function effective(e: Json | undefined): { style: unknown; explode: unknown; allowReserved: unknown } {
  const style = e?.['style'] ?? 'form';
  return {
    style,
    // OAS 3.1 §4.8.15.1: explode defaults to true for style form, false otherwise.
    explode: e?.['explode'] ?? style === 'form',
    allowReserved: e?.['allowReserved'] ?? false,
  };
}

function headerIndex(r: Resolver, e: Json | undefined): Map<string, { h: Json; name: string }> {
  const out = new Map<string, { h: Json; name: string }>();
  const hs = e?.['headers'];
  if (!isObject(hs)) return out;
  for (const name of Object.keys(hs)) {
    const h = r.derefObject(hs[name]);
    // Content-Type is described by contentType and SHALL be ignored here (OAS 3.1 §4.8.15.1).
    if (h && name.toLowerCase() !== 'content-type') out.set(name.toLowerCase(), { h, name });
  }
  return out;
}

/** Schema of a top-level body property, through `$ref` and `allOf` members. */
function propertySchema(r: Resolver, raw: unknown, name: string, depth = 0): unknown {
  const s = r.derefObject(raw);
  if (!s || depth > 8) return undefined;
  if (isObject(s['properties']) && Object.hasOwn(s['properties'], name)) return s['properties'][name];
  if (Array.isArray(s['allOf']))
    for (const m of s['allOf']) {
      const hit = propertySchema(r, m, name, depth + 1);
      if (hit !== undefined) return hit;
    }
  return undefined;
}

/**
 * True when a value of the schema may be an object or an array. Style and explode only change how
 * those serialize; a primitive is `name=value` in every style (OAS 3.1 §4.8.12.4.2).
 */
function mayBeStructured(r: Resolver, raw: unknown, depth = 0): boolean {
  const s = r.derefObject(raw);
  if (!s || depth > 8) return true;
  const t = s['type'];
  const types = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined;
  if (types) return types.some((x) => x === 'object' || x === 'array');
  if (s['properties'] !== undefined || s['items'] !== undefined) return true;
  const alts = ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
  if (alts.length > 0) return alts.some((a) => mayBeStructured(r, a, depth + 1));
  return s['enum'] === undefined && s['const'] === undefined;
}

/**
 * Compares the `encoding` maps of one form media type: how each property is serialized (style,
 * explode, allowReserved), its part content type and its part headers. The rules judge by
 * direction; here we only say what differs.
 */
export function diffEncoding(
  rb: Resolver,
  rc: Resolver,
  mediaType: string,
  bm: Json,
  cm: Json,
  bptr: string,
  cptr: string,
  emit: EncodingEmit,
): void {
  const be = isObject(bm['encoding']) ? bm['encoding'] : {};
  const ce = isObject(cm['encoding']) ? cm['encoding'] : {};
  // An encoding key names a property of the body schema; a property added or removed is reported
  // by the schema rules, so only properties on both sides are compared here.
  const has = (r: Resolver, m: Json, n: string) => propertySchema(r, m['schema'], n) !== undefined;
  const names = [...new Set([...Object.keys(be), ...Object.keys(ce)])]
    .filter((n) => has(rb, bm, n) && has(rc, cm, n))
    .sort();
  for (const prop of names) {
    const x = rb.derefObject(be[prop]);
    const y = rc.derefObject(ce[prop]);
    const bep = `${bptr}/encoding/${escapePointer(prop)}`;
    const cp = y ? `${cptr}/encoding/${escapePointer(prop)}` : `${cptr}/encoding`;
    const facts = { mediaType, property: prop };
    // style/explode/allowReserved SHALL be ignored for other media types (OAS 3.1 §4.8.15.1).
    if (mediaType === 'application/x-www-form-urlencoded') {
      const ex = effective(x);
      const ey = effective(y);
      const structured =
        mayBeStructured(rb, propertySchema(rb, bm['schema'], prop)) ||
        mayBeStructured(rc, propertySchema(rc, cm['schema'], prop));
      for (const [kw, change] of [
        ['style', 'encoding-style-changed'],
        ['explode', 'encoding-explode-changed'],
        ['allowReserved', 'encoding-allow-reserved-changed'],
      ] as const) {
        if (kw !== 'allowReserved' && !structured) continue;
        if (ex[kw] !== ey[kw])
          emit(change, `${cp}${y ? `/${kw}` : ''}`, prop, { ...facts, from: ex[kw], to: ey[kw] });
      }
    }
    const xt = x?.['contentType'];
    const yt = y?.['contentType'];
    if (xt !== yt && (xt !== undefined || yt !== undefined))
      emit('encoding-content-type-changed', `${cp}${y ? '/contentType' : ''}`, prop, {
        ...facts,
        from: xt,
        to: yt,
      });
    const xh = headerIndex(rb, x);
    const yh = headerIndex(rc, y);
    for (const key of [...xh.keys()].sort())
      if (!yh.has(key))
        emit('encoding-header-removed', `${bep}/headers/${escapePointer(xh.get(key)!.name)}`, prop, {
          ...facts,
          header: xh.get(key)!.name,
        });
    for (const key of [...yh.keys()].sort()) {
      const h = yh.get(key)!;
      const old = xh.get(key);
      const required = h.h['required'] === true;
      if (!old)
        emit('encoding-header-added', `${cp}/headers/${escapePointer(h.name)}`, prop, {
          ...facts,
          header: h.name,
          required,
        });
      else if (old.h['required'] !== true && required)
        emit('encoding-header-became-required', `${cp}/headers/${escapePointer(h.name)}/required`, prop, {
          ...facts,
          header: h.name,
          required,
        });
    }
  }
}
