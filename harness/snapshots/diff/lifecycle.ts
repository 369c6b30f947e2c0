/** `x-sunset` values: a date (YYYY-MM-DD) or an RFC 3339 date-time; anything else is unparseable. */
export function parseSunset(v: unknown): { ok: true; date: string } | { ok: false } | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return { ok: false };
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/.exec(
    v.trim(),
  );
  if (!m || Number.isNaN(Date.parse(m[1]!))) return { ok: false };
  return { ok: true, date: m[1]! };
}
