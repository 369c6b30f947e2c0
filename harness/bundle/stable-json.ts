// Bundle JSON files are written with every object's keys sorted and 2-space indentation, so the
// same data always gives the same bytes (export → import → export is byte-identical).
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function stableJson(value: unknown): string {
  return JSON.stringify(sortDeep(value), null, 2) + '\n';
}
