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
  const names = [...new Set([...Object.keys(be), ...Object.keys(ce)])].sort();
  for (const prop of names) {
    const x = rb.derefObject(be[prop]);
    const y = rc.derefObject(ce[prop]);
    const bp = `${bptr}/encoding/${escapePointer(prop)}`;
    const cp = y ? `${cptr}/encoding/${escapePointer(prop)}` : `${cptr}/encoding`;
    const facts = { mediaType, property: prop };
    // style/explode/allowReserved SHALL be ignored for other media types (OAS 3.1 §4.8.15.1).
    if (mediaType === 'application/x-www-form-urlencoded') {
      const ex = effective(x);
      const ey = effective(y);
      for (const [kw, change] of [
        ['style', 'encoding-style-changed'],
        ['explode', 'encoding-explode-changed'],
        ['allowReserved', 'encoding-allow-reserved-changed'],
      ] as const) {
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
        emit('encoding-header-removed', `${bp}/headers/${escapePointer(xh.get(key)!.name)}`, prop, {
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
