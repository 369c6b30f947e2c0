import { unescapeSegment } from '../openapi/json-pointer.js';
import type { BoundKey } from './key-binding.js';
import type { RecordProfile } from './record-profile.js';
import { parseRfc3339 } from './rfc3339.js';
import {
  NUMBER,
  OBJECT,
  PayloadFields,
  STRING,
  isLowerHex64Bytes,
  plainInteger,
  scanPayload,
} from './scan-payload.js';

/** The plain payload passed every check; the profile has no prev (nothing written). */
export const PLAIN_OK = 1;
/** The plain payload passed every check; its prev was written. */
export const PLAIN_OK_PREV = 2;
/** Not shown ok on the fast path: the full path decides. */
export const PLAIN_UNDECIDED = 0;

const SEQ = 0;
const PREV = 1;
const LOG = 2;
const TIME = 3;
const STATEMENT = 4;

// Value of each lowercase hex digit by byte.
const HEX = new Uint8Array(128);
for (let c = 0; c < 16; c++) HEX['0123456789abcdef'.charCodeAt(c)] = c;

/**
 * A profile's record checks (RecordVerifier's, after the signature) on the plain payloads that
 * scanPayload reads in one pass. It only ever says ok (PLAIN_OK / PLAIN_OK_PREV) or "undecided";
 * every failure, and every payload that is not plain, goes to the full path, which words the
 * reason. Only for profiles whose fields are top-level members (pointers `/name`).
 */
export class PlainFields {
  readonly #fields: PayloadFields;
  readonly #jcs: boolean;
  readonly #has: boolean[];
  readonly #minSeq: number;
  readonly #time: RecordProfile['time'];

  constructor(profile: RecordProfile, names: (string | null)[]) {
    this.#fields = new PayloadFields(names.map((n) => n ?? ''));
    this.#has = names.map((n) => n !== null);
    this.#jcs = profile.payload === 'jcs';
    this.#minSeq = profile.firstSeq;
    this.#time = profile.time;
  }

  /**
   * PLAIN_OK(_PREV) when the payload is plain and every check passes under `key` (signing time
   * inside its validity and before revocation), for the log `log` (UTF-8 bytes) at seq `seq`.
   */
  check(
    payload: Uint8Array,
    key: BoundKey,
    log: Uint8Array,
    seq: number,
    prevOut: Uint8Array,
    at: number,
  ): number {
    const f = this.#fields;
    if (!scanPayload(payload, 0, payload.length, this.#jcs, f)) return PLAIN_UNDECIDED;
    const kind = f.kind;
    const start = f.start;
    const end = f.end;
    // seq: an integer ≥ firstSeq (the default's "non-negative" is firstSeq 0), and the stored one.
    if (kind[SEQ] !== NUMBER) return PLAIN_UNDECIDED;
    const s = plainInteger(payload, start[SEQ] as number, end[SEQ] as number);
    if (s < this.#minSeq || s !== seq) return PLAIN_UNDECIDED;
    if (this.#has[PREV]) {
      if (kind[PREV] !== STRING || !isLowerHex64Bytes(payload, start[PREV] as number, end[PREV] as number))
        return PLAIN_UNDECIDED;
    }
    if (this.#has[LOG]) {
      const ls = start[LOG] as number;
      const le = end[LOG] as number;
      if (kind[LOG] !== STRING || le === ls || le - ls !== log.length) return PLAIN_UNDECIDED;
      for (let k = 0; k < log.length; k++) if (payload[ls + k] !== log[k]) return PLAIN_UNDECIDED;
    }
    if (this.#has[TIME]) {
      let t: number;
      if (this.#time === 'rfc3339') {
        if (kind[TIME] !== STRING) return PLAIN_UNDECIDED;
        const ms = parseRfc3339(
          Buffer.from(
            payload.buffer,
            payload.byteOffset + (start[TIME] as number),
            (end[TIME] as number) - (start[TIME] as number),
          ).toString('latin1'),
        );
        if (ms === undefined) return PLAIN_UNDECIDED;
        t = ms;
      } else {
        if (kind[TIME] !== NUMBER) return PLAIN_UNDECIDED;
        const n = plainInteger(payload, start[TIME] as number, end[TIME] as number);
        if (n < 0) return PLAIN_UNDECIDED;
        t = this.#time === 'unix-ms' ? n : n * 1000;
      }
      if (t < key.validFrom || (key.validUntil !== null && t >= key.validUntil)) return PLAIN_UNDECIDED;
      if (key.revokedAt !== null && t >= key.revokedAt) return PLAIN_UNDECIDED;
    }
    if (this.#has[STATEMENT] && kind[STATEMENT] !== OBJECT) return PLAIN_UNDECIDED;
    if (!this.#has[PREV]) return PLAIN_OK;
    const p = start[PREV] as number;
    for (let k = 0; k < 32; k++)
      prevOut[at + k] =
        ((HEX[payload[p + 2 * k] as number] as number) << 4) |
        (HEX[payload[p + 2 * k + 1] as number] as number);
    return PLAIN_OK_PREV;
  }
}

/** The top-level member a pointer names (`/name`, with ~1 and ~0 decoded), or undefined when it is deeper or the whole document. */
function topLevelName(pointer: string): string | undefined {
  if (!pointer.startsWith('/') || pointer.indexOf('/', 1) >= 0) return undefined;
  return unescapeSegment(pointer.slice(1));
}

/** The fast checks for a profile, or undefined when a field is not a top-level member (always the full path). */
export function plainFieldsOf(profile: RecordProfile): PlainFields | undefined {
  const f = profile.fields;
  const pointers = [
    f.seq,
    f.prev === null || profile.chain === 'none' ? null : f.prev,
    f.log,
    f.time,
    f.statement,
  ];
  const names: (string | null)[] = [];
  for (const p of pointers) {
    if (p === null) {
      names.push(null);
      continue;
    }
    const name = topLevelName(p);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return new PlainFields(profile, names);
}
