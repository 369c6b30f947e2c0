import type { Delta } from '../diff/types.js';
import { parseSunset } from '../diff/lifecycle.js';
import { stabilityRank } from '../diff/schema-pairs.js';
import type { DiffOptions } from '../types.js';
import { code, rule, type RuleFamily } from './define.js';
import { describe } from './schema-family.js';

const F = 'lifecycle';

/**
 * Deprecation, `x-sunset` and `x-stability-level` (draft < alpha < beta < stable; unlabeled = stable)
 * for operations, parameters and schema properties. Date-dependent judgements use `options.date` only.
 */
export const lifecycle: RuleFamily = {
  family: F,
  rules: [
    rule(
      F,
      'endpoint-deprecated',
      'non-breaking',
      'Deprecation announces a removal; the operation still works.',
    ),
    rule(
      F,
      'endpoint-deprecated-with-sunset',
      'non-breaking',
      'Deprecation with a sunset date announces when the operation may go.',
    ),
    rule(F, 'endpoint-reactivated', 'non-breaking', 'The operation is no longer deprecated.'),
    rule(
      F,
      'api-deprecated-sunset-parse',
      'breaking',
      'The new x-sunset cannot be parsed: nobody can tell when the operation goes.',
    ),
    rule(
      F,
      'api-path-sunset-parse',
      'breaking',
      'An x-sunset cannot be parsed: the removal date is unknown.',
    ),
    rule(
      F,
      'sunset-deleted',
      'breaking',
      'A deprecated operation lost its sunset date: the removal schedule is gone.',
    ),
    rule(F, 'api-sunset-date-changed-too-small', 'breaking', 'The sunset moved earlier than announced.'),
    rule(F, 'api-sunset-date-changed', 'non-breaking', 'The sunset moved later: clients get more time.'),
    rule(F, 'api-sunset-added', 'non-breaking', 'A sunset date on an already deprecated operation.'),
    rule(
      F,
      'api-stability-decreased',
      'breaking',
      'A lower x-stability-level withdraws the stability promise.',
    ),
    rule(F, 'api-stability-increased', 'non-breaking', 'A higher x-stability-level strengthens the promise.'),
    rule(
      F,
      'api-invalid-stability-level',
      'breaking',
      'x-stability-level must be draft, alpha, beta or stable; an unknown level cannot be judged (fail closed).',
    ),
    rule(
      F,
      'request-parameter-deprecated',
      'non-breaking',
      'Deprecation announces a removal; the parameter still works.',
    ),
    rule(F, 'request-parameter-reactivated', 'non-breaking', 'The parameter is no longer deprecated.'),
    rule(F, 'request-parameter-sunset-parse', 'breaking', 'An x-sunset of the parameter cannot be parsed.'),
    rule(F, 'request-parameter-sunset-deleted', 'breaking', 'A deprecated parameter lost its sunset date.'),
    rule(
      F,
      'request-parameter-sunset-date-changed-too-small',
      'breaking',
      'The parameter sunset moved earlier than announced.',
    ),
    rule(F, 'request-parameter-sunset-date-changed', 'non-breaking', 'The parameter sunset moved later.'),
    rule(F, 'request-parameter-sunset-added', 'non-breaking', 'A sunset date on a deprecated parameter.'),
    ...(['request', 'response'] as const).flatMap((dir) => [
      rule(
        F,
        `${dir}-property-deprecated`,
        'non-breaking',
        'Deprecation announces a removal; the property still works.',
      ),
      rule(F, `${dir}-property-deprecated-with-sunset`, 'non-breaking', 'Deprecation with a sunset date.'),
      rule(
        F,
        `${dir}-property-deprecated-sunset-invalid`,
        'breaking',
        'The property x-sunset cannot be parsed.',
      ),
      rule(F, `${dir}-property-reactivated`, 'non-breaking', 'The property is no longer deprecated.'),
      rule(
        F,
        `${dir}-property-stability-decreased`,
        'breaking',
        'A lower x-stability-level withdraws the stability promise.',
      ),
      rule(
        F,
        `${dir}-property-stability-increased`,
        'non-breaking',
        'A higher x-stability-level strengthens the promise.',
      ),
    ]),
  ],
  judge(d: Delta, options: DiffOptions) {
    if (d.scope === 'endpoint') return endpoint(d);
    if (d.scope === 'request-parameter') return parameter(d);
    const dir = d.scope.startsWith('request') ? 'request' : 'response';
    switch (d.change) {
      case 'deprecated': {
        const s = parseSunset(d.facts?.['sunset']);
        if (s && !s.ok)
          return {
            id: `${dir}-property-deprecated-sunset-invalid`,
            message: describe(d, `deprecated with an unparseable x-sunset ${code(d.facts?.['sunset'])}`),
          };
        if (s)
          return {
            id: `${dir}-property-deprecated-with-sunset`,
            message: describe(d, `deprecated, sunset ${s.date}`),
          };
        return { id: `${dir}-property-deprecated`, message: describe(d, 'deprecated') };
      }
      case 'reactivated':
        return { id: `${dir}-property-reactivated`, message: describe(d, 'no longer deprecated') };
      case 'stability-decreased':
      case 'stability-increased':
        return {
          id: `${dir}-property-${d.change}`,
          message: describe(
            d,
            `x-stability-level ${d.change.slice(10)} from ${code(d.from ?? 'stable')} to ${code(d.to ?? 'stable')}`,
          ),
        };
      case 'invalid-stability-level':
        return {
          id: 'api-invalid-stability-level',
          message: describe(d, `invalid x-stability-level ${code(d.to ?? d.from)}`),
        };
    }
    void options;
    return undefined;
  },
};

