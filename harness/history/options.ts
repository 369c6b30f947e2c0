import { UsageError } from '../errors/index.js';
import type { SigningAlg } from '../proofs/key-binding.js';

/** One signing key of a generated history: it signs seqs [fromSeq, toSeq). */
export interface HistoryKeySpec {
  alg: SigningAlg;
  fromSeq: number;
  /** Exclusive; omitted for the current key (then valid_until is null). */
  toSeq?: number;
  /** Set revoked_at one day after the key's window closed (its records stay valid). */
  revokedAfterWindow?: boolean;
  kid?: string;
}

export interface HistoryOptions {
  seed: string;
  records: number;
  /** A signed checkpoint after every this many records (0 = none). */
  anchorEvery: number;
  origin?: string;
  /** Default: three keys EdDSA → ES256 → EdDSA rotating at thirds, the first revoked afterwards. */
  keys?: HistoryKeySpec[];
  /** Unix seconds of record 0 (default 1700000000 = 2023-11-14T22:13:20Z). */
  startTime?: number;
  /** Seconds between records' iat (default 60). */
  secondsPerRecord?: number;
  /** Note key name (default: the origin, as tlog-checkpoint logs usually do). */
  noteKeyName?: string;
}

export type ResolvedHistoryOptions = Required<Omit<HistoryOptions, 'keys'>> & {
  keys: (HistoryKeySpec & { kid: string })[];
};

export const DEFAULT_ORIGIN = 'example.com/proofgate-history';

/** The default rotation: EdDSA → ES256 → EdDSA in thirds, the first key revoked afterwards. */
export const DEFAULT_ROTATION: readonly SigningAlg[] = ['EdDSA', 'ES256', 'EdDSA'];

/**
 * Keys that take turns in equal windows, in the order of `algs`; the first is revoked one day
 * after its window (its records stay valid). Fewer records than keys: the first key signs all.
 */
export function rotationKeys(records: number, algs: readonly SigningAlg[]): HistoryKeySpec[] {
  const n = algs.length;
  if (n === 0) throw new UsageError('name at least one signing algorithm');
  if (records < n) return [{ alg: algs[0] as SigningAlg, fromSeq: 0 }];
  return algs.map((alg, i) => ({
    alg,
    fromSeq: Math.floor((i * records) / n),
    ...(i === n - 1 ? {} : { toSeq: Math.floor(((i + 1) * records) / n) }),
    ...(i === 0 && n > 1 ? { revokedAfterWindow: true } : {}),
  }));
}

export function defaultKeys(records: number): HistoryKeySpec[] {
  return rotationKeys(records, DEFAULT_ROTATION);
}

/** Fills defaults and checks that the key windows cover every seq exactly once. */
export function resolveHistoryOptions(o: HistoryOptions): ResolvedHistoryOptions {
  if (!Number.isSafeInteger(o.records) || o.records < 0)
    throw new UsageError('records must be a whole number ≥ 0');
  if (!Number.isSafeInteger(o.anchorEvery) || o.anchorEvery < 0)
    throw new UsageError('anchorEvery must be a whole number ≥ 0');
  if (o.seed.length === 0) throw new UsageError('seed must not be empty');
  const keys = (o.keys ?? defaultKeys(o.records)).map((k, i) => ({
    ...k,
    kid: k.kid ?? `k${i + 1}-${k.alg.toLowerCase()}`,
  }));
  let next = 0;
  for (const [i, k] of keys.entries()) {
    if (k.fromSeq !== next)
      throw new UsageError(`key ${i + 1} must start at seq ${next} (windows are contiguous)`);
    if (k.toSeq === undefined) {
      if (i !== keys.length - 1) throw new UsageError('only the last key may have an open window');
      next = Number.POSITIVE_INFINITY;
    } else {
      if (k.toSeq <= k.fromSeq) throw new UsageError(`key ${i + 1} window is empty`);
      next = k.toSeq;
    }
  }
  if (keys.length === 0 || next < o.records) throw new UsageError('key windows do not cover every record');
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) throw new UsageError('kids must be unique');
  const origin = o.origin ?? DEFAULT_ORIGIN;
  return {
    seed: o.seed,
    records: o.records,
    anchorEvery: o.anchorEvery,
    origin,
    keys,
    startTime: o.startTime ?? 1_700_000_000,
    secondsPerRecord: o.secondsPerRecord ?? 60,
    noteKeyName: o.noteKeyName ?? origin,
  };
}
