import { diffEncoding } from './encoding.js';
import { escapePointer, isObject, type Json, type Resolver } from './resolve.js';
import { normalizePath, pathParamNames } from './paths.js';
import type { SchemaPairs } from './schema-pairs.js';
import type { SchemaWalker } from './schema-walk.js';
import type { Delta, Scope } from './types.js';

export interface OpCtx {
  /** Facts about the base operation every delta of it carries (e.g. it takes an Idempotency-Key). */
  opFacts?: Record<string, unknown>;
  rb: Resolver;
  rc: Resolver;
  pairs: SchemaPairs;
  walker: SchemaWalker;
  emit: (d: Delta) => void;
  path: string;
  method: string;
}

interface ParamEntry {
  key: string;
  p: Json;
  ptr: string;
  pathLevel: boolean;
}

/** Parameters by identity (OAS 3.1 §4.8.12: name + in); path parameters by their position in the template. */
function indexParams(
  r: Resolver,
  rawPath: string,
  pathItem: Json,
  op: Json,
  opPtr: string,
  itemPtr: string,
): Map<string, ParamEntry> {
  const out = new Map<string, ParamEntry>();
  const names = pathParamNames(rawPath);
  const add = (list: unknown, base: string, pathLevel: boolean) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const p = r.derefObject(raw);
      if (!p || typeof p['name'] !== 'string' || typeof p['in'] !== 'string') return;
      const ptr =
        isObject(raw) && typeof raw['$ref'] === 'string' ? raw['$ref'].slice(1) : `${base}/parameters/${i}`;
      const idx = p['in'] === 'path' ? names.indexOf(p['name']) : -1;
      const key =
        p['in'] === 'path' && idx >= 0
          ? `path:#${idx}`
          : `${p['in']}:${p['in'] === 'header' ? p['name'].toLowerCase() : p['name']}`;
      out.set(key, { key, p, ptr, pathLevel });
    });
  };
  add(pathItem['parameters'], itemPtr, true);
  add(op['parameters'], opPtr, false); // operation-level overrides path-level (OAS 3.1 §4.8.10)
  return out;
}

function paramSchema(r: Resolver, p: Json, ptr: string): { raw: unknown; ptr: string } | undefined {
  if (p['schema'] !== undefined) return { raw: p['schema'], ptr: `${ptr}/schema` };
  const content = p['content'];
  if (isObject(content)) {
    const mt = Object.keys(content).sort()[0];
    const m = mt !== undefined ? r.derefObject(content[mt]) : undefined;
    if (m && m['schema'] !== undefined)
      return { raw: m['schema'], ptr: `${ptr}/content/${escapePointer(mt!)}/schema` };
  }
  return undefined;
}

function schemaDelta(
  ctx: OpCtx,
  scopeRoot: Scope,
  scopeNested: Scope,
  subjectPrefix: string,
  facts: Record<string, unknown>,
  b: { raw: unknown; ptr: string },
  c: { raw: unknown; ptr: string },
): void {
  const node = ctx.pairs.compare(b.raw, c.raw, b.ptr, c.ptr);
  if (!node) return;
  ctx.walker.walk(
    node,
    {
      rootScope: scopeRoot,
      nestedScope: scopeNested,
      path: ctx.path,
      method: ctx.method,
      pointer: c.ptr,
      subjectPrefix,
      facts,
      itemsKeepScope: scopeRoot === 'request-parameter',
    },
    ctx.emit,
  );
}

