import { unescapeSegment } from '../../openapi/json-pointer.js';
import { parseConventionsConfig } from '../../config/conformance-conventions.js';
import { ConfigError } from '../../errors/index.js';
import { CHECKS } from '../check-ids.js';
import { deref, getPointer, isObject } from '../pointer.js';
import type { Json, Operation } from '../types.js';
import { knownKinds, normName, referencedName, resourceKinds } from './resource-kinds.js';
import type {
  ConventionSource,
  Conventions,
  ConventionsConfig,
  ErrorModel,
  PaginationConvention,
  Reference,
  SignatureConvention,
} from './types.js';

const TOKEN = /^(cursor|after|page_?token|starting_after|next|continuation_?token)$/i;
const NEXT = /^next_?(cursor|page_?token|token)$|^cursor$/i;
const LIMIT = /^(limit|page_?size|per_?page|max_?results)$/i;
const OFFSET = /^(offset|skip|start)$/i;
// How deep proofgate looks for reference members inside a request body (`/lines/*/plan_id` is 3).
const MAX_BODY_DEPTH = 5;

function fail(what: string, hint: string): never {
  throw new ConfigError(`conventions: ${what}`, { hint });
}

function errorResponses(op: Operation) {
  return op.responses.filter((r) => /^[45]/.test(r.status) || r.status === 'default');
}

/** Does `pointer` name a member the schema declares (through $ref, allOf, nested properties)? */
function declares(doc: Json, schema: unknown, pointer: string): boolean {
  let cur = deref(doc, schema, '').value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapeSegment(raw);
    if (!isObject(cur)) return false;
    const parts = [cur, ...(Array.isArray(cur.allOf) ? cur.allOf.map((s) => deref(doc, s, '').value) : [])];
    const hit = parts.find((p) => isObject(p) && isObject(p.properties) && p.properties[key] !== undefined);
    if (!isObject(hit) || !isObject(hit.properties)) return false;
    cur = deref(doc, hit.properties[key], '').value;
  }
  return true;
}

function inferErrors(doc: Json, ops: readonly Operation[]): ErrorModel | undefined {
  const media = ops.flatMap((op) => errorResponses(op).flatMap((r) => Object.entries(r.content)));
  if (media.some(([m]) => /^application\/problem\+json$/i.test(m)))
    return { kind: 'problem+json', identity: '/type' };
  for (const [, m] of media) {
    if (declares(doc, m.schema, '/type') && declares(doc, m.schema, '/status'))
      return { kind: 'problem+json', identity: '/type' };
    if (declares(doc, m.schema, '/error/code')) return { kind: 'envelope', identity: '/error/code' };
    if (declares(doc, m.schema, '/code')) return { kind: 'envelope', identity: '/code' };
  }
  return undefined;
}

function bodyProps(doc: Json, op: Operation, status = 200): Record<string, unknown> | undefined {
  const r = op.responses.find((x) => x.status === String(status));
  const m = r === undefined ? undefined : Object.entries(r.content).find(([t]) => /json/i.test(t))?.[1];
  const s = deref(doc, m?.schema, '').value;
  return isObject(s) && isObject(s.properties) ? s.properties : undefined;
}

