import { escapePointer, isObject, Resolver, type Json } from './resolve.js';
import { METHODS, indexPaths, type PathEntry } from './paths.js';
import { diffOperation, diffSecurity } from './operation.js';
import { SchemaPairs } from './schema-pairs.js';
import { SchemaWalker } from './schema-walk.js';
import type { Delta } from './types.js';

/**
 * The structural diff of two OpenAPI 3.0/3.1 documents: operations keyed by method + path template
 * (parameter names normalized), then everything below them. Emits neutral deltas; no judging here.
 */
export function structuralDiff(base: Json, cand: Json): Delta[] {
  const rb = new Resolver(base);
  const rc = new Resolver(cand);
  const pairs = new SchemaPairs(rb, rc);
  const walker = new SchemaWalker();
  const out: Delta[] = [];
  const emit = (d: Delta) => void out.push(d);

  diffRoutes(base, cand, indexPaths(base, rb), indexPaths(cand, rc), rb, rc, pairs, walker, emit, false);

  // Webhooks (OAS 3.1 §4.8.1): named, not routed; their operations are compared like paths.
  const bw = indexPaths(base, rb, 'webhooks');
  const cw = indexPaths(cand, rc, 'webhooks');
  diffRoutes(base, cand, bw, cw, rb, rc, pairs, walker, emit, true);
  for (const k of [...bw.keys()].sort())
    if (!cw.has(k))
      emit({
        scope: 'api',
        change: 'webhook-removed',
        path: '',
        method: '',
        pointer: bw.get(k)!.ptr,
        subject: k,
      });
  for (const k of [...cw.keys()].sort())
    if (!bw.has(k))
      emit({
        scope: 'api',
        change: 'webhook-added',
        path: '',
        method: '',
        pointer: cw.get(k)!.ptr,
        subject: k,
      });

  diffSecurity(
    { emit, path: '', method: '' },
    base['security'],
    cand['security'],
    '',
    '',
    'api',
    'global security',
  );
  diffSecuritySchemes(base, cand, emit);
  walker.finish();
  return out;
}

/** Draft and alpha operations (x-stability-level) carry no compatibility promise. */
const UNSTABLE = new Set(['draft', 'alpha']);

function diffRoutes(
  base: Json,
  cand: Json,
  bp: Map<string, PathEntry>,
  cp: Map<string, PathEntry>,
  rb: Resolver,
  rc: Resolver,
  pairs: SchemaPairs,
  walker: SchemaWalker,
  emitAll: (d: Delta) => void,
  webhooks: boolean,
): void {
  for (const key of [...bp.keys()].sort()) {
    const x = bp.get(key)!;
    const y = cp.get(key);
    for (const m of METHODS) {
      const bo = x.item[m];
      if (!isObject(bo)) continue;
      const co = y ? y.item[m] : undefined;
      const opFacts = {
        deprecated: bo['deprecated'] === true,
        sunset: bo['x-sunset'],
        stability: bo['x-stability-level'],
        pathRemoved: !y,
      };
      if (!isObject(co)) {
        if (webhooks && !y) continue; // the whole webhook is gone: one webhook-removed finding
        emitAll({
          scope: 'endpoint',
          change: y ? 'operation-removed' : 'path-removed',
          path: x.raw,
          method: m.toUpperCase(),
          pointer: `${x.ptr}/${m}`,
          subject: `${m.toUpperCase()} ${x.raw}`,
          facts: opFacts,
        });
        continue;
      }
      const level = bo['x-stability-level'];
      const emit =
        typeof level === 'string' && UNSTABLE.has(level)
          ? (d: Delta) => emitAll({ ...d, facts: { ...d.facts, unstable: level } })
          : emitAll;
      const ctx = { rb, rc, pairs, walker, emit, path: y!.raw, method: m.toUpperCase() };
      diffOperation(
        ctx,
        { raw: x.raw, item: x.item, op: bo, ptr: `${x.ptr}/${m}`, itemPtr: x.ptr },
        { raw: y!.raw, item: y!.item, op: co, ptr: `${y!.ptr}/${m}`, itemPtr: y!.ptr },
      );
      if (bo['security'] !== undefined || co['security'] !== undefined) {
        // Already compared as explicit requirements in diffOperation when both are explicit;
        // here the inherited side is made explicit (OAS 3.1 §4.8.10: operation security overrides).
        if (bo['security'] === undefined || co['security'] === undefined) {
          diffSecurity(
            ctx,
            bo['security'] ?? base['security'],
            co['security'] ?? cand['security'],
            `${x.ptr}/${m}`,
            `${y!.ptr}/${m}`,
            'endpoint',
            y!.raw,
          );
        }
      }
    }
  }
  for (const key of [...cp.keys()].sort()) {
    const y = cp.get(key)!;
    const x = bp.get(key);
    for (const m of METHODS) {
      const co = y.item[m];
      if (!isObject(co) || (x && isObject(x.item[m]))) continue;
      if (webhooks && !x) continue; // a whole new webhook: one webhook-added finding
      emitAll({
        scope: 'endpoint',
        change: 'operation-added',
        path: y.raw,
        method: m.toUpperCase(),
        pointer: `${y.ptr}/${m}`,
        subject: `${m.toUpperCase()} ${y.raw}`,
        facts: { pathAdded: !x },
      });
    }
  }
}