export function diffOperation(
  ctx: OpCtx,
  b: { raw: string; item: Json; op: Json; ptr: string; itemPtr: string },
  c: { raw: string; item: Json; op: Json; ptr: string; itemPtr: string },
): void {
  const d = (scope: Scope, change: string, pointer: string, subject: string, extra: Partial<Delta> = {}) =>
    ctx.emit({ scope, change, path: ctx.path, method: ctx.method, pointer, subject, ...extra });
  const bo = b.op;
  const co = c.op;

  // Lifecycle of the operation (deprecated, x-sunset, x-stability-level).
  const facts = {
    deprecated: co['deprecated'] === true,
    sunset: co['x-sunset'],
    baseSunset: bo['x-sunset'],
    baseDeprecated: bo['deprecated'] === true,
  };
  if (bo['deprecated'] !== true && co['deprecated'] === true)
    d('endpoint', 'deprecated', `${c.ptr}/deprecated`, ctx.path, { facts });
  if (bo['deprecated'] === true && co['deprecated'] !== true)
    d('endpoint', 'reactivated', c.ptr, ctx.path, { facts });
  if (bo['x-sunset'] !== co['x-sunset'])
    d('endpoint', 'sunset-changed', `${c.ptr}/x-sunset`, ctx.path, {
      from: bo['x-sunset'],
      to: co['x-sunset'],
      facts,
    });
  if (bo['x-stability-level'] !== co['x-stability-level'])
    d('endpoint', 'stability-changed', `${c.ptr}/x-stability-level`, ctx.path, {
      from: bo['x-stability-level'],
      to: co['x-stability-level'],
      facts,
    });
  if (bo['operationId'] !== co['operationId']) {
    if (bo['operationId'] === undefined)
      d('endpoint', 'operation-id-added', `${c.ptr}/operationId`, ctx.path, { to: co['operationId'] });
    else if (co['operationId'] === undefined)
      d('endpoint', 'operation-id-removed', `${b.ptr}/operationId`, ctx.path, { from: bo['operationId'] });
    else
      d('endpoint', 'operation-id-changed', `${c.ptr}/operationId`, ctx.path, {
        from: bo['operationId'],
        to: co['operationId'],
      });
  }
  const bt = new Set(Array.isArray(bo['tags']) ? bo['tags'].map(String) : []);
  const ct = new Set(Array.isArray(co['tags']) ? co['tags'].map(String) : []);
  for (const t of [...ct].sort())
    if (!bt.has(t)) d('endpoint', 'tag-added', `${c.ptr}/tags`, ctx.path, { to: t });
  for (const t of [...bt].sort())
    if (!ct.has(t)) d('endpoint', 'tag-removed', `${b.ptr}/tags`, ctx.path, { from: t });

  const keyed = (op: Json, item: Json) =>
    [op['parameters'], item['parameters']].some(
      (l) =>
        Array.isArray(l) &&
        l.some((raw) => {
          const p = ctx.rb.derefObject(raw);
          return (
            p?.['in'] === 'header' &&
            typeof p['name'] === 'string' &&
            p['name'].toLowerCase() === 'idempotency-key'
          );
        }),
    );
  ctx.opFacts = { idempotencyKey: keyed(bo, b.item) };
  diffParameters(ctx, b, c);
  diffRequestBody(ctx, bo, co, b.ptr, c.ptr);
  diffResponses(ctx, bo, co, b.ptr, c.ptr);
  if (bo['security'] !== undefined && co['security'] !== undefined)
    diffSecurity(ctx, bo['security'], co['security'], b.ptr, c.ptr, 'endpoint', ctx.path);
}