function paginationFor(
  doc: Json,
  op: Operation,
  cfg: NonNullable<ConventionsConfig['pagination']>,
): PaginationConvention | undefined {
  if (op.method !== 'get') return undefined;
  const query = op.parameters.filter((p) => p.in === 'query');
  const token =
    cfg.style === 'offset'
      ? undefined
      : query.find((p) => (cfg.tokenParam !== undefined ? p.name === cfg.tokenParam : TOKEN.test(p.name)));
  // offset/limit: a numeric offset and a page size, the next offset is offset + items seen.
  const offset =
    token !== undefined || (cfg.style !== undefined && cfg.style !== 'offset')
      ? undefined
      : query.find((p) => (cfg.offsetParam !== undefined ? p.name === cfg.offsetParam : OFFSET.test(p.name)));
  if (token === undefined && offset === undefined) return undefined;
  const props = bodyProps(doc, op);
  if (props === undefined) return undefined;
  const arrays = Object.keys(props).filter((k) => {
    const s = deref(doc, props[k], '').value;
    return isObject(s) && (s.type === 'array' || s.items !== undefined);
  });
  const itemsField = cfg.itemsField !== undefined ? arrays.find((k) => k === cfg.itemsField) : arrays[0];
  if (itemsField === undefined) return undefined;
  const limit = query.find((p) =>
    cfg.limitParam !== undefined ? p.name === cfg.limitParam : LIMIT.test(p.name),
  );
  if (offset !== undefined) {
    if (limit === undefined) return undefined;
    return {
      operationId: op.operationId,
      style: 'offset',
      tokenParam: offset.name,
      itemsField,
      limitParam: limit.name,
    };
  }
  if (token === undefined) return undefined;
  const linkDocumented = op.responses.some((r) => r.status === '200' && r.headers.link !== undefined);
  const style = cfg.style === 'link' || (cfg.style === undefined && linkDocumented) ? 'link' : 'token';
  const nextField =
    style === 'token'
      ? Object.keys(props).find((k) => (cfg.nextField !== undefined ? k === cfg.nextField : NEXT.test(k)))
      : undefined;
  if (style === 'token' && nextField === undefined) return undefined;
  return {
    operationId: op.operationId,
    style,
    tokenParam: token.name,
    itemsField,
    ...(nextField !== undefined ? { nextField } : {}),
    ...(limit !== undefined ? { limitParam: limit.name } : {}),
  };
}

function inferSignature(ops: readonly Operation[]): SignatureConvention | undefined {
  const headers = [
    ...new Set(ops.flatMap((op) => op.responses.flatMap((r) => Object.keys(r.headers)))),
  ].sort();
  if (headers.includes('signature-input') && headers.includes('signature'))
    return { scheme: 'rfc9421', header: 'signature' };
  const h = headers.find((x) => /signature/i.test(x));
  return h === undefined ? undefined : { scheme: 'detached-jws', header: h };
}

function isKeySet(doc: Json, op: Operation): boolean {
  if (op.method !== 'get' || op.parameters.some((p) => p.in === 'path' || p.required)) return false;
  const props = bodyProps(doc, op);
  const keys = props === undefined ? undefined : deref(doc, props.keys, '').value;
  return isObject(keys) && keys.type === 'array';
}

/**
 * Conventions of this API: inferred from the contract, then `x-proofgate-conventions` in the contract,
 * then `conformance.conventions` in the config. A configured convention that matches nothing in the
 * contract is a config error (exit 2): it would otherwise silently check nothing.
 */
