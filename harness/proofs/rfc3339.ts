// RFC 3339 §5.6 date-time (with a required offset); Date.parse alone accepts far more.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when not a valid RFC 3339 date-time. */
export function parseRfc3339(value: string): number | undefined {
  const m = RFC3339.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > 31) return undefined;
  if ((h as number) > 23 || (mi as number) > 59 || (s as number) > 60) return undefined;
  void y;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Unix seconds → RFC 3339 UTC without fractions (the form the generator writes). */
export function formatRfc3339(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
