import { DEFAULT_RECORD_PROFILE, type RecordProfile } from './record-profile.js';

export type ProfileResult =
  { ok: true; profile: RecordProfile } | { ok: false; pointer: string; message: string };

// Key material, URLs, critical extensions and unencoded payloads stay refused whatever a profile says.
const NEVER = new Set(['crit', 'b64', 'jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'zip']);
const POINTER = /^(\/([^~/]|~[01])*)+$/;

class Bad extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

function object(v: unknown, at: string, allowed: readonly string[]): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Bad(at, 'must be an object');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new Bad(`${at}/${k}`, 'unknown member');
  return v as Record<string, unknown>;
}

function oneOf<T extends string | number>(v: unknown, at: string, values: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!values.includes(v as T))
    throw new Bad(at, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
  return v as T;
}

function pointer(v: unknown, at: string, dflt: string | null, nullable: boolean): string | null {
  if (v === undefined) return dflt;
  if (v === null && nullable) return null;
  if (typeof v !== 'string' || !POINTER.test(v))
    throw new Bad(
      at,
      `must be a JSON pointer such as "/seq"${nullable ? ' (or null: the log has no such field)' : ''}`,
    );
  return v;
}

/**
 * A profile from configuration or a bundle manifest: members not given take proofgate's default,
 * unknown members are refused (a typo must not silently weaken verification).
 */
export function resolveProfile(input: unknown): ProfileResult {
  try {
    if (input === undefined) return { ok: true, profile: DEFAULT_RECORD_PROFILE };
    const o = object(input, '', ['header', 'payload', 'fields', 'time', 'firstSeq', 'chain', 'anchorLeaf']);
    const d = DEFAULT_RECORD_PROFILE;
    const h = o.header === undefined ? {} : object(o.header, '/header', ['typ', 'jcs', 'allow']);
    let typ = d.header.typ;
    if (h.typ !== undefined) {
      if (
        !Array.isArray(h.typ) ||
        h.typ.length === 0 ||
        !h.typ.every((t) => t === null || (typeof t === 'string' && t !== ''))
      )
        throw new Bad('/header/typ', 'must be a non-empty array of typ strings and/or null (no typ)');
      typ = [...new Set(h.typ as (string | null)[])];
    }
    if (h.jcs !== undefined && typeof h.jcs !== 'boolean')
      throw new Bad('/header/jcs', 'must be true or false');
    let allow = d.header.allow;
    if (h.allow !== undefined) {
      if (!Array.isArray(h.allow) || !h.allow.every((m) => typeof m === 'string' && m !== ''))
        throw new Bad('/header/allow', 'must be an array of header member names');
      for (const [i, m] of (h.allow as string[]).entries()) {
        if (NEVER.has(m))
          throw new Bad(`/header/allow/${i}`, `header member ${JSON.stringify(m)} is never allowed`);
        if (m === 'alg' || m === 'kid' || m === 'typ')
          throw new Bad(`/header/allow/${i}`, `${m} is always allowed`);
      }
      allow = [...new Set(h.allow as string[])].sort();
    }
    const f =
      o.fields === undefined ? {} : object(o.fields, '/fields', ['seq', 'prev', 'log', 'time', 'statement']);
    const chain = oneOf(o.chain, '/chain', ['leaf-hash', 'sha256-of-prev-token', 'none'] as const, d.chain);
    const fields: RecordProfile['fields'] = {
      seq: pointer(f.seq, '/fields/seq', d.fields.seq, false) as string,
      prev: pointer(f.prev, '/fields/prev', d.fields.prev, true),
      log: pointer(f.log, '/fields/log', d.fields.log, true),
      time: pointer(f.time, '/fields/time', d.fields.time, true),
      statement: pointer(f.statement, '/fields/statement', d.fields.statement, true),
    };
    if (chain !== 'none' && fields.prev === null)
      throw new Bad(
        '/fields/prev',
        `chain ${JSON.stringify(chain)} needs the prev field (or set chain to "none")`,
      );
    return {
      ok: true,
      profile: {
        header: { typ, jcs: (h.jcs as boolean | undefined) ?? d.header.jcs, allow },
        payload: oneOf(o.payload, '/payload', ['jcs', 'as-signed'] as const, d.payload),
        fields: chain === 'none' ? { ...fields, prev: null } : fields,
        time: oneOf(o.time, '/time', ['unix-seconds', 'unix-ms', 'rfc3339'] as const, d.time),
        firstSeq: oneOf(o.firstSeq, '/firstSeq', [0, 1] as const, d.firstSeq),
        chain,
        anchorLeaf: oneOf(o.anchorLeaf, '/anchorLeaf', ['rfc6962-token'] as const, d.anchorLeaf),
      },
    };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, pointer: e.pointer, message: e.message };
    throw e;
  }
}
