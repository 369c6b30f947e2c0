import { canonicalJson, sha256Hex } from '../report/canonical-json.js';
import { bindKey, keyBindingDigest, type KeyBinding } from '../proofs/key-binding.js';
import type { ShardState } from './shard-state.js';

/** Key bindings as data: digest of the whole set, one digest per kid, and what is wrong with any. */
export function checkKeys(
  keys: readonly unknown[],
): Pick<ShardState, 'keyBindingDigest' | 'keys' | 'keyProblems'> {
  const list: ShardState['keys'] = [];
  const problems: ShardState['keyProblems'] = [];
  const seen = new Set<string>();
  for (const raw of keys) {
    const kid = typeof (raw as { kid?: unknown })?.kid === 'string' ? (raw as { kid: string }).kid : '';
    const alg = typeof (raw as { alg?: unknown })?.alg === 'string' ? (raw as { alg: string }).alg : '';
    if (seen.has(kid))
      problems.push({
        kid,
        id: 'key-binding-duplicate',
        reason: `kid ${JSON.stringify(kid)} is bound more than once`,
      });
    seen.add(kid);
    const bound = bindKey(raw);
    if (!bound.ok) problems.push({ kid, id: 'key-binding-invalid', reason: bound.reason });
    list.push({ kid, alg, digest: sha256Hex(canonicalJson(raw)) });
  }
  list.sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : a.digest < b.digest ? -1 : 1));
  problems.sort((a, b) => (a.kid < b.kid ? -1 : a.kid > b.kid ? 1 : a.id < b.id ? -1 : 1));
  return { keyBindingDigest: keyBindingDigest(keys as KeyBinding[]), keys: list, keyProblems: problems };
}