function diffParameters(
  ctx: OpCtx,
  b: { raw: string; item: Json; op: Json; ptr: string; itemPtr: string },
  c: { raw: string; item: Json; op: Json; ptr: string; itemPtr: string },
): void {
  const bp = indexParams(ctx.rb, b.raw, b.item, b.op, b.ptr, b.itemPtr);
  const cp = indexParams(ctx.rc, c.raw, c.item, c.op, c.ptr, c.itemPtr);
  const emit = (change: string, pointer: string, subject: string, extra: Partial<Delta> = {}) =>
    ctx.emit({
      scope: 'request-parameter',
      change,
      path: ctx.path,
      method: ctx.method,
      pointer,
      subject,
      ...extra,
    });
  const label = (e: ParamEntry) => `${String(e.p['in'])}:${String(e.p['name'])}`;
  for (const key of [...bp.keys()].sort()) {
    const x = bp.get(key)!;
    const y = cp.get(key);
    const xf = {
      in: x.p['in'],
      name: x.p['name'],
      required: x.p['required'] === true,
      deprecated: x.p['deprecated'] === true,
      baseSunset: x.p['x-sunset'],
      baseDeprecated: x.p['deprecated'] === true,
    };
    if (!y) {
      emit('parameter-removed', x.ptr, label(x), { facts: xf });
      continue;
    }
    const yf = {
      ...xf,
      in: y.p['in'],
      name: y.p['name'],
      required: y.p['required'] === true,
      deprecated: y.p['deprecated'] === true,
      sunset: y.p['x-sunset'],
    };
    if (!xf.required && yf.required) emit('became-required', `${y.ptr}/required`, label(y), { facts: yf });
    if (xf.required && !yf.required) emit('became-optional', `${y.ptr}`, label(y), { facts: yf });
    if (!xf.deprecated && yf.deprecated) emit('deprecated', `${y.ptr}/deprecated`, label(y), { facts: yf });
    if (xf.deprecated && !yf.deprecated) emit('reactivated', `${y.ptr}`, label(y), { facts: yf });
    if (x.p['x-sunset'] !== y.p['x-sunset'])
      emit('sunset-changed', `${y.ptr}/x-sunset`, label(y), {
        from: x.p['x-sunset'],
        to: y.p['x-sunset'],
        facts: yf,
      });
    for (const kw of ['style', 'explode', 'allowEmptyValue', 'allowReserved'] as const) {
      if (x.p[kw] !== y.p[kw])
        emit(
          `${kw === 'allowEmptyValue' ? 'allow-empty-value' : kw === 'allowReserved' ? 'allow-reserved' : kw}-changed`,
          `${y.ptr}/${kw}`,
          label(y),
          { from: x.p[kw], to: y.p[kw], facts: yf },
        );
    }
    const xs = paramSchema(ctx.rb, x.p, x.ptr);
    const ys = paramSchema(ctx.rc, y.p, y.ptr);
    if (xs && ys) {
      const nested: Scope = y.p['in'] === 'header' ? 'request-header-property' : 'request-parameter-property';
      schemaDelta(
        ctx,
        'request-parameter',
        nested,
        label(y),
        { in: y.p['in'], name: y.p['name'], required: yf.required },
        xs,
        ys,
      );
    }
  }
  for (const key of [...cp.keys()].sort()) {
    if (bp.has(key)) continue;
    const y = cp.get(key)!;
    const s = ctx.rc.derefObject(y.p['schema']);
    emit('parameter-added', y.ptr, label(y), {
      facts: {
        in: y.p['in'],
        name: y.p['name'],
        required: y.p['required'] === true || y.p['in'] === 'path',
        pathLevel: y.pathLevel,
        hasDefault: s?.['default'] !== undefined,
      },
    });
  }
}

function mediaTypes(r: Resolver, holder: Json, ptr: string): Map<string, { m: Json; ptr: string }> {
  const out = new Map<string, { m: Json; ptr: string }>();
  const content = holder['content'];
  if (!isObject(content)) return out;
  for (const mt of Object.keys(content)) {
    const m = r.derefObject(content[mt]);
    if (m) out.set(mt.toLowerCase().replace(/\s+/g, ''), { m, ptr: `${ptr}/content/${escapePointer(mt)}` });
  }
  return out;
}

function diffContent(
  ctx: OpCtx,
  dir: 'request' | 'response',
  bh: Json,
  ch: Json,
  bptr: string,
  cptr: string,
  subjectPrefix: string,
  facts: Record<string, unknown>,
): void {
  const scope: Scope = dir === 'request' ? 'request-body' : 'response-body';
  const nested: Scope = dir === 'request' ? 'request-property' : 'response-property';
  const bm = mediaTypes(ctx.rb, bh, bptr);
  const cm = mediaTypes(ctx.rc, ch, cptr);
  const emit = (change: string, pointer: string, subject: string, f: Record<string, unknown>) =>
    ctx.emit({
      scope,
      change,
      path: ctx.path,
      method: ctx.method,
      pointer,
      subject,
      facts: { ...facts, ...f },
    });
  for (const mt of [...bm.keys()].sort()) {
    const x = bm.get(mt)!;
    const y = cm.get(mt);
    if (!y) {
      emit('media-type-removed', x.ptr, `${subjectPrefix}${mt}`, { mediaType: mt });
      continue;
    }
    diffEncoding(ctx.rb, ctx.rc, mt, x.m, y.m, x.ptr, y.ptr, (change, pointer, subject, f) => {
      const { from, to, ...rest } = f;
      ctx.emit({
        scope,
        change,
        path: ctx.path,
        method: ctx.method,
        pointer,
        subject,
        from,
        to,
        facts: { ...facts, ...rest },
      });
    });
    const xs = x.m['schema'];
    const ys = y.m['schema'];
    if (xs === undefined && ys !== undefined)
      emit('media-type-schema-added', `${y.ptr}/schema`, `${subjectPrefix}${mt}`, { mediaType: mt });
    else if (xs !== undefined && ys === undefined)
      emit('media-type-schema-removed', `${x.ptr}/schema`, `${subjectPrefix}${mt}`, { mediaType: mt });
    else if (xs !== undefined && ys !== undefined) {
      schemaDelta(
        ctx,
        scope,
        nested,
        '',
        { ...facts, mediaType: mt },
        { raw: xs, ptr: `${x.ptr}/schema` },
        { raw: ys, ptr: `${y.ptr}/schema` },
      );
    }
  }
  for (const mt of [...cm.keys()].sort())
    if (!bm.has(mt)) emit('media-type-added', cm.get(mt)!.ptr, `${subjectPrefix}${mt}`, { mediaType: mt });
}