export function resolveConventions(
  doc: Json,
  ops: readonly Operation[],
  config: ConventionsConfig = {},
): Conventions {
  const ext =
    parseConventionsConfig(doc['x-proofgate-conventions'], "the contract's x-proofgate-conventions") ?? {};
  const sources: Record<string, ConventionSource> = {};
  const pick = <K extends keyof ConventionsConfig>(key: K): ConventionsConfig[K] => {
    if (config[key] !== undefined) {
      sources[key] = 'config';
      return config[key];
    }
    if (ext[key] !== undefined) {
      sources[key] = 'x-proofgate-conventions';
      return ext[key];
    }
    return undefined;
  };
  const notApplicable: Record<string, string> = {};
  const known = new Set<string>(CHECKS.map((c) => c.id));

  // Error model.
  let errors = inferErrors(doc, ops);
  const identity = pick('errorIdentity');
  const model = pick('errorModel');
  if (identity !== undefined) {
    if (!/^(\/([^~/]|~[01])*)+$/.test(identity))
      fail(
        `errorIdentity ${JSON.stringify(identity)} is not a JSON pointer`,
        'write it like /type or /error/code',
      );
    const schemas = ops.flatMap((op) =>
      errorResponses(op).flatMap((r) => Object.values(r.content).map((m) => m.schema)),
    );
    if (!schemas.some((s) => declares(doc, s, identity)))
      fail(
        `errorIdentity ${identity} is declared by no error response schema of the contract`,
        'point it at a member the error bodies declare',
      );
    errors = { kind: model ?? errors?.kind ?? 'envelope', identity };
  } else if (model !== undefined) {
    errors = {
      kind: model,
      identity: errors?.identity ?? (model === 'problem+json' ? '/type' : '/error/code'),
    };
  }
  if (errors !== undefined && sources.errorIdentity === undefined && sources.errorModel === undefined)
    sources.errors = 'inferred';
  if (errors === undefined) {
    const why =
      'the contract declares no error body schema (problem+json or an envelope with a code); set conformance.conventions.errorIdentity';
    notApplicable['error-envelope'] = why;
  }

  // Idempotency header.
  const headerNames = [
    ...new Set(ops.flatMap((op) => op.parameters.filter((p) => p.in === 'header').map((p) => p.name))),
  ].sort();
  let idempotencyHeader: string | undefined = headerNames.find((h) => /idempotency/i.test(h));
  if (idempotencyHeader !== undefined) sources.idempotencyHeader = 'inferred';
  const idem = pick('idempotencyHeader');
  if (idem === 'none') idempotencyHeader = undefined;
  else if (idem !== undefined) {
    idempotencyHeader = headerNames.find((h) => h.toLowerCase() === idem.toLowerCase());
    if (idempotencyHeader === undefined)
      fail(
        `idempotencyHeader ${JSON.stringify(idem)} is a request header of no operation`,
        `headers in the contract: ${headerNames.join(', ') || '(none)'}`,
      );
  }
  if (idempotencyHeader === undefined) {
    const why =
      idem === 'none'
        ? 'configured: idempotencyHeader none'
        : 'no operation takes an idempotency-key request header (set conformance.conventions.idempotencyHeader)';
    notApplicable['idempotency-replay'] = why;
    notApplicable['idempotency-conflict'] = why;
  }

  // Pagination.
  const pcfg = pick('pagination') ?? {};
  const pagination =
    pcfg.style === 'none' ? [] : ops.map((op) => paginationFor(doc, op, pcfg)).filter((p) => p !== undefined);
  // Each configured name must be used by some list: a token name by a token/link list, an offset by an offset list.
  const tokenLists = pagination.filter((p) => p.style !== 'offset');
  if (
    pcfg.style !== 'none' &&
    (((pcfg.tokenParam ?? pcfg.nextField) !== undefined && tokenLists.length === 0) ||
      (pcfg.offsetParam !== undefined && tokenLists.length === pagination.length) ||
      ((pcfg.itemsField ?? pcfg.limitParam ?? pcfg.style) !== undefined && pagination.length === 0))
  )
    fail(
      `pagination ${JSON.stringify(pcfg)} matches no list operation`,
      'name the page token (or offset) query parameter, the items member and the next member as the contract spells them',
    );
  if (pagination.length > 0 && sources.pagination === undefined) sources.pagination = 'inferred';
  if (pagination.length === 0)
    notApplicable['pagination-walk'] =
      pcfg.style === 'none'
        ? 'configured: pagination none'
        : 'no list operation with a page token / cursor query parameter and a next member, or offset/limit (set conformance.conventions.pagination)';

  // Signature.
  let signature = inferSignature(ops);
  if (signature !== undefined) sources.signature = 'inferred';
  const scfg = pick('signature');
  if (scfg?.scheme === 'none') signature = undefined;
  else if (scfg !== undefined) {
    const header = (
      scfg.header ?? (scfg.scheme === 'rfc9421' ? 'signature' : (signature?.header ?? ''))
    ).toLowerCase();
    if (!ops.some((op) => op.responses.some((r) => r.headers[header] !== undefined)))
      fail(
        `signature header ${JSON.stringify(header)} is documented on no response`,
        'document it as a response header, or name the header the contract uses',
      );
    signature = { scheme: scfg.scheme, header };
  }
  if (signature !== undefined) {
    const keySetId = scfg?.keySet;
    if (keySetId !== undefined) {
      if (!ops.some((op) => op.operationId === keySetId))
        fail(
          `signature.keySet ${JSON.stringify(keySetId)} is no operationId`,
          'name the GET that publishes the JWKS',
        );
      signature.keySet = keySetId;
    } else {
      const keyOp = ops.find((op) => isKeySet(doc, op));
      if (keyOp !== undefined) signature.keySet = keyOp.operationId;
    }
  } else {
    notApplicable['signature-header'] =
      scfg?.scheme === 'none' ? 'configured: signature none' : 'no response documents a signature header';
  }

  // References (body members and path parameters that name a resource kind).
  const kinds = resourceKinds(doc, ops);
  // Kinds no operation creates (plans set up by hand) are referenced too: their ids come from seed.
  const all = knownKinds(doc, ops);
  const byNorm = new Map([...all.keys()].map((k) => [normName(k), k]));
  const references: Reference[] = [];
  const seen = new Set<string>();
  const add = (at: string, kind: string, create: Operation | undefined): void => {
    if (seen.has(at)) return;
    seen.add(at);
    references.push({ at, kind, ...(create !== undefined ? { createOperationId: create.operationId } : {}) });
  };
  const sites = referenceSites(doc, ops);
  const refCfg = pick('references') ?? {};
  const opsById = new Map(ops.map((o) => [o.operationId, o]));
  for (const [name, opId] of Object.entries(refCfg).sort()) {
    const create = opsById.get(opId);
    const kind = [...kinds.entries()].find(([, o]) => o.operationId === opId)?.[0];
    if (create === undefined || kind === undefined)
      fail(
        `references.${name}: ${JSON.stringify(opId)} is no create operation (a POST answering a component schema with an id)`,
        `create operations: ${[...kinds.values()].map((o) => o.operationId).join(', ') || '(none)'}`,
      );
    const targets = sites.filter((s) => s.name === name);
    if (targets.length === 0)
      fail(
        `references.${name} matches no body member or path parameter`,
        'use the member or parameter name as the contract spells it',
      );
    for (const t of targets) add(t.at, kind, create);
  }
  // OpenAPI links (OAS 3.1 §4.8.20): a create's response feeding `$response.body#/id` into another
  // operation's parameter says that parameter names the created kind.
  for (const [kind, create] of kinds) {
    for (const status of ['201', '200']) {
      const r = deref(doc, responseObject(doc, create, status), '').value;
      const links = isObject(r) && isObject(r.links) ? r.links : {};
      for (const link of Object.values(links)) {
        const l = deref(doc, link, '').value;
        if (!isObject(l) || !isObject(l.parameters)) continue;
        for (const [name, expr] of Object.entries(l.parameters)) {
          if (expr !== '$response.body#/id') continue;
          const param = name.replace(/^path\./, '');
          if (sites.some((site) => site.at === `path:${param}`)) add(`path:${param}`, kind, create);
        }
      }
    }
  }
  for (const site of sites) {
    const n = referencedName(site.name);
    const kind = n === undefined ? undefined : byNorm.get(n);
    if (kind !== undefined) add(site.at, kind, all.get(kind));
  }
  references.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  for (const [id, reason] of Object.entries(pick('notApplicable') ?? {}).sort()) {
    if (!known.has(id))
      fail(
        `notApplicable names an unknown check ${JSON.stringify(id)}`,
        'use a check id from proofgate conformance --help',
      );
    if (typeof reason !== 'string' || reason.trim() === '')
      fail(`notApplicable.${id} needs a reason`, 'say why the check does not apply');
    notApplicable[id] = `configured: ${reason}`;
  }

  return {
    ...(errors !== undefined ? { errors } : {}),
    ...(idempotencyHeader !== undefined ? { idempotencyHeader } : {}),
    pagination,
    ...(signature !== undefined ? { signature } : {}),
    references,
    notApplicable,
    sources,
  };
}

