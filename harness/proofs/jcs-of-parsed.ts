/**
 * RFC 8785 (JCS) serialization of a value that came from JSON.parse (plain data: no cycles, no
 * toJSON, no boxed primitives), as a fast path for "is this payload exactly its JCS form". It
 * gives the same bytes as the `canonicalize` package (checked on the RFC 8785 vectors); lone
 * surrogates are not JCS (§3.2.2.2) and give undefined.
 */
export function jcsOfParsed(value: unknown): string | undefined {
  try {
    return ser(value);
  } catch {
    return undefined;
  }
}

function ser(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      // String.prototype.isWellFormed (ES2024; Node ≥ 20) is missing from this TS lib setting.
      if (!(v as unknown as { isWellFormed(): boolean }).isWellFormed()) throw new Error('lone surrogate');
      return JSON.stringify(v);
    case 'number':
      // ECMAScript Number::toString is the JCS number form (§3.2.2.3); ±Infinity is not JSON.
      if (!Number.isFinite(v)) throw new Error('not finite');
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error('not JSON');
  }
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + ser(v[i]);
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  // JCS §3.2.3: members sorted by UTF-16 code units, which is what the default sort compares.
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i === 0 ? '' : ','}${ser(k)}:${ser(o[k])}`;
  }
  return `${out}}`;
}
