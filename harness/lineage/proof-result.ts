/** Result of a Merkle proof check: never throws for bad proofs, so callers branch on `ok`. */
export type ProofResult = { ok: true } | { ok: false; reason: string };

export const OK: ProofResult = Object.freeze({ ok: true });

export function fail(reason: string): ProofResult {
  return { ok: false, reason };
}