/** The raw response object of an operation for a status (links are not in Operation). */
function responseObject(doc: Json, op: Operation, status: string): unknown {
  const raw = deref(doc, getPointer(doc, op.pointer), '').value;
  return isObject(raw) && isObject(raw.responses) ? raw.responses[status] : undefined;
}

// Every path parameter and every request body member, also nested in objects and array items, as
// `path:name` / `body:/name` / `body:/billing/customer_id` / `body:/lines/*/plan_id` (`*`: every item).
function referenceSites(doc: Json, ops: readonly Operation[]): { name: string; at: string }[] {
  const out = new Map<string, { name: string; at: string }>();
  const walk = (schema: unknown, at: string, depth: number, seen: Set<unknown>): void => {
    const s = deref(doc, schema, '').value;
    if (!isObject(s) || depth > MAX_BODY_DEPTH || seen.has(s)) return;
    const inner = new Set(seen).add(s);
    for (const part of [
      ...(Array.isArray(s.allOf) ? s.allOf : []),
      ...(Array.isArray(s.oneOf) ? s.oneOf : []),
      ...(Array.isArray(s.anyOf) ? s.anyOf : []),
    ])
      walk(part, at, depth, inner);
    if (s.items !== undefined) walk(s.items, `${at}/*`, depth + 1, inner);
    if (!isObject(s.properties)) return;
    for (const k of Object.keys(s.properties)) {
      if (k === 'id') continue;
      const here = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      out.set(`body:${here}`, { name: k, at: `body:${here}` });
      walk(s.properties[k], here, depth + 1, inner);
    }
  };
  for (const op of ops) {
    for (const p of op.parameters)
      if (p.in === 'path') out.set(`path:${p.name}`, { name: p.name, at: `path:${p.name}` });
    walk(op.requestBody?.schema, '', 0, new Set());
  }
  return [...out.values()].sort((a, b) => (a.at < b.at ? -1 : 1));
}