function diffRequestBody(ctx: OpCtx, bo: Json, co: Json, bptr: string, cptr: string): void {
  const x = ctx.rb.derefObject(bo['requestBody']);
  const y = ctx.rc.derefObject(co['requestBody']);
  const emit = (change: string, pointer: string, facts: Record<string, unknown> = {}) =>
    ctx.emit({
      scope: 'request-body',
      change,
      path: ctx.path,
      method: ctx.method,
      pointer,
      subject: 'request body',
      facts,
    });
  if (!x && !y) return;
  if (!x && y) return emit('request-body-added', `${cptr}/requestBody`, { required: y['required'] === true });
  if (x && !y) return emit('request-body-removed', `${bptr}/requestBody`);
  if (!x || !y) return;
  const xr = x['required'] === true;
  const yr = y['required'] === true;
  if (!xr && yr) emit('became-required', `${cptr}/requestBody/required`);
  if (xr && !yr) emit('became-optional', `${cptr}/requestBody`);
  diffContent(ctx, 'request', x, y, `${bptr}/requestBody`, `${cptr}/requestBody`, '', {});
}

function isSuccess(status: string): boolean {
  return /^[123]/.test(status);
}

function diffResponses(ctx: OpCtx, bo: Json, co: Json, bptr: string, cptr: string): void {
  const x = isObject(bo['responses']) ? bo['responses'] : {};
  const y = isObject(co['responses']) ? co['responses'] : {};
  const norm = (s: string) => s.toUpperCase();
  const ymap = new Map(Object.keys(y).map((k) => [norm(k), k]));
  const xmap = new Map(Object.keys(x).map((k) => [norm(k), k]));
  const emit = (
    scope: Scope,
    change: string,
    pointer: string,
    subject: string,
    facts: Record<string, unknown>,
  ) => ctx.emit({ scope, change, path: ctx.path, method: ctx.method, pointer, subject, facts });
  for (const status of [...xmap.keys()].sort()) {
    const bk = xmap.get(status)!;
    const ck = ymap.get(status);
    const bp = `${bptr}/responses/${escapePointer(bk)}`;
    const facts = { status, success: isSuccess(status), ...ctx.opFacts };
    if (ck === undefined) {
      emit('response-body', 'status-removed', bp, status, facts);
      continue;
    }
    const cp = `${cptr}/responses/${escapePointer(ck)}`;
    const br = ctx.rb.derefObject(x[bk]);
    const cr = ctx.rc.derefObject(y[ck]);
    if (!br || !cr) continue;
    diffContent(ctx, 'response', br, cr, bp, cp, `${status} `, facts);
    diffHeaders(ctx, br, cr, bp, cp, facts);
  }
  for (const status of [...ymap.keys()].sort()) {
    if (xmap.has(status)) continue;
    emit('response-body', 'status-added', `${cptr}/responses/${escapePointer(ymap.get(status)!)}`, status, {
      status,
      success: isSuccess(status),
      ...ctx.opFacts,
    });
  }
}

