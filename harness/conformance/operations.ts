import { deref, escapePointer, isObject } from './pointer.js';
import type { HttpMethod, Json, Operation, Parameter, ResponseSpec } from './types.js';

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the document in a fixed order (path, then method), refs resolved (OAS 3.1 §4.8.8–4.8.10). */
export function listOperations(doc: Json): Operation[] {
  const out: Operation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths).sort()) {
    const itemPtr = `/paths/${escapePointer(path)}`;
    const item = deref(doc, paths[path], itemPtr);
    if (!isObject(item.value)) continue;
    const pathItem = item.value;
    const shared = Array.isArray(pathItem.parameters) ? pathItem.parameters : [];
    for (const method of METHODS) {
      const raw = pathItem[method];
      if (!isObject(raw)) continue;
      const pointer = `${item.pointer}/${method}`;
      out.push(buildOperation(doc, path, method, raw, pointer, shared, `${item.pointer}/parameters`));
    }
  }
  return out;
}

function buildOperation(
  doc: Json,
  path: string,
  method: HttpMethod,
  op: Json,
  pointer: string,
  shared: unknown[],
  sharedPtr: string,
): Operation {
  const params = new Map<string, Parameter>();
  const addParams = (list: unknown[], base: string): void => {
    list.forEach((p, i) => {
      const r = deref(doc, p, `${base}/${i}`);
      if (!isObject(r.value)) return;
      const v = r.value;
      const name = String(v.name);
      const where = v.in as Parameter['in'];
      const schema = deref(doc, v.schema, `${r.pointer}/schema`);
      params.set(`${where}:${where === 'header' ? name.toLowerCase() : name}`, {
        name,
        in: where,
        required: where === 'path' ? true : v.required === true,
        schema: isObject(v.schema) ? v.schema : {},
        pointer: r.pointer,
        ...(v.example !== undefined ? { example: v.example } : {}),
        ...(v.example === undefined && isObject(schema.value) && schema.value.example !== undefined
          ? { example: schema.value.example }
          : {}),
      });
    });
  };
  addParams(shared, sharedPtr);
  if (Array.isArray(op.parameters)) addParams(op.parameters, `${pointer}/parameters`);

  const operation: Operation = {
    method,
    path,
    operationId: typeof op.operationId === 'string' ? op.operationId : `${method} ${path}`,
    pointer,
    parameters: [...params.values()],
    responses: responsesOf(doc, op, pointer),
    security: securityOf(doc, op),
    scopes: [],
  };
  operation.scopes = documentedScopes(operation, op);
  const body = deref(doc, op.requestBody, `${pointer}/requestBody`);
  if (isObject(body.value) && isObject(body.value.content)) {
    const content = body.value.content;
    const mediaType = Object.keys(content).find((m) => /json/i.test(m)) ?? Object.keys(content)[0];
    const media = mediaType === undefined ? undefined : content[mediaType];
    if (mediaType !== undefined && isObject(media)) {
      const examples: unknown[] = [];
      if (media.example !== undefined) examples.push(media.example);
      if (isObject(media.examples)) {
        for (const key of Object.keys(media.examples).sort()) {
          const ex = deref(doc, media.examples[key], '').value;
          if (isObject(ex) && ex.value !== undefined) examples.push(ex.value);
        }
      }
      operation.requestBody = {
        required: body.value.required === true,
        mediaType,
        schema: isObject(media.schema) ? media.schema : {},
        examples,
        pointer: `${body.pointer}/content/${escapePointer(mediaType)}/schema`,
      };
    }
  }
  return operation;
}

function responsesOf(doc: Json, op: Json, pointer: string): ResponseSpec[] {
  const out: ResponseSpec[] = [];
  const responses = isObject(op.responses) ? op.responses : {};
  for (const status of Object.keys(responses).sort()) {
    const r = deref(doc, responses[status], `${pointer}/responses/${status}`);
    if (!isObject(r.value)) continue;
    const spec: ResponseSpec = { status, pointer: r.pointer, content: {}, headers: {} };
    if (isObject(r.value.content)) {
      for (const [media, m] of Object.entries(r.value.content)) {
        const examples: unknown[] = [];
        if (isObject(m) && m.example !== undefined) examples.push(m.example);
        if (isObject(m) && isObject(m.examples)) {
          for (const key of Object.keys(m.examples).sort()) {
            const ex = deref(doc, m.examples[key], '').value;
            if (isObject(ex) && ex.value !== undefined) examples.push(ex.value);
          }
        }
        spec.content[media] = {
          schema: isObject(m) && isObject(m.schema) ? m.schema : undefined,
          pointer: `${r.pointer}/content/${escapePointer(media)}/schema`,
          examples,
        };
      }
    }
    if (isObject(r.value.headers)) {
      for (const [name, h] of Object.entries(r.value.headers)) {
        const hv = deref(doc, h, `${r.pointer}/headers/${escapePointer(name)}`);
        if (!isObject(hv.value)) continue;
        spec.headers[name.toLowerCase()] = {
          required: hv.value.required === true,
          schema: isObject(hv.value.schema) ? hv.value.schema : undefined,
          pointer: `${hv.pointer}/schema`,
        };
      }
    }
    out.push(spec);
  }
  return out;
}

function securityOf(doc: Json, op: Json): Record<string, string[]>[] {
  const raw = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  return raw.filter(isObject).map((req) => {
    const out: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(req)) out[k] = Array.isArray(v) ? v.map(String) : [];
    return out;
  });
}

/** The declared response for a status: exact code, then `4XX`-style range, then `default` (OAS 3.1 §4.8.16). */
export function responseFor(op: Operation, status: number): ResponseSpec | undefined {
  const exact = op.responses.find((r) => r.status === String(status));
  if (exact) return exact;
  const range = op.responses.find((r) => r.status.toUpperCase() === `${Math.floor(status / 100)}XX`);
  return range ?? op.responses.find((r) => r.status === 'default');
}

/** True when the operation needs a bearer token (some alternative names a scheme). */
export function needsAuth(op: Operation): boolean {
  return op.security.length > 0 && !op.security.some((alt) => Object.keys(alt).length === 0);
}

/** Scopes the operation documents as required (see Operation.scopes). */
export function requiredScopes(op: Operation): string[] {
  return op.scopes;
}

// OAS 3.1 §4.8.30 lets any scheme list "roles" in a security requirement; many specs say it in prose.
function documentedScopes(operation: Operation, raw: Json): string[] {
  if (!needsAuth(operation)) return [];
  const alt = operation.security[0];
  const listed = alt === undefined ? [] : Object.values(alt).flat();
  if (listed.length > 0) return [...new Set(listed)].sort();
  if (Array.isArray(raw['x-required-scopes'])) return raw['x-required-scopes'].map(String).sort();
  const text = [raw.description, raw.summary].filter((t) => typeof t === 'string').join('\n');
  const m = /[Rr]equires? (?:the )?scopes? ((?:`[^`]+`(?:,? (?:and )?)?)+)/.exec(text);
  return m === null ? [] : [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!).sort();
}