/** One line per convention for the report. */
export function describeConventions(c: Conventions): string[] {
  const src = (k: string): string => ` (${c.sources[k] ?? 'inferred'})`;
  const lines: string[] = [];
  lines.push(
    c.errors
      ? `errors: ${c.errors.kind}, identity ${c.errors.identity}${src(c.sources.errors ? 'errors' : c.sources.errorIdentity ? 'errorIdentity' : 'errorModel')}`
      : 'errors: none declared',
  );
  lines.push(
    c.idempotencyHeader
      ? `idempotency header: ${c.idempotencyHeader}${src('idempotencyHeader')}`
      : 'idempotency header: none',
  );
  for (const p of c.pagination)
    lines.push(
      p.style === 'offset'
        ? `pagination ${p.operationId}: offset ${p.tokenParam} + limit ${p.limitParam}, items ${p.itemsField}${src('pagination')}`
        : `pagination ${p.operationId}: ${p.style} ${p.tokenParam}${p.nextField ? ` → ${p.nextField}` : ''}, items ${p.itemsField}${p.limitParam ? `, size ${p.limitParam}` : ''}${src('pagination')}`,
    );
  lines.push(
    c.signature
      ? `signature: ${c.signature.scheme} in ${c.signature.header}, keys from ${c.signature.keySet ?? '(none)'}${src('signature')}`
      : 'signature: none',
  );
  for (const r of c.references)
    lines.push(
      `reference ${r.at} → ${r.kind} (${r.createOperationId !== undefined ? `created by ${r.createOperationId}` : "no create operation: ids from the subject's seed"})`,
    );
  return lines;
}
