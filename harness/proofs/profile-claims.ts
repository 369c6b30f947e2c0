import { unescapeSegment } from '../openapi/json-pointer.js';
import type { RecordProfile } from './record-profile.js';
import { parseRfc3339 } from './rfc3339.js';
import { isLowerHex64 } from './record-claims.js';

/** The fields of a record under a profile, normalised: what the checks compare. */
export interface ProfileClaims {
  seq: number;
  /** 64 lowercase hex digits; undefined when the profile has no chain. */
  prev?: string;
  log?: string;
  /** Signing time in ms since the epoch; undefined when the profile has no time field. */
  timeMs?: number;
  /** The signing time as it appears in the payload (for messages). */
  timeText?: string;
}

type Get = (value: unknown) => unknown;

function compilePointer(pointer: string): Get {
  const tokens = pointer.split('/').slice(1).map(unescapeSegment);
  return (value) => {
    let v = value;
    for (const t of tokens) {
      if (
        v === null ||
        typeof v !== 'object' ||
        Array.isArray(v) ||
        !Object.prototype.hasOwnProperty.call(v, t)
      )
        return undefined;
      v = (v as Record<string, unknown>)[t];
    }
    return v;
  };
}

/**
 * Resolves the profile's pointers once into one function per payload: no pointer parsing, option
 * lookups or closures are made per record.
 */
export function compileClaims(profile: RecordProfile): (payload: unknown) => ProfileClaims | string {
  const f = profile.fields;
  const seqAt = compilePointer(f.seq);
  const prevAt = f.prev === null || profile.chain === 'none' ? undefined : compilePointer(f.prev);
  const logAt = f.log === null ? undefined : compilePointer(f.log);
  const timeAt = f.time === null ? undefined : compilePointer(f.time);
  const statementAt = f.statement === null ? undefined : compilePointer(f.statement);
  const min = profile.firstSeq;
  const time = profile.time;
  return (payload) => {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      return 'payload is not a JSON object';
    const seq = seqAt(payload);
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < min)
      return `${f.seq} (seq) must be an integer ≥ ${min}`;
    const out: ProfileClaims = { seq };
    if (prevAt !== undefined) {
      const prev = prevAt(payload);
      if (typeof prev !== 'string' || !isLowerHex64(prev))
        return `${f.prev} (prev) must be 64 lowercase hex digits`;
      out.prev = prev;
    }
    if (logAt !== undefined) {
      const log = logAt(payload);
      if (typeof log !== 'string' || log === '') return `${f.log} (log) must be a non-empty string`;
      out.log = log;
    }
    if (timeAt !== undefined) {
      const t = timeAt(payload);
      if (time === 'rfc3339') {
        const ms = typeof t === 'string' ? parseRfc3339(t) : undefined;
        if (ms === undefined) return `${f.time} (signing time) must be an RFC 3339 date-time`;
        out.timeMs = ms;
        out.timeText = t as string;
      } else {
        if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0)
          return `${f.time} (signing time) must be a non-negative integer (${time === 'unix-ms' ? 'Unix milliseconds' : 'Unix seconds'})`;
        out.timeMs = time === 'unix-ms' ? t : t * 1000;
        out.timeText = String(t);
      }
    }
    if (statementAt !== undefined) {
      const s = statementAt(payload);
      if (s === null || typeof s !== 'object' || Array.isArray(s))
        return `${f.statement} (statement) must be a JSON object`;
    }
    return out;
  };
}