function diffSecuritySchemes(base: Json, cand: Json, emit: (d: Delta) => void): void {
  const get = (doc: Json) => {
    const c = doc['components'];
    const s = isObject(c) ? c['securitySchemes'] : undefined;
    return isObject(s) ? s : {};
  };
  const x = get(base);
  const y = get(cand);
  const rb = new Resolver(base);
  const rc = new Resolver(cand);
  const d = (change: string, name: string, extra: Partial<Delta> = {}) =>
    emit({
      scope: 'api',
      change,
      path: '',
      method: '',
      pointer: `/components/securitySchemes/${escapePointer(name)}`,
      subject: name,
      ...extra,
    });
  for (const name of Object.keys(x).sort()) {
    const a = rb.derefObject(x[name]);
    const b = rc.derefObject(y[name]);
    if (!b) {
      d('security-component-removed', name);
      continue;
    }
    if (!a) continue;
    for (const kw of ['type', 'scheme', 'in', 'name', 'bearerFormat', 'openIdConnectUrl'] as const) {
      if (a[kw] !== b[kw])
        d(kw === 'type' ? 'security-component-type-changed' : 'security-component-changed', name, {
          from: a[kw],
          to: b[kw],
          facts: { field: kw },
        });
    }
    const fa = isObject(a['flows']) ? a['flows'] : {};
    const fb = isObject(b['flows']) ? b['flows'] : {};
    for (const flow of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
      const p = isObject(fa[flow]) ? (fa[flow] as Json) : {};
      const q = isObject(fb[flow]) ? (fb[flow] as Json) : {};
      if (p['authorizationUrl'] !== q['authorizationUrl'])
        d('security-component-oauth-url-changed', name, {
          from: p['authorizationUrl'],
          to: q['authorizationUrl'],
        });
      if (p['tokenUrl'] !== q['tokenUrl'])
        d('security-component-oauth-token-url-changed', name, { from: p['tokenUrl'], to: q['tokenUrl'] });
      const ps = isObject(p['scopes']) ? p['scopes'] : {};
      const qs = isObject(q['scopes']) ? q['scopes'] : {};
      for (const s of Object.keys(qs).sort())
        if (!(s in ps)) d('security-component-oauth-scope-added', name, { to: s });
      for (const s of Object.keys(ps).sort())
        if (!(s in qs)) d('security-component-oauth-scope-removed', name, { from: s });
    }
  }
  for (const name of Object.keys(y).sort()) if (!(name in x)) d('security-component-added', name);
}
