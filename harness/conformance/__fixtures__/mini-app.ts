import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

// A tiny honest notes service in plain node:http for the engine's own tests (no DB). `faults` turns
// on one deliberate contract violation each, so every check can be shown to catch its fault.

export type MiniFault =
  | 'rename-field'
  | 'undeclared-field'
  | 'error-code'
  | 'skip-page'
  | 'plain-cursor'
  | 'idem-conflict-200'
  | 'no-replay'
  | 'no-signature'
  | 'bad-signature'
  | 'undocumented-status'
  | 'tenant-leak'
  | 'scope-leak'
  | 'accept-invalid'
  | 'non-monotonic'
  | 'route-code'
  | 'wrong-content-type';

interface Note {
  id: string;
  tenant: string;
  title: string;
  priority: number;
  color?: string;
  createdSeq: number;
}

export const MINI_SCOPES = ['notes:admin', 'notes:read', 'notes:write'] as const;

export function createMiniApp(faults: readonly MiniFault[] = []): {
  app: RequestListener;
  mintToken(tenant: string, scopes: readonly string[]): string;
} {
  const has = (f: MiniFault): boolean => faults.includes(f);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'mini-1', alg: 'EdDSA', use: 'sig' };
  const tokens = new Map<string, { tenant: string; scopes: Set<string> }>();
  const notes: Note[] = [];
  const idem = new Map<string, { hash: string; status: number; body: string }>();
  let seq = 0;
  let requestSeq = 0;

  const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');
  const send = (res: ServerResponse, status: number, value: unknown, requestId: string): void => {
    const body = JSON.stringify(value);
    const header = b64(JSON.stringify({ alg: 'EdDSA', kid: 'mini-1' }));
    let sig = b64(sign(null, Buffer.from(`${header}.${b64(body)}`), privateKey));
    if (has('bad-signature')) sig = b64(sign(null, Buffer.from(`${header}.${b64(body + ' ')}`), privateKey));
    res.statusCode = status;
    res.setHeader(
      'content-type',
      has('wrong-content-type') && status === 200 ? 'text/plain' : 'application/json',
    );
    res.setHeader('x-request-id', requestId);
    if (!has('no-signature')) res.setHeader('signature', `${header}..${sig}`);
    res.end(body);
  };
  const fail = (
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    requestId: string,
  ): void => send(res, status, { error: { code, message, requestId } }, requestId);
  const view = (n: Note): Record<string, unknown> => {
    const out: Record<string, unknown> = { id: n.id, title: n.title, priority: n.priority };
    if (n.color !== undefined) out.color = n.color;
    out[has('rename-field') ? 'created_seq' : 'createdSeq'] = n.createdSeq;
    if (has('undeclared-field')) out.internalTenant = n.tenant;
    return out;
  };

  const app: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestId = `req_${++requestSeq}`;
      const url = new URL(req.url ?? '/', 'http://mini');
      const path = url.pathname;
      if (req.method === 'GET' && path === '/v1/keys') return send(res, 200, { keys: [jwk] }, requestId);
      const route =
        path === '/v1/notes' && req.method === 'POST'
          ? 'create'
          : path === '/v1/notes' && req.method === 'GET'
            ? 'list'
            : /^\/v1\/notes\/[^/]+$/.test(path) && req.method === 'GET'
              ? 'get'
              : undefined;
      if (route === undefined) return fail(res, 404, 'not_found', 'no such route', requestId);
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      const principal = auth ? tokens.get(auth[1]!) : undefined;
      if (principal === undefined) {
        const code = has('route-code') && route === 'list' ? 'unauthenticated' : 'unauthorized';
        return fail(res, 401, code, 'missing or unknown bearer token', requestId);
      }
      const need = route === 'create' ? 'notes:write' : 'notes:read';
      let allowed =
        principal.scopes.has(need) ||
        (has('scope-leak') && route === 'create' && principal.scopes.has('notes:read'));
      if (has('non-monotonic') && principal.scopes.has('notes:admin') && route === 'get') allowed = false;
      if (!allowed) return fail(res, 403, 'forbidden', `scope ${need} required`, requestId);

      if (route === 'get') {
        const id = decodeURIComponent(path.slice('/v1/notes/'.length));
        if (!/^n_[0-9a-f]{16}$/.test(id))
          return fail(res, 400, 'invalid_request', 'id: bad format', requestId);
        const note = notes.find((n) => n.id === id && n.tenant === principal.tenant);
        if (!note)
          return fail(
            res,
            404,
            has('error-code') ? 'no_such_note' : 'not_found',
            'note not found',
            requestId,
          );
        if (has('undocumented-status')) return send(res, 203, view(note), requestId);
        return send(res, 200, view(note), requestId);
      }
      if (route === 'list') {
        const limitRaw = url.searchParams.get('limit');
        const limit = limitRaw === null ? 5 : Number(limitRaw);
        if (
          !Number.isInteger(limit) ||
          limit < 1 ||
          limit > 20 ||
          (limitRaw !== null && !/^[0-9]+$/.test(limitRaw))
        )
          return fail(res, 400, 'invalid_request', 'limit: 1..20', requestId);
        const cursor = url.searchParams.get('cursor');
        let after = -1;
        if (cursor !== null) {
          const m = has('plain-cursor')
            ? /^([0-9]+)$/.exec(cursor)
            : /^c1\.([0-9]+)$/.exec(Buffer.from(cursor, 'base64url').toString());
          if (!m) return fail(res, 400, 'invalid_request', 'cursor: malformed', requestId);
          after = Number(m[1]);
        }
        const mine = notes.filter((n) => has('tenant-leak') || n.tenant === principal.tenant);
        const rest = mine.filter((n) => n.createdSeq > after);
        const page = rest.slice(0, limit);
        let next: string | null = null;
        if (rest.length > limit) {
          const last = page[page.length - 1]!.createdSeq + (has('skip-page') ? 1 : 0);
          next = has('plain-cursor') ? String(last) : b64(`c1.${last}`);
        }
        return send(res, 200, { items: page.map(view), nextCursor: next }, requestId);
      }
      // create
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(key))
        return fail(res, 400, 'invalid_request', 'Idempotency-Key: 8..64 of [A-Za-z0-9_-]', requestId);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(res, 400, 'invalid_request', 'body: not JSON', requestId);
      }
      const problem = validateInput(body, has('accept-invalid'));
      if (problem) return fail(res, 400, 'invalid_request', problem, requestId);
      const input = body as { title: string; priority: number; color?: string };
      const hash = createHash('sha256')
        .update(JSON.stringify([input.title, input.priority, input.color ?? null]))
        .digest('hex');
      const idemKey = `${principal.tenant}\u0000${key}`;
      const prior = idem.get(idemKey);
      if (prior && !has('no-replay')) {
        if (prior.hash === hash || has('idem-conflict-200'))
          return send(res, prior.status, JSON.parse(prior.body), requestId);
        return fail(
          res,
          409,
          'idempotency_conflict',
          'Idempotency-Key reused with a different body',
          requestId,
        );
      }
      const note: Note = {
        id: `n_${randomBytes(8).toString('hex')}`,
        tenant: principal.tenant,
        title: input.title,
        priority: input.priority,
        ...(input.color !== undefined ? { color: input.color } : {}),
        createdSeq: seq++,
      };
      notes.push(note);
      idem.set(idemKey, { hash, status: 201, body: JSON.stringify(view(note)) });
      return send(res, 201, view(note), requestId);
    });
  };

  return {
    app,
    mintToken(tenant, scopes) {
      const token = `t_${randomBytes(12).toString('hex')}`;
      tokens.set(token, { tenant, scopes: new Set(scopes) });
      return token;
    },
  };
}

function validateInput(body: unknown, lax: boolean): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body: object expected';
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!['title', 'priority', 'color'].includes(k)) return `body: unknown member ${k}`;
  if (typeof b.title !== 'string' || b.title.length < 1 || b.title.length > 40) return 'title: 1..40 chars';
  if (typeof b.priority !== 'number' || !Number.isInteger(b.priority)) return 'priority: integer';
  if (!lax && (b.priority < 1 || b.priority > 5)) return 'priority: 1..5';
  if (b.color !== undefined && !['red', 'green', 'blue'].includes(b.color as string))
    return 'color: red|green|blue';
  return undefined;
}