function diffHeaders(
  ctx: OpCtx,
  br: Json,
  cr: Json,
  bptr: string,
  cptr: string,
  facts: Record<string, unknown>,
): void {
  const index = (r: Resolver, resp: Json, ptr: string) => {
    const out = new Map<string, { h: Json; ptr: string; name: string }>();
    const hs = resp['headers'];
    if (!isObject(hs)) return out;
    for (const name of Object.keys(hs)) {
      const h = r.derefObject(hs[name]);
      if (h) out.set(name.toLowerCase(), { h, ptr: `${ptr}/headers/${escapePointer(name)}`, name });
    }
    return out;
  };
  const x = index(ctx.rb, br, bptr);
  const y = index(ctx.rc, cr, cptr);
  const emit = (change: string, pointer: string, subject: string, f: Record<string, unknown>) =>
    ctx.emit({
      scope: 'response-header',
      change,
      path: ctx.path,
      method: ctx.method,
      pointer,
      subject,
      facts: { ...facts, ...f },
    });
  for (const key of [...x.keys()].sort()) {
    const a = x.get(key)!;
    const b = y.get(key);
    const f = { header: a.name, required: a.h['required'] === true };
    if (!b) {
      emit('header-removed', a.ptr, a.name, f);
      continue;
    }
    if (a.h['required'] === true && b.h['required'] !== true) emit('became-optional', b.ptr, a.name, f);
    if (a.h['required'] !== true && b.h['required'] === true)
      emit('became-required', `${b.ptr}/required`, a.name, f);
    if (a.h['schema'] !== undefined && b.h['schema'] !== undefined) {
      schemaDelta(
        ctx,
        'response-header',
        'response-header-property',
        a.name,
        { ...facts, header: a.name },
        { raw: a.h['schema'], ptr: `${a.ptr}/schema` },
        { raw: b.h['schema'], ptr: `${b.ptr}/schema` },
      );
    }
  }
  for (const key of [...y.keys()].sort()) {
    if (x.has(key)) continue;
    const b = y.get(key)!;
    emit('header-added', b.ptr, b.name, { header: b.name, required: b.h['required'] === true });
  }
}

/** Security requirement alternatives (OAS 3.1 §4.8.30): a list of OR'ed sets of AND'ed schemes. */
export function diffSecurity(
  ctx: Pick<OpCtx, 'emit' | 'path' | 'method'>,
  bs: unknown,
  cs: unknown,
  bptr: string,
  cptr: string,
  scope: 'endpoint' | 'api',
  subject: string,
): void {
  if (bs === undefined && cs === undefined) return;
  const prefix = scope === 'api' ? 'global-' : '';
  const sets = (v: unknown) => {
    const out = new Map<string, Record<string, string[]>>();
    if (!Array.isArray(v)) return out;
    for (const req of v) {
      if (!isObject(req)) continue;
      const names = Object.keys(req).sort();
      const scopes: Record<string, string[]> = {};
      for (const n of names)
        scopes[n] = Array.isArray(req[n]) ? (req[n] as unknown[]).map(String).sort() : [];
      out.set(names.join(' AND ') || '(anonymous)', scopes);
    }
    return out;
  };
  const x = sets(bs);
  const y = sets(cs);
  const emit = (change: string, pointer: string, extra: Partial<Delta>) =>
    ctx.emit({ scope, change, path: ctx.path, method: ctx.method, pointer, subject, ...extra });
  for (const k of [...x.keys()].sort()) {
    const a = x.get(k)!;
    const b = y.get(k);
    if (!b) {
      emit(`${prefix}security-removed`, `${bptr}/security`, {
        from: k,
        facts: { anonymousBefore: x.has('(anonymous)') },
      });
      continue;
    }
    for (const n of Object.keys(a)) {
      const as = new Set(a[n]);
      const bsn = new Set(b[n]);
      for (const s of b[n] ?? [])
        if (!as.has(s))
          emit(`${prefix}security-scope-added`, `${cptr}/security`, { to: s, facts: { scheme: n } });
      for (const s of a[n] ?? [])
        if (!bsn.has(s))
          emit(`${prefix}security-scope-removed`, `${cptr}/security`, { from: s, facts: { scheme: n } });
    }
  }
  for (const k of [...y.keys()].sort()) {
    if (!x.has(k))
      emit(`${prefix}security-added`, `${cptr}/security`, { to: k, facts: { hadNone: x.size === 0 } });
  }
}

export { normalizePath };