function sunsetChange(d: Delta, prefix: 'api' | 'request-parameter', what: string) {
  const from = parseSunset(d.from);
  const to = parseSunset(d.to);
  const f = d.facts ?? {};
  const bad =
    prefix === 'api'
      ? f['baseDeprecated']
        ? 'api-path-sunset-parse'
        : 'api-deprecated-sunset-parse'
      : 'request-parameter-sunset-parse';
  if ((from && !from.ok) || (to && !to.ok))
    return {
      id: bad,
      message: `${what}: x-sunset ${code(to && !to.ok ? d.to : d.from)} is not a date (YYYY-MM-DD or RFC 3339)`,
    };
  if (!f['deprecated']) return null; // reactivated: covered by the reactivation finding
  const deleted = prefix === 'api' ? 'sunset-deleted' : 'request-parameter-sunset-deleted';
  if (from && !to)
    return {
      id: deleted,
      message: `${what}: sunset ${from.ok ? from.date : ''} deleted while still deprecated`,
    };
  if (!from && to?.ok)
    return f['baseDeprecated']
      ? { id: `${prefix}-sunset-added`, message: `${what}: sunset ${to.date} added` }
      : null;
  if (from?.ok && to?.ok) {
    if (to.date < from.date)
      return {
        id: `${prefix}-sunset-date-changed-too-small`,
        message: `${what}: sunset moved earlier, from ${from.date} to ${to.date}`,
      };
    if (to.date === from.date) return null;
    return {
      id: `${prefix}-sunset-date-changed`,
      message: `${what}: sunset moved from ${from.date} to ${to.date}`,
    };
  }
  return null;
}

function endpoint(d: Delta) {
  const what = `${d.method} ${d.path}`;
  switch (d.change) {
    case 'deprecated': {
      const s = parseSunset(d.facts?.['sunset']);
      if (s?.ok)
        return { id: 'endpoint-deprecated-with-sunset', message: `${what}: deprecated, sunset ${s.date}` };
      return { id: 'endpoint-deprecated', message: `${what}: deprecated` };
    }
    case 'reactivated':
      return { id: 'endpoint-reactivated', message: `${what}: no longer deprecated` };
    case 'sunset-changed':
      return sunsetChange(d, 'api', what);
    case 'stability-changed': {
      const x = stabilityRank(d.from);
      const y = stabilityRank(d.to);
      if (x === undefined || y === undefined)
        return {
          id: 'api-invalid-stability-level',
          message: `${what}: invalid x-stability-level ${code(x === undefined ? d.from : d.to)} (draft, alpha, beta or stable)`,
        };
      if (y < x)
        return {
          id: 'api-stability-decreased',
          message: `${what}: x-stability-level decreased from ${code(d.from ?? 'stable')} to ${code(d.to ?? 'stable')}`,
        };
      if (y > x)
        return {
          id: 'api-stability-increased',
          message: `${what}: x-stability-level increased from ${code(d.from ?? 'stable')} to ${code(d.to ?? 'stable')}`,
        };
      return null;
    }
  }
  return undefined;
}

function parameter(d: Delta) {
  const what = `request parameter \`${d.subject}\``;
  switch (d.change) {
    case 'deprecated':
      return { id: 'request-parameter-deprecated', message: `${what}: deprecated` };
    case 'reactivated':
      return { id: 'request-parameter-reactivated', message: `${what}: no longer deprecated` };
    case 'sunset-changed':
      return sunsetChange(d, 'request-parameter', what);
  }
  return undefined;
}
