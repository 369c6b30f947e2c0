import { parseSunset } from '../diff/lifecycle.js';
import type { DiffOptions } from '../types.js';

export type Removal =
  | { kind: 'without-deprecation' }
  | { kind: 'with-deprecation'; sunset?: string }
  | { kind: 'before-sunset'; sunset: string; undated: boolean }
  | { kind: 'sunset-parse'; raw: unknown };

/**
 * Whether a removal honoured its announced lifecycle. Without `options.date` a removal before a
 * declared sunset cannot be ruled out, so it counts as before the sunset (fail closed).
 */
export function removalKind(facts: Record<string, unknown> | undefined, options: DiffOptions): Removal {
  const f = facts ?? {};
  const deprecated = f['deprecated'] === true || f['baseDeprecated'] === true;
  const raw = f['sunset'] ?? f['baseSunset'];
  if (!deprecated) return { kind: 'without-deprecation' };
  const s = parseSunset(raw);
  if (s && !s.ok) return { kind: 'sunset-parse', raw };
  if (!s) return { kind: 'with-deprecation' };
  if (options.date === undefined) return { kind: 'before-sunset', sunset: s.date, undated: true };
  return options.date < s.date
    ? { kind: 'before-sunset', sunset: s.date, undated: false }
    : { kind: 'with-deprecation', sunset: s.date };
}

export function removalNote(r: Removal): string {
  switch (r.kind) {
    case 'before-sunset':
      return r.undated
        ? ` before its sunset ${r.sunset} (no --date given, so the sunset cannot be confirmed as passed)`
        : ` before its sunset ${r.sunset}`;
    case 'with-deprecation':
      return r.sunset ? ` after deprecation (sunset ${r.sunset})` : ' after deprecation';
    case 'sunset-parse':
      return ` (its x-sunset \`${String(r.raw)}\` is not a date)`;
    default:
      return ' without prior deprecation';
  }
}
